/**
 * `--shard i/n` or `--shard auto`: a deterministic slice of a sweep, so a job array can split it across
 * machines. `auto` reads the slice from the scheduler: a Slurm job array or a Kubernetes Indexed Job (whose
 * completions count is not in its environment, so it comes from `--shard-count`). See docs/cluster.md.
 */
import { UsageError } from '../cli/errors';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What `--shard` was given: a fixed slice, or `auto` (resolved from the environment when the run starts). */
export type ShardFlag = Shard | 'auto';

export function parseShard(raw: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n, or auto, got '${raw}' (e.g. --shard 1/4)`);
  }
  return { index, count };
}

export function parseShardFlag(raw: string): ShardFlag {
  return raw.trim() === 'auto' ? 'auto' : parseShard(raw);
}

/** A shard and where it came from, for the run's log line. */
export interface ResolvedShard extends Shard {
  readonly source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A non-negative integer environment variable, or a one-line error naming it and its value. */
function envInteger(env: Env, name: string, min: number): number {
  const raw = env[name];
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw) || Number(raw) < min) {
    throw new UsageError(
      `--shard auto: ${name} must be an integer >= ${min}, got ${raw === undefined ? 'nothing' : `'${raw}'`}`,
    );
  }
  return Number(raw);
}

/**
 * The slice of a Slurm job array task. Task ids run from SLURM_ARRAY_TASK_MIN in steps of
 * SLURM_ARRAY_TASK_STEP (`--array=1-8`, `--array=0-14:2`); an array given as a list (`--array=1,4,9`) has no
 * such arithmetic and is refused.
 */
function slurmShard(env: Env, shardCount: number | undefined): ResolvedShard {
  const id = envInteger(env, 'SLURM_ARRAY_TASK_ID', 0);
  const count = envInteger(env, 'SLURM_ARRAY_TASK_COUNT', 1);
  const min = env.SLURM_ARRAY_TASK_MIN === undefined ? 0 : envInteger(env, 'SLURM_ARRAY_TASK_MIN', 0);
  const step = env.SLURM_ARRAY_TASK_STEP === undefined ? 1 : envInteger(env, 'SLURM_ARRAY_TASK_STEP', 1);
  if (shardCount !== undefined && shardCount !== count) {
    throw new UsageError(
      `--shard-count ${shardCount} disagrees with SLURM_ARRAY_TASK_COUNT=${count}; drop --shard-count under Slurm`,
    );
  }
  const max =
    env.SLURM_ARRAY_TASK_MAX === undefined ? min + (count - 1) * step : envInteger(env, 'SLURM_ARRAY_TASK_MAX', 0);
  const offset = id - min;
  const index = offset / step + 1;
  // Every task checks the whole array's arithmetic, so a list array fails in all tasks, not only some.
  if (offset < 0 || !Number.isInteger(index) || index > count || max !== min + (count - 1) * step) {
    throw new UsageError(
      `--shard auto: Slurm task ${id} is not one of ${count} evenly spaced tasks from ${min} in steps of ${step}; ` +
        `use a range such as --array=1-${count}, or --shard i/n`,
    );
  }
  return { index, count, source: `Slurm array task ${id} of ${min}-${max}${step === 1 ? '' : `:${step}`}` };
}

/** The slice of a Kubernetes Indexed Job pod: JOB_COMPLETION_INDEX runs from 0 to completions - 1. */
function indexedJobShard(env: Env, shardCount: number | undefined): ResolvedShard {
  const completionIndex = envInteger(env, 'JOB_COMPLETION_INDEX', 0);
  if (shardCount === undefined) {
    throw new UsageError(
      `--shard auto: JOB_COMPLETION_INDEX=${completionIndex} is set but not the number of pods; pass --shard-count N (the Job's spec.completions)`,
    );
  }
  if (completionIndex >= shardCount) {
    throw new UsageError(
      `--shard auto: JOB_COMPLETION_INDEX=${completionIndex} is not below --shard-count ${shardCount}; set --shard-count to the Job's spec.completions`,
    );
  }
  return {
    index: completionIndex + 1,
    count: shardCount,
    source: `Kubernetes Indexed Job completion index ${completionIndex}`,
  };
}

/**
 * The shard this process runs: the fixed one, or for `auto` the one its scheduler assigned. Slurm is
 * recognised by SLURM_ARRAY_TASK_ID, a Kubernetes Indexed Job by JOB_COMPLETION_INDEX.
 */
export function resolveShard(
  flag: ShardFlag | undefined,
  shardCount: number | undefined,
  env: Env,
): ResolvedShard | undefined {
  if (flag !== 'auto') {
    if (shardCount !== undefined)
      throw new UsageError(`--shard-count only applies with --shard auto (got --shard-count ${shardCount})`);
    return flag && { ...flag, source: `--shard ${flag.index}/${flag.count}` };
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined) return slurmShard(env, shardCount);
  if (env.JOB_COMPLETION_INDEX !== undefined) return indexedJobShard(env, shardCount);
  throw new UsageError(
    '--shard auto: no job array here (neither SLURM_ARRAY_TASK_ID from sbatch --array nor JOB_COMPLETION_INDEX ' +
      'from a Kubernetes Indexed Job is set); give --shard i/n instead',
  );
}

/** The shard of this process from the `--shard`/`--shard-count` flags; an `auto` shard is logged with its source. */
export function shardOfThisProcess(flags: { shard?: ShardFlag; shardCount?: number }): Shard | undefined {
  const shard = resolveShard(flags.shard, flags.shardCount, process.env);
  if (shard && flags.shard === 'auto') process.stderr.write(`shard ${shard.index}/${shard.count} (${shard.source})\n`);
  return shard && { index: shard.index, count: shard.count };
}
