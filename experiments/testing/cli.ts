/** Running the CLI from tests: as a real process (exit codes, one-line stderr) or in-process (fast). */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../src/cli/main';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'experiments', 'bin', 'scaling-lab.js');

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(args: string[], env: NodeJS.ProcessEnv = process.env): CliOutcome {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...env, SCALING_LAB_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function runInProcess(args: string[]): Promise<CliOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const o = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  const e = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  process.exitCode = undefined;
  try {
    await main(['node', 'scaling-lab', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { code, stdout: out.join(''), stderr: err.join('') };
}
