/**
 * The published package as a user gets it: `npm pack` (which builds it), the tarball installed into a scratch
 * project in a temp directory outside the workspace (its npm dependencies come from the registry, through the
 * local cache when it has them), then used from plain Node with `require` and with `import`, from TypeScript
 * through its declarations, and through its `scaling-lab` command.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PACKAGE_ROOT = path.resolve(__dirname, '..');
const TSC = require.resolve('typescript/bin/tsc');
const MINUTES = 60_000;

let scratch: string;

function node(args: string[], timeout = 5 * MINUTES): string {
  return execFileSync(process.execPath, args, {
    cwd: scratch,
    encoding: 'utf8',
    timeout,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function lastJson(output: string): Record<string, unknown> {
  return JSON.parse(output.trim().split('\n').pop() ?? '');
}

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-lab-pack-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    timeout: 10 * MINUTES,
  });
  const tarball = path.join(scratch, packed.trim().split('\n').pop() ?? '');
  fs.writeFileSync(
    path.join(scratch, 'package.json'),
    JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }),
  );
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
    cwd: scratch,
    encoding: 'utf8',
    timeout: 10 * MINUTES,
  });
}, 20 * MINUTES);

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test('the tarball holds the bundles, the declarations and the command, no sources', () => {
  const installed = path.join(scratch, 'node_modules', 'scaling-lab');
  const files = fs.readdirSync(installed, { recursive: true }).map(String).sort();
  expect(files).toEqual([
    'bin',
    'bin/scaling-lab.js',
    'dist',
    'dist/cli.js',
    'dist/index.d.ts',
    'dist/index.js',
    'package.json',
  ]);
});

// Published EfficientNet-B0 has 5,288,548 trainable params with 1000 classes; its classifier is
// 1280×1000 + 1000 = 1,281,000 of them, and 1280×10 + 10 = 12,810 with 10 classes: 4,020,358.
const B0_10_CLASSES_TRAINABLE = 4_020_358;

test('require: EfficientNet-B0 with 10 classes has 4,020,358 trainable params and predicts', () => {
  fs.writeFileSync(
    path.join(scratch, 'use.cjs'),
    `
const tf = require('@tensorflow/tfjs');
const { createModel, profileModel, backboneIds } = require('scaling-lab');
const model = createModel('efficientnet-b0', { numClasses: 10 });
const y = model.predict(tf.ones([1, 224, 224, 3]));
console.log(JSON.stringify({ trainable: profileModel(model).params.trainable, shape: y.shape, sum: y.sum().dataSync()[0], ids: backboneIds() }));
`,
  );
  const out = lastJson(node(['use.cjs']));
  expect(out.trainable).toBe(B0_10_CLASSES_TRAINABLE);
  expect(out.shape).toEqual([1, 10]);
  expect(out.sum).toBeCloseTo(1, 5);
  expect(out.ids).toEqual(expect.arrayContaining(['efficientnet-b0', 'mobilenet-v2', 'resnet-50']));
});

test('import: the same through ESM named imports of the CommonJS build', () => {
  fs.writeFileSync(
    path.join(scratch, 'use.mjs'),
    `
import * as tf from '@tensorflow/tfjs';
import { createModel, profileModel } from 'scaling-lab';
const model = createModel('efficientnet-b0', { numClasses: 10 });
const y = model.predict(tf.ones([1, 224, 224, 3]));
console.log(JSON.stringify({ trainable: profileModel(model).params.trainable, shape: y.shape, sum: y.sum().dataSync()[0] }));
`,
  );
  const out = lastJson(node(['use.mjs']));
  expect(out.trainable).toBe(B0_10_CLASSES_TRAINABLE);
  expect(out.shape).toEqual([1, 10]);
  expect(out.sum).toBeCloseTo(1, 5);
});

test('types: a TypeScript consumer compiles against dist/index.d.ts, and a misuse does not', () => {
  fs.writeFileSync(
    path.join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        skipLibCheck: true,
        types: [],
      },
      files: ['use.ts'],
    }),
  );
  const write = (body: string) =>
    fs.writeFileSync(
      path.join(scratch, 'use.ts'),
      `
import type * as tf from '@tensorflow/tfjs';
import { createModel, planLadder, profileModel, type SolvedLadder } from 'scaling-lab';
const model: tf.LayersModel = createModel('efficientnet-b0', { numClasses: 10, phi: 1 });
const params: number = profileModel(model).params.trainable;
const ladder: SolvedLadder = planLadder('mobilenet-v2', { ratios: [1, 2] });
export { params, ladder };
${body}
`,
    );
  const typecheck = () =>
    spawnSync(process.execPath, [TSC, '-p', '.'], { cwd: scratch, encoding: 'utf8', timeout: 5 * MINUTES });
  write('');
  expect(typecheck()).toMatchObject({ status: 0, stdout: '' });
  write("createModel('efficientnet-b0', { classes: 10 });");
  const misuse = typecheck();
  expect(misuse.status).not.toBe(0);
  expect(misuse.stdout).toMatch(/'classes' does not exist in type 'CreateModelOptions'/);
});

test(
  "runExperiment trains a smoke ladder in the installed package's own processes and writes the report",
  () => {
    fs.writeFileSync(
      path.join(scratch, 'run.mjs'),
      `
import { runExperiment } from 'scaling-lab';
const outcome = await runExperiment('mobilenet-v2-depth', { preset: 'smoke', jobs: 2, backend: 'wasm' });
console.log(JSON.stringify(outcome));
`,
    );
    const out = lastJson(node(['run.mjs'], 15 * MINUTES));
    expect(out.failed).toEqual([]);
    expect(out.trained).toEqual(['baseline-s0', 'depth-x2-s0']);
    expect(out.reportDir).toBe(path.join(fs.realpathSync(scratch), 'reports', 'smoke', 'mobilenet-v2-depth'));
    const csv = fs
      .readFileSync(path.join(String(out.reportDir), 'results.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(3);
    // Work state lands in the project that called it, not inside node_modules.
    expect(fs.existsSync(path.join(scratch, '.scaling-lab', 'runs', 'smoke', 'mobilenet-v2-depth', 'runs'))).toBe(true);
  },
  20 * MINUTES,
);

test('the installed scaling-lab command runs from its bundle', () => {
  const out = node([path.join('node_modules', '.bin', 'scaling-lab'), 'list', '--json']);
  const listed = JSON.parse(out) as { backbones: { id: string }[] };
  expect(listed.backbones.map((b) => b.id)).toContain('efficientnet-b0');
});
