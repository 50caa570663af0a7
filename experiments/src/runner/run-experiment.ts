/**
 * Runs an experiment's ladder (or a given list of runs, such as a coefficient search): every planned run
 * not yet in the results store is trained in its own process, `jobs` at a time; each finished run is stored
 * atomically at once, so a killed sweep loses at most the runs in flight (and those resume from their
 * checkpoints). The report is written at the end, also when some runs failed, so nothing computed is lost.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { type ResultRow, ResultsStore, runKey } from '@scaling-lab/report';
import type { Experiment, PlannedRun } from '../catalogue/experiments';
import { planRuns, shardRuns } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';
import { runChild } from './child-run';
import { claimRun } from './run-claim';
import { childThreadEnv, LoneRunWidener } from './thread-env';
import type { Progress } from './progress';
import type { Shard } from './shard';
import { trainArgs } from './train-args';
import { runPool } from './worker-pool';

export interface SweepOptions {
  readonly experiment: Experiment;
  readonly preset: Preset;
  readonly seeds: number;
  readonly jobs: number;
  readonly shard?: Shard;
  /** The results store of this experiment and preset (rows + per-run work directories). */
  readonly storeDir: string;
  readonly backend: string;
  readonly dataDir?: string;
  readonly progress: Progress;
  /** The runs to do instead of the experiment's ladder (a coefficient search plans its own). */
  readonly runs?: readonly PlannedRun[];
  /** Unfinished runs start from scratch instead of resuming their checkpoints. */
  readonly restart?: boolean;
}

export interface SweepOutcome {
  readonly planned: PlannedRun[];
  readonly trained: string[];
  readonly skipped: string[];
  readonly failed: { key: string; message: string }[];
  /** Runs another live process was training (its lock held): neither trained nor done here. */
  readonly elsewhere: { key: string; owner: string }[];
}

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** Store keys of the rows a run produces: one per strategy line it belongs to. */
export function rowKeys(run: PlannedRun): string[] {
  return run.strategies.map((strategy) => runKey({ strategy, step: run.step, seed: run.seed }));
}

export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const { experiment, preset, progress } = options;
  const all = options.runs ? [...options.runs] : planRuns(experiment, preset, options.seeds);
  const mine = options.shard ? shardRuns(all, options.shard.index, options.shard.count) : all;
  const store = new ResultsStore(options.storeDir);
  const finished = new Set((await store.list()).map((row) => runKey(row)));
  const pending = mine.filter((run) => !rowKeys(run).every((key) => finished.has(key)));
  const skipped = mine.filter((run) => !pending.includes(run)).map((r) => r.key);
  progress.start(mine.length, skipped.length);

  // One native thread per trainer while runs go side by side, all cores for a lone run; when the last
  // trainer is left running alone (the ladder's largest model, usually), it is widened to every core.
  const cores = defaultJobs();
  const threadEnv = childThreadEnv(options.jobs, pending.length, cores);
  const lanes = new LoneRunWidener(pending.length, cores, process.env);
  const outcomes = await runPool(pending, options.jobs, async (run) => {
    const outDir = path.join(options.storeDir, 'work', run.key);
    return lanes.track((onSpawn) =>
      claimRun(outDir, async () => {
        // Another sweep on this store may have finished the run since the store was read.
        if ((await Promise.all(rowKeys(run).map((key) => store.has(key)))).every(Boolean)) return 'done' as const;
        progress.runStarted(run);
        const args = trainArgs(run, preset, { outDir, backend: options.backend, dataDir: options.dataDir, restart: options.restart });
        const { result } = await runChild(args, outDir, { env: threadEnv, onSpawn });
        const rows = toRows(run, result);
        for (const row of rows) await store.put(row);
        progress.runFinished(run, rows[0]);
        return 'trained' as const;
      }),
    );
  });

  const failed: { key: string; message: string }[] = [];
  const trained: string[] = [];
  const elsewhere: { key: string; owner: string }[] = [];
  outcomes.forEach((o, i) => {
    const key = pending[i].key;
    if (!o.ok) {
      failed.push({ key, message: o.error.message });
      progress.runFailed(pending[i], o.error.message);
    } else if (o.value.status === 'elsewhere') {
      elsewhere.push({ key, owner: o.value.owner });
      progress.runElsewhere(pending[i], o.value.owner);
    } else if (o.value.value === 'done') {
      skipped.push(key);
    } else {
      trained.push(key);
    }
  });
  progress.stop();
  return { planned: all, trained, skipped, failed, elsewhere };
}

/** The store rows of one finished run: the child's result plus where it sits in the experiment. */
export function toRows(run: PlannedRun, result: Record<string, unknown>): ResultRow[] {
  const num = (k: string) => Number(result[k]);
  const str = (k: string) => (result[k] === undefined || result[k] === null ? '' : String(result[k]));
  return run.strategies.map((strategy) => ({
    experiment: run.experiment,
    backbone: run.backbone,
    strategy,
    step: run.step,
    depth: num('depth'),
    width: num('width'),
    resolution: num('resolution'),
    phi: result.phi === null || result.phi === undefined ? null : num('phi'),
    params: num('params'),
    flops: num('flops'),
    top1: num('top1'),
    top5: num('top5'),
    loss: num('loss'),
    epochs: num('epochs'),
    imagesSeen: num('imagesSeen'),
    seconds: num('seconds'),
    imgPerSec: num('imgPerSec'),
    backend: str('backend'),
    seed: run.seed,
    dataset: str('dataset'),
    gitCommit: result.gitCommit ? String(result.gitCommit) : null,
    startedAt: str('startedAt'),
    finishedAt: str('finishedAt'),
  }));
}
