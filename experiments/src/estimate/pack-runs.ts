/**
 * How a sweep's runs share the machine, replayed on their one-core durations: the runner starts runs in
 * plan order, `jobs` at a time; side by side each gets one native thread (one core each, a share of a core
 * when there are more runs than cores); a run left alone after every run has started is widened to all
 * cores (thread-env.ts), and so is every run when one job runs at a time.
 */

export interface Packing {
  readonly jobs: number;
  readonly cores: number;
  /** How much faster one run trains on every core than on one. */
  readonly allCoresSpeedup: number;
}

export interface PackedRuns {
  /** Wall seconds of each run from its start to its end, in input order. */
  readonly runSeconds: number[];
  /** Wall seconds from the first start to the last end. */
  readonly totalSeconds: number;
}

/** Replays the sweep's schedule; `oneCoreSeconds[i]` is run i's duration alone on one core. */
export function packRuns(oneCoreSeconds: readonly number[], packing: Packing): PackedRuns {
  const jobs = Math.max(1, Math.floor(packing.jobs));
  const cores = Math.max(1, Math.floor(packing.cores));
  const remaining = [...oneCoreSeconds];
  const started: number[] = new Array(remaining.length).fill(0);
  const runSeconds: number[] = new Array(remaining.length).fill(0);
  const active: number[] = [];
  let next = 0;
  let now = 0;
  const speedOf = (activeCount: number) => {
    const alone = activeCount === 1 && (next >= remaining.length || jobs === 1);
    if (alone) return cores > 1 ? packing.allCoresSpeedup : 1;
    return Math.min(1, cores / activeCount);
  };
  while (next < remaining.length || active.length > 0) {
    while (active.length < jobs && next < remaining.length) {
      started[next] = now;
      active.push(next++);
    }
    const speed = speedOf(active.length);
    // Advance to the first end among the running runs; all of them share the same speed meanwhile.
    const step = Math.min(...active.map((i) => remaining[i])) / speed;
    now += step;
    for (const i of active) remaining[i] -= step * speed;
    for (const i of active.filter((j) => remaining[j] <= 1e-9)) {
      runSeconds[i] = now - started[i];
      active.splice(active.indexOf(i), 1);
    }
  }
  return { runSeconds, totalSeconds: now };
}
