// The setup build script: its no-build paths print one line and never fail a setup step.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADDON_PATH } from './addon';

const SCRIPT = path.resolve(__dirname, '..', 'scripts', 'build.js');

function run(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('scripts/build.js', () => {
  it('SCALING_LAB_NATIVE=off: one line saying so, exit 0, nothing compiled', () => {
    const r = run(['--require'], { SCALING_LAB_NATIVE: 'off' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('native kernels: not built (SCALING_LAB_NATIVE=off)\n');
  });

  it('--status says whether the addon is built (an nx cache input of the tests)', () => {
    const r = run(['--status'], {});
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(fs.existsSync(ADDON_PATH) ? /^built \d/ : /^absent$/);
  });
});
