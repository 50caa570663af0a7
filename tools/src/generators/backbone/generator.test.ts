import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { backboneGenerator } from './generator';
import { SCAFFOLD_TABLE, scaffoldReference } from './scaffold-table';
import { BACKBONES_INDEX, BACKBONES_PACKAGE, experimentNames, TSCONFIG_BASE } from './workspace-edits';

const EXPERIMENTS_PROJECT = 'experiments/project.json';

const ROOT = path.resolve(__dirname, '../../../..');

/** The real files the generator edits, copied into a virtual workspace. */
function seededTree(): Tree {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  for (const file of [
    TSCONFIG_BASE,
    BACKBONES_INDEX,
    BACKBONES_PACKAGE,
    EXPERIMENTS_PROJECT,
    'packages/core/project.json',
  ]) {
    tree.write(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
  }
  return tree;
}

describe('backbone generator', () => {
  let tree: Tree;
  let before: Map<string, string>;
  beforeEach(() => {
    tree = seededTree();
    before = new Map(tree.listChanges().map((c) => [c.path, c.content!.toString()]));
  });

  it('scaffolds the package files', async () => {
    await backboneGenerator(tree, { id: 'demo-net' });
    for (const file of [
      'package.json',
      'project.json',
      'tsconfig.json',
      'jest.config.js',
      'src/index.ts',
      'src/stage-table.ts',
      'src/build.ts',
      'src/backbone.ts',
      'src/demo-net.test.ts',
    ]) {
      expect(tree.exists(`packages/demo-net/${file}`)).toBe(true);
    }
    expect(readJson(tree, 'packages/demo-net/package.json').name).toBe('@scaling-lab/demo-net');
    // typecheck and test are inferred by the official Nx plugins from tsconfig.json and jest.config.js.
    expect(readJson(tree, 'packages/demo-net/project.json').targets).toBeUndefined();
    const backbone = tree.read('packages/demo-net/src/backbone.ts', 'utf-8')!;
    expect(backbone).toContain("id: 'demo-net'");
    expect(backbone).toContain("name: 'Demo-Net'");
    expect(backbone).toContain('export const demoNet: Backbone<DemoNetStage>');
    // The stated reference is the scaffold's own computed count, and says so.
    const ref = scaffoldReference(SCAFFOLD_TABLE, SCAFFOLD_TABLE.baseResolution, 1000);
    expect(backbone).toContain(`trainableParams: ${ref.trainableParams},`);
    expect(backbone).toContain(`flops: ${ref.flops},`);
    expect(backbone).toContain('not a published model');
    const table = tree.read('packages/demo-net/src/stage-table.ts', 'utf-8')!;
    expect(table.match(/^ {2}conv\(\d+, \d+, \d+, \d+\),$/gm)).toHaveLength(SCAFFOLD_TABLE.stages.length);
    // No template markers survive.
    for (const c of tree.listChanges()) expect(c.content?.toString() ?? '').not.toMatch(/<%|%>|__tmpl__/);
  });

  it('uses --title as the human name and for the casing of type and record names', async () => {
    await backboneGenerator(tree, { id: 'sample-net-v2', title: 'SampleNet-V2' });
    const backbone = tree.read('packages/sample-net-v2/src/backbone.ts', 'utf-8')!;
    expect(backbone).toContain("name: 'SampleNet-V2'");
    expect(backbone).toContain('export const sampleNetV2: Backbone<SampleNetV2Stage>');
    await backboneGenerator(tree, { id: 'mobilenet-v9', title: 'MobileNetV9' });
    const mobile = tree.read('packages/mobilenet-v9/src/backbone.ts', 'utf-8')!;
    expect(mobile).toContain('export const mobileNetV9: Backbone<MobileNetV9Stage>');
    expect(mobile).toContain('buildMobileNetV9(spec');
    expect(tree.read(BACKBONES_INDEX, 'utf-8')).toContain("import { mobileNetV9 } from '@scaling-lab/mobilenet-v9';");
  });

  it('adds the import alias without reformatting tsconfig.base.json', async () => {
    await backboneGenerator(tree, { id: 'demo-net' });
    const text = tree.read(TSCONFIG_BASE, 'utf-8')!;
    expect(JSON.parse(text).compilerOptions.paths['@scaling-lab/demo-net']).toEqual(['packages/demo-net/src/index.ts']);
    const added = text.split('\n').filter((l) => !before.get(TSCONFIG_BASE)!.split('\n').includes(l));
    expect(added).toEqual(['      "@scaling-lab/demo-net": ["packages/demo-net/src/index.ts"],']);
  });

  it('imports and registers the record in @scaling-lab/backbones, after earlier generated ones', async () => {
    await backboneGenerator(tree, { id: 'demo-net' });
    await backboneGenerator(tree, { id: 'other-net' });
    const registrations = (text: string) => {
      const lines = text.split('\n');
      const marker = lines.findIndex((l) => l.includes('the backbone generator appends here'));
      const after = lines.slice(marker + 1);
      return after.slice(
        0,
        after.findIndex((l) => !l.startsWith('registerBackbone(')),
      );
    };
    const index = tree.read(BACKBONES_INDEX, 'utf-8')!.split('\n');
    const marker = index.findIndex((l) => l.includes('the backbone generator appends here'));
    // Earlier generated registrations stay first; the new ones follow in generation order.
    expect(registrations(index.join('\n'))).toEqual([
      ...registrations(before.get(BACKBONES_INDEX)!),
      'registerBackbone(demoNet);',
      'registerBackbone(otherNet);',
    ]);
    const imports = index.filter((l) => l.startsWith('import '));
    expect(imports.slice(-2)).toEqual([
      "import { demoNet } from '@scaling-lab/demo-net';",
      "import { otherNet } from '@scaling-lab/other-net';",
    ]);
    // Imports stay above the code that uses them.
    expect(index.indexOf(imports[imports.length - 1])).toBeLessThan(marker);
    expect(readJson(tree, BACKBONES_PACKAGE).dependencies['@scaling-lab/demo-net']).toBe('*');
  });

  it("leaves experiments/project.json alone: the workspace plugin infers the new family's targets", async () => {
    await backboneGenerator(tree, { id: 'demo-net' });
    expect(tree.read(EXPERIMENTS_PROJECT, 'utf-8')).toBe(before.get(EXPERIMENTS_PROJECT));
    expect(experimentNames('demo-net')).toEqual([
      'demo-net-depth',
      'demo-net-width',
      'demo-net-resolution',
      'demo-net-compound',
      'demo-net-all',
      'demo-net-search',
    ]);
  });

  it.each([
    ['DemoNet', 'invalid backbone id'],
    ['3-net', 'invalid backbone id'],
    ['demo_net', 'invalid backbone id'],
    ['demo--net', 'invalid backbone id'],
    ['demo-', 'invalid backbone id'],
    ['', 'invalid backbone id'],
  ])('refuses %j: %s', async (id, message) => {
    await expect(backboneGenerator(tree, { id })).rejects.toThrow(
      `${message} '${id}': use lowercase letters, digits and single dashes, starting with a letter`,
    );
    expect(
      tree
        .listChanges()
        .map((c) => c.path)
        .sort(),
    ).toEqual([...before.keys()].sort());
  });

  it.each([
    ['resnet-50', 'a registered backbone has this id'],
    ['efficientnet', "the 'efficientnet' family already has experiments"],
    ['core', 'packages/core already exists'],
    ['experiments', "an nx project is named 'experiments'"],
  ])('refuses the taken id %s (%s)', async (id, reason) => {
    await expect(backboneGenerator(tree, { id })).rejects.toThrow(`backbone id '${id}' is taken: ${reason}`);
  });

  it('refuses an id whose package folder or alias exists', async () => {
    await backboneGenerator(tree, { id: 'demo-net' });
    await expect(backboneGenerator(tree, { id: 'demo-net' })).rejects.toThrow(
      "backbone id 'demo-net' is taken: packages/demo-net already exists",
    );
    tree.write(
      TSCONFIG_BASE,
      tree
        .read(TSCONFIG_BASE, 'utf-8')!
        .replace('"@scaling-lab/backbones"', '"@scaling-lab/ghost": ["x.ts"],\n      "@scaling-lab/backbones"'),
    );
    await expect(backboneGenerator(tree, { id: 'ghost' })).rejects.toThrow(
      'the import alias @scaling-lab/ghost exists',
    );
  });

  it('names the missing marker when packages/backbones/src/index.ts lacks it', async () => {
    tree.write(BACKBONES_INDEX, "import { registerBackbone } from '@scaling-lab/core';\n");
    await expect(backboneGenerator(tree, { id: 'demo-net' })).rejects.toThrow('lacks the line');
  });
});
