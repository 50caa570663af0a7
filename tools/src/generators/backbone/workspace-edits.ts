/**
 * The workspace edits that make a new backbone package discoverable: its import alias and its registration in
 * @scaling-lab/backbones (registry → CLI, runner, catalogue, registry tests, and the experiment targets the
 * workspace's Nx plugin infers from the catalogue).
 */
import { type Tree, updateJson } from '@nx/devkit';
import { STRATEGIES } from '@scaling-lab/scaling';
import type { BackboneNames } from './backbone-id';

export const TSCONFIG_BASE = 'tsconfig.base.json';
export const BACKBONES_INDEX = 'packages/backbones/src/index.ts';
export const BACKBONES_PACKAGE = 'packages/backbones/package.json';
/** The line in BACKBONES_INDEX after which registrations are appended. */
export const REGISTER_MARKER = '// New backbones are registered below (the backbone generator appends here).';

function read(tree: Tree, file: string): string {
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new Error(`cannot add the backbone: ${file} is missing`);
  return text;
}

/**
 * Adds `@scaling-lab/<id>` to tsconfig.base.json's paths. Inserted as one line next to the other aliases
 * (before `@scaling-lab/backbones`) so the file keeps its hand-written layout.
 */
export function addPathAlias(tree: Tree, id: string): void {
  const alias = `@scaling-lab/${id}`;
  const target = `packages/${id}/src/index.ts`;
  const text = read(tree, TSCONFIG_BASE);
  const anchor = text.match(/^([ \t]*)"@scaling-lab\/backbones"\s*:/m);
  if (anchor?.index !== undefined) {
    const line = `${anchor[1]}"${alias}": ["${target}"],\n`;
    tree.write(TSCONFIG_BASE, text.slice(0, anchor.index) + line + text.slice(anchor.index));
  } else {
    updateJson(tree, TSCONFIG_BASE, (json) => {
      json.compilerOptions.paths = { ...json.compilerOptions.paths, [alias]: [target] };
      return json;
    });
  }
  const written = JSON.parse(read(tree, TSCONFIG_BASE));
  if (written.compilerOptions?.paths?.[alias]?.[0] !== target) {
    throw new Error(`cannot add the backbone: adding ${alias} to ${TSCONFIG_BASE} failed; add it by hand`);
  }
}

/** Imports the record after the last import and registers it after the marker's existing registrations. */
export function registerInBackbones(tree: Tree, names: BackboneNames): void {
  const lines = read(tree, BACKBONES_INDEX).split('\n');
  const marker = lines.findIndex((l) => l.trim() === REGISTER_MARKER);
  if (marker < 0) {
    throw new Error(`cannot register the backbone: ${BACKBONES_INDEX} lacks the line '${REGISTER_MARKER}'`);
  }
  let registerAt = marker + 1;
  while (registerAt < lines.length && /^registerBackbone\(/.test(lines[registerAt])) registerAt++;
  lines.splice(registerAt, 0, `registerBackbone(${names.propertyName});`);
  const lastImport = lines.reduce((last, l, i) => (/^import .* from '.*';$/.test(l) ? i : last), -1);
  lines.splice(lastImport + 1, 0, `import { ${names.propertyName} } from '@scaling-lab/${names.id}';`);
  tree.write(BACKBONES_INDEX, lines.join('\n'));

  updateJson(tree, BACKBONES_PACKAGE, (json) => {
    json.dependencies = { ...json.dependencies, [`@scaling-lab/${names.id}`]: '*' };
    return json;
  });
}

/** The new family's experiment names in catalogue order: one per strategy, then `<family>-all`, then its search. */
export function experimentNames(family: string): string[] {
  return [...STRATEGIES.map((s) => `${family}-${s}`), `${family}-all`, `${family}-search`];
}
