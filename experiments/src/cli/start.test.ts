/**
 * How the command starts: from a bundle that is rebuilt only when a source changed, loading only what the
 * command it runs needs.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'scaling-lab.js');

describe('scaling-lab list', () => {
  it('loads neither the report renderer, the trainer nor the progress bar', () => {
    // Runs the command in a process that then prints every module it loaded.
    const script = `
      require(${JSON.stringify(BIN)});
      process.on('beforeExit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));`;
    const r = spawnSync(process.execPath, ['-e', script, '--', 'scaling-lab', 'list', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).backbones.length).toBeGreaterThan(0);
    const packages = new Set(
      (JSON.parse(r.stderr) as string[]).map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean),
    );
    expect(packages).toContain('commander');
    expect(packages).toContain('@tensorflow/tfjs-layers');
    for (const heavy of ['vega', 'vega-lite', '@resvg/resvg-js', '@tensorflow/tfjs-backend-wasm', 'cli-progress', 'pngjs', 'csv-stringify']) {
      expect(packages).not.toContain(heavy);
    }
  });
});
