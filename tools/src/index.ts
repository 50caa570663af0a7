/**
 * The workspace's Nx plugin: generators for extending Scaling Lab (see generators.json). Its createNodes, which
 * infers the experiment targets, is loaded by nx.json from ./plugin/create-nodes.ts.
 */
export { backboneGenerator, type BackboneGeneratorSchema } from './generators/backbone/generator';
export { ID_PATTERN, BackboneIdError, validateBackboneId, backboneNames } from './generators/backbone/backbone-id';
