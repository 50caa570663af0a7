/** The workspace's Nx plugin: generators for extending Scaling Lab (see generators.json). */
export { backboneGenerator, type BackboneGeneratorSchema } from './generators/backbone/generator';
export { ID_PATTERN, BackboneIdError, validateBackboneId, backboneNames } from './generators/backbone/backbone-id';
