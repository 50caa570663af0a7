/**
 * `nx g @scaling-lab/tools:backbone <id>`: scaffolds packages/<id> as a working backbone (a VGG-style stage
 * table, one builder, a Backbone record stating its own computed reference numbers, a test) and wires it in,
 * so `scaling-lab list|inspect|run` and the registry tests see it with no other edit. See docs/adding-a-backbone.md.
 */
import * as path from 'node:path';
import { generateFiles, logger, type Tree } from '@nx/devkit';
import { backboneIds, listFamilies } from '@scaling-lab/backbones';
import { backboneNames, validateBackboneId } from './backbone-id';
import { SCAFFOLD_TABLE, scaffoldReference, totalStride } from './scaffold-table';
import { addPathAlias, experimentNames, registerInBackbones } from './workspace-edits';

export interface BackboneGeneratorSchema {
  readonly id: string;
  readonly title?: string;
}

export async function backboneGenerator(tree: Tree, options: BackboneGeneratorSchema): Promise<() => void> {
  const id = validateBackboneId(tree, options.id, { backbones: backboneIds(), families: [...listFamilies().keys()] });
  const names = backboneNames(id, options.title);
  const table = SCAFFOLD_TABLE;
  generateFiles(tree, path.join(__dirname, 'files'), `packages/${id}`, {
    ...names,
    table,
    totalStride: totalStride(table),
    reference: scaffoldReference(table, table.baseResolution, 1000),
    tmpl: '',
  });
  addPathAlias(tree, id);
  registerInBackbones(tree, names);
  return () => {
    logger.info(`Added backbone '${id}' (packages/${id}); nx infers its targets ${experimentNames(id).join(', ')}.`);
    logger.info('Next: `npm install` to record the new workspace in package-lock.json (CI runs `npm ci`), then');
    logger.info(`  npx scaling-lab inspect --backbone ${id}`);
    logger.info(`  npx jest -c packages/${id}/jest.config.js && npx jest -c packages/backbones/jest.config.js`);
  };
}

export default backboneGenerator;
