/**
 * Claims a run for this sweep: its work directory's lock is held while the run trains and its rows are
 * stored, so two `scaling-lab run` processes on one store never train the same run. A run another live
 * process holds is left to it ("running elsewhere"); the training child works under this lock.
 */
import { describeOwner, tryLockRun } from '@scaling-lab/train';

export type Claimed<T> =
  { readonly status: 'claimed'; readonly value: T } | { readonly status: 'elsewhere'; readonly owner: string };

export async function claimRun<T>(workDir: string, work: () => Promise<T>): Promise<Claimed<T>> {
  const lock = await tryLockRun(workDir);
  if (!lock.acquired) return { status: 'elsewhere', owner: describeOwner(lock.owner) };
  try {
    return { status: 'claimed', value: await work() };
  } finally {
    await lock.release();
  }
}
