/**
 * One training run in its own process: the runner writes the run spec to `<work dir>/spec.json` and starts
 * `scaling-lab train --spec <file> --out <work dir> --json`. A work directory already holding the result
 * of this very run (same runKey, say the sweep was killed after the child finished) is reused, and said
 * so; an unfinished one resumes from its last checkpoint because the child is given the same directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonWith, type RunResult, RunResultSchema, type RunSpec, runKey } from '@scaling-lab/run-record';
import { writeFileAtomic } from '@scaling-lab/core';
import { parseWorkerProgress, type WorkerProgress } from './worker-progress';

/** The child's environment variable naming its parent, so a child whose sweep was killed exits too. */
export const PARENT_PID_ENV = 'SCALING_LAB_PARENT_PID';

/**
 * The command a training child runs: the `bin/scaling-lab.js` of the package this code was loaded from
 * (experiments in the repository, the published `scaling-lab` package when installed), so children take the
 * same compiled fast path as their parent. Found by walking up, because the sources and their bundle sit at
 * different depths.
 */
export function cliEntry(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'bin', 'scaling-lab.js');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error(`no bin/scaling-lab.js above ${from}; reinstall the scaling-lab package`);
  }
}
export const SPEC_FILE = 'spec.json';
const RESULT_FILE = 'result.json';

export interface ChildOptions {
  readonly backend: string;
  readonly dataDir?: string;
  /** Discard the run's checkpoint and train it from scratch. */
  readonly restart?: boolean;
  /** Added to the parent's environment (e.g. the child's thread count). */
  readonly env?: Record<string, string>;
  /** Called with the running child (it has an IPC channel for messages such as a new thread count). */
  readonly onSpawn?: (child: ChildProcess) => void;
  /** Called with each progress report the child sends (epoch, step, img/s); malformed messages are dropped. */
  readonly onProgress?: (progress: WorkerProgress) => void;
}

export interface ChildResult {
  readonly result: RunResult;
  /** True when the result was already on disk and nothing was trained. */
  readonly reused: boolean;
}

/** The finished result of exactly this run in `outDir`, or null (none, unreadable, or another run's). */
export function readFinishedResult(outDir: string, key: string): RunResult | null {
  try {
    const result = parseJsonWith(
      RunResultSchema,
      fs.readFileSync(path.join(outDir, RESULT_FILE), 'utf8'),
      path.join(outDir, RESULT_FILE),
    );
    return result.runKey === key ? result : null;
  } catch {
    return null;
  }
}

/** The training child's command line: the spec file holds the run; the flags say where and how. */
export function trainChildArgs(specFile: string, outDir: string, options: ChildOptions): string[] {
  const args = ['train', '--spec', specFile, '--out', outDir, '--backend', options.backend, '--json'];
  if (options.dataDir !== undefined) args.push('--data-dir', options.dataDir);
  if (options.restart) args.push('--restart');
  return args;
}

export async function runChild(spec: RunSpec, outDir: string, options: ChildOptions): Promise<ChildResult> {
  const key = runKey(spec);
  const finished = readFinishedResult(outDir, key);
  if (finished) return { result: finished, reused: true };
  const specFile = path.join(outDir, SPEC_FILE);
  fs.mkdirSync(outDir, { recursive: true });
  await writeFileAtomic(specFile, `${JSON.stringify(spec, null, 2)}\n`);
  const args = trainChildArgs(specFile, outDir, options);
  const child = spawn(process.execPath, [cliEntry(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...options.env, [PARENT_PID_ENV]: String(process.pid) },
  });
  options.onSpawn?.(child);
  child.on('message', (message: unknown) => {
    const progress = parseWorkerProgress(message);
    if (progress !== null) options.onProgress?.(progress);
  });
  let stderr = '';
  child.stdout!.resume();
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code: number = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c: number | null) => resolve(c ?? 1));
  });
  // Keep the run's own log (backend choice, per-epoch progress, errors) next to its checkpoint.
  fs.appendFileSync(path.join(outDir, 'train.log'), stderr);
  if (code !== 0) {
    const reason =
      stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('scaling-lab: error:'))
        .pop() ??
      stderr.trim().split('\n').pop() ??
      `exit code ${code}`;
    throw new Error(`${reason.replace(/^scaling-lab: error: /, '')} (log: ${path.join(outDir, 'train.log')})`);
  }
  const result = readFinishedResult(outDir, key);
  if (!result) throw new Error(`the training run left no valid result for run ${key} in ${outDir}`);
  return { result, reused: false };
}

/** In a child: exit when the parent sweep is gone (kill -9 leaves children running otherwise). */
export function exitWithParent(): void {
  const parent = sweepParent();
  if (parent === undefined) return;
  // Already orphaned (the sweep was killed while this process started): do not start training at all.
  if (process.ppid !== parent) process.exit(1);
  const timer = setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 1000);
  timer.unref();
}

/** The pid of the sweep that started this process (it holds the run's lock), or undefined when run by hand. */
export function sweepParent(): number | undefined {
  const parent = Number(process.env[PARENT_PID_ENV]);
  return Number.isInteger(parent) && parent > 0 ? parent : undefined;
}
