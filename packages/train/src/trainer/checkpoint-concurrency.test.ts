// Checkpoint installation and the run lock under real concurrent processes: two writers swapping checkpoints
// of one run directory while two readers follow the link, and a lock holder killed with -9.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { LOCK_FILE, tryLockRun } from '../run-lock';
import { readCheckpoint, versionsDirOf } from './checkpoint-slot';
import { tempDir } from '../../testing/trainer';

const run = promisify(execFile);
const WORKER = path.join(__dirname, '..', '..', 'testing', 'checkpoint-swap-worker.ts');
const NODE_ARGS = ['-r', 'ts-node/register/transpile-only', WORKER];
const env = { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', '..', 'tsconfig.json') };
const SWAPS = 300;

jest.setTimeout(180_000);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name],
  );
}

it(`two processes swapping ${SWAPS} checkpoints each: no failure, readers always see a complete one, no orphans`, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const pointer = path.join(dir, 'checkpoint');
    await run(process.execPath, [...NODE_ARGS, 'write', pointer, '1', 'first'], { env });
    const stop = path.join(dir, 'stop');
    const readers = [1, 2].map(() => run(process.execPath, [...NODE_ARGS, 'read', pointer, stop], { env }));
    await Promise.all(
      ['a', 'b'].map((tag) => run(process.execPath, [...NODE_ARGS, 'write', pointer, String(SWAPS), tag], { env })),
    );
    writeFileSync(stop, '');
    for (const { stdout } of await Promise.all(readers)) {
      const counts = JSON.parse(stdout) as { reads: number; missing: number; errors: string[] };
      expect(counts.errors).toEqual([]);
      expect(counts.missing).toBe(0);
      expect(counts.reads).toBeGreaterThan(10);
    }
    const current = await readCheckpoint(pointer);
    expect(JSON.parse(current!.files['state.json'].toString()).i).toBe(SWAPS - 1);
    // No temp file anywhere; at most the other writer's last version outlives the writers (its owner
    // was still running when the last install looked), and the next session's sweep removes it.
    expect(allFiles(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(versionsDirOf(pointer)).length).toBeLessThanOrEqual(2);
    await run(process.execPath, [...NODE_ARGS, 'sweep', pointer], { env });
    expect(readdirSync(versionsDirOf(pointer))).toEqual([path.basename(current!.dir)]);
  } finally {
    cleanup();
  }
});

it('a run lock held by a live process is refused; after that holder is killed with -9 the next one takes it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const holder = spawn(process.execPath, [...NODE_ARGS, 'lock', dir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) =>
        d.toString().includes('locked') ? resolve() : reject(new Error(d.toString())),
      );
      holder.once('exit', () => reject(new Error('the lock holder exited')));
    });
    const refused = await tryLockRun(dir);
    expect(refused.acquired).toBe(false);
    expect(!refused.acquired && refused.owner.pid).toBe(holder.pid);

    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true); // kill -9 left it behind
    const taken = await tryLockRun(dir);
    expect(taken.acquired).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    if (taken.acquired) await taken.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  } finally {
    cleanup();
  }
});

it('two processes racing for one stale lock: exactly one wins', async () => {
  const { dir, cleanup } = tempDir();
  try {
    // A lock left by a process that no longer exists (pid far above any live one).
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 - 7, hostname: os.hostname(), processStart: null, acquiredAt: 'then' }),
    );
    const racers = [1, 2, 3].map(() =>
      spawn(process.execPath, [...NODE_ARGS, 'lock', dir], { env, stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    const first = await Promise.all(
      racers.map(
        (p) => new Promise<string>((resolve) => p.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))),
      ),
    );
    racers.forEach((p) => p.kill('SIGKILL'));
    expect(first.filter((line) => line === 'locked')).toHaveLength(1);
  } finally {
    cleanup();
  }
});
