/**
 * Runs an experiment's ladder (or a given list of runs, such as a coefficient search): the whole plan is
 * turned into validated run specs first, then every planned run whose stored rows do not carry its
 * identity (runKey) is trained in its own process, `jobs` at a time; each finished run is stored
 * atomically at once, so a killed sweep loses at most the runs in flight (and those resume from their
 * checkpoints). A changed configuration changes the identity, so its runs are retrained, never reused.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { ResultsStore } from '@scaling-lab/report';
import { pointKey, type RunSpec, runKey, toResultRows } from '@scaling-lab/run-record';
import type { Experiment, PlannedRun } from '../catalogue/experiments';
import { planRuns, shardRuns } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';
import { runChild } from './child-run';
import { claimRun } from './run-claim';
import { childThreadEnv, LoneRunWidener } from './thread-env';
import type { Progress } from './progress';
import { COST_CONSTANTS } from '../estimate/cost-model';
import { estimatePlan } from '../estimate/estimate-plan';
import { type RunCost, SweepEta } from './sweep-eta';
import { validatePlan } from './validate-plan';
import type { Shard } from './shard';
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
  /** Where the plan came from, for errors: `--config my.json` or `preset quick`. */
  readonly source?: string;
  /** Unfinished runs start from scratch instead of resuming their checkpoints. */
  readonly restart?: boolean;
}

export interface SweepOutcome {
  readonly planned: PlannedRun[];
  /** Runs trained by this sweep. */
  readonly trained: string[];
  /** Runs already finished with the same identity: in the store, or in their work directory. */
  readonly skipped: string[];
  /** Stored runs whose identity no longer matches the plan (another configuration): retrained. */
  readonly stale: string[];
  readonly failed: { key: string; message: string }[];
  /** Runs another live process was training (its lock held): neither trained nor done here. */
  readonly elsewhere: { key: string; owner: string }[];
}

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** Store point keys of the rows a run produces: one per strategy line it belongs to. */
export function rowKeys(run: PlannedRun): string[] {
  return run.strategies.map((strategy) => pointKey({ strategy, step: run.step, seed: run.seed }));
}

/** A run's work directory: named by its place and its identity, so another configuration never resumes it. */
export function workDir(storeDir: string, run: PlannedRun, spec: RunSpec): string {
  return path.join(storeDir, 'work', `${run.key}-${runKey(spec)}`);
}

/**
 * The ETA of the runs about to train, from the cost model; undefined when their data's size is unknown, or
 * when a model cannot be profiled (the runs themselves then say why; an ETA never stops a sweep).
 */
function sweepEta(
  pending: readonly PlannedRun[],
  preset: Preset,
  jobs: number,
  cores: number,
  progress: Progress,
): SweepEta | undefined {
  let estimate;
  try {
    estimate = estimatePlan(pending, preset, { jobs, cores });
  } catch (error) {
    progress.warn(`no sweep ETA: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  if (estimate === null) return undefined;
  const costs = new Map<string, RunCost>(
    pending.map((run) => [
      run.key,
      {
        seconds: estimate.oneCoreSeconds.get(run.key)!,
        secondsPerImage: estimate.secondsPerImage.get(run.key)!,
        startupSeconds: COST_CONSTANTS.startupSeconds,
      },
    ]),
  );
  return new SweepEta(costs, { jobs, cores, allCoresSpeedup: COST_CONSTANTS.allCoresSpeedup });
}

export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const { experiment, preset, progress } = options;
  const all = options.runs ? [...options.runs] : planRuns(experiment, preset, options.seeds);
  const mine = options.shard ? shardRuns(all, options.shard.index, options.shard.count) : all;
  // The whole plan (not only this shard) is checked before anything trains.
  const specs = validatePlan(all, preset, options.source ?? `preset ${preset.id}`);
  const store = new ResultsStore(options.storeDir);
  const scan = await store.scan();
  for (const ignored of scan.ignored)
    progress.warn(`ignoring ${ignored.file}: ${ignored.reason}; its run is trained again`);
  const stored = new Map(scan.rows.map((row) => [pointKey(row), row.runKey]));
  const isDone = (run: PlannedRun) => rowKeys(run).every((k) => stored.get(k) === runKey(specs.get(run.key)!));
  const pending = mine.filter((run) => !isDone(run));
  const stale = pending.filter((run) => rowKeys(run).some((k) => stored.has(k))).map((r) => r.key);
  if (stale.length > 0) {
    progress.warn(
      `${stale.length} stored run(s) were made with another configuration (${stale.join(', ')}); training them again`,
    );
  }
  const skipped = mine.filter((run) => !pending.includes(run)).map((r) => r.key);
  // One native thread per trainer while runs go side by side, all cores for a lone run; when the last
  // trainer is left running alone (the ladder's largest model, usually), it is widened to every core.
  const cores = defaultJobs();
  const eta = sweepEta(pending, preset, options.jobs, cores, progress);
  progress.start(mine.length, skipped.length, eta);

  const threadEnv = childThreadEnv(options.jobs, pending.length, cores);
  const lanes = new LoneRunWidener(pending.length, cores, process.env);
  const outcomes = await runPool(pending, options.jobs, async (run) => {
    const spec = specs.get(run.key)!;
    const key = runKey(spec);
    const outDir = workDir(options.storeDir, run, spec);
    // A failure shows when it happens (its bar goes, the others keep training); however the run ends
    // (trained, failed, found done or running elsewhere), its work is no longer ahead.
    return lanes
      .track((onSpawn) =>
        claimRun(outDir, async () => {
          // Another sweep on this store may have finished the run since the store was read.
          const rows = await Promise.all(rowKeys(run).map((k) => store.get(k).catch(() => undefined)));
          if (rows.every((row) => row?.runKey === key)) return 'done' as const;
          progress.runStarted(run);
          const { result, reused } = await runChild(spec, outDir, {
            backend: options.backend,
            dataDir: options.dataDir,
            restart: options.restart,
            env: threadEnv,
            onSpawn,
            onProgress: (report) => progress.runProgress?.(run, report),
          });
          const stored = toResultRows(result);
          for (const row of stored) await store.put(row);
          progress.runFinished(run, stored[0]);
          return reused ? ('done' as const) : ('trained' as const);
        }),
      )
      .catch((error: unknown) => {
        progress.runFailed(run, error instanceof Error ? error.message : String(error));
        throw error;
      })
      .finally(() => eta?.ended(run.key));
  });

  const failed: { key: string; message: string }[] = [];
  const trained: string[] = [];
  const elsewhere: { key: string; owner: string }[] = [];
  outcomes.forEach((o, i) => {
    const key = pending[i].key;
    if (!o.ok) {
      failed.push({ key, message: o.error.message });
    } else if (o.value.status === 'elsewhere') {
      elsewhere.push({ key, owner: o.value.owner });
      progress.runElsewhere(pending[i], o.value.owner);
    } else if (o.value.value === 'done') {
      // Found finished (in the store or its work directory): already done, not trained here.
      skipped.push(key);
    } else {
      trained.push(key);
    }
  });
  progress.stop();
  return { planned: all, trained, skipped, stale, failed, elsewhere };
}
