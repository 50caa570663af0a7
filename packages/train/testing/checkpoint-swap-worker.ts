/**
 * Child-process worker for the checkpoint concurrency tests, so real OS processes race on one run directory.
 * Usage: checkpoint-swap-worker write <pointer> <count> <tag>   install <count> checkpoints in a row
 *        checkpoint-swap-worker read <pointer> <stopFile>        read until <stopFile> exists, print counts
 *        checkpoint-swap-worker sweep <pointer>                  what a starting session does: drop orphans
 *        checkpoint-swap-worker lock <runDir>                    take the run lock, print "locked", hold it
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { installCheckpoint, readCheckpoint, removeSuperseded } from '../src/trainer/checkpoint-slot';
import { tryLockRun } from '../src/run-lock';

async function write(pointer: string, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const weights = randomBytes(1000 + ((i * 37) % 4000));
    await installCheckpoint(pointer, {
      'weights.bin': weights,
      'state.json': Buffer.from(JSON.stringify({ tag, i, bytes: weights.length })),
    });
  }
}

async function read(pointer: string, stopFile: string): Promise<void> {
  const counts = { reads: 0, missing: 0, errors: [] as string[] };
  while (!existsSync(stopFile)) {
    try {
      const found = await readCheckpoint(pointer);
      if (found == null) counts.missing++;
      else {
        const state = JSON.parse(found.files['state.json'].toString('utf8')) as { bytes: number };
        if (state.bytes !== found.files['weights.bin'].length)
          counts.errors.push('state and weights of different versions');
        counts.reads++;
      }
    } catch (err) {
      counts.errors.push((err as Error).message);
    }
  }
  process.stdout.write(JSON.stringify(counts));
}

async function main(): Promise<void> {
  const [mode, target, a, b] = process.argv.slice(2);
  if (mode === 'write') await write(target, Number(a), b);
  else if (mode === 'read') await read(target, a);
  else if (mode === 'sweep') await removeSuperseded(target);
  else if (mode === 'lock') {
    const lock = await tryLockRun(target);
    process.stdout.write(lock.acquired ? 'locked\n' : `busy ${lock.owner.pid}\n`);
    if (lock.acquired) setInterval(() => undefined, 1000);
  } else throw new Error(`unknown mode ${mode}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
