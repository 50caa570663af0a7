/**
 * One training run in its own process (`scaling-lab train ... --json`). A run whose result file already
 * exists (say the sweep was killed after the child finished) is not retrained; an unfinished one resumes
 * from its last checkpoint because the child is given the same output directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
    if (path.dirname(dir) === dir) throw new Error(`no bin/scaling-lab.js above ${from}; reinstall the scaling-lab package`);
  }
}

export interface ChildResult {
  readonly result: Record<string, unknown>;
  /** True when the result was already on disk and nothing was trained. */
  readonly reused: boolean;
}

export function readFinishedResult(outDir: string): Record<string, unknown> | null {
  const file = path.join(outDir, 'result.json');
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' && typeof parsed.top1 === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

export interface ChildOptions {
  /** Added to the parent's environment (e.g. the child's thread count). */
  readonly env?: Record<string, string>;
  /** Called with the running child (it has an IPC channel for messages such as a new thread count). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

export async function runChild(args: string[], outDir: string, options: ChildOptions = {}): Promise<ChildResult> {
  const finished = readFinishedResult(outDir);
  if (finished) return { result: finished, reused: true };
  const child = spawn(process.execPath, [cliEntry(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...options.env, [PARENT_PID_ENV]: String(process.pid) },
  });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code: number = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c: number | null) => resolve(c ?? 1));
  });
  // Keep the run's own log (backend choice, per-epoch progress, errors) next to its checkpoint.
  fs.mkdirSync(outDir, { recursive: true });
  fs.appendFileSync(path.join(outDir, 'train.log'), stderr);
  if (code !== 0) {
    const reason = stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('scaling-lab: error:')).pop()
      ?? stderr.trim().split('\n').pop() ?? `exit code ${code}`;
    throw new Error(`${reason.replace(/^scaling-lab: error: /, '')} (log: ${path.join(outDir, 'train.log')})`);
  }
  const result = readFinishedResult(outDir) ?? lastJsonLine(stdout);
  if (!result) throw new Error(`the training run printed no result (output in ${outDir})`);
  return { result, reused: false };
}

function lastJsonLine(text: string): Record<string, unknown> | null {
  const lines = text.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      const parsed = JSON.parse(line);
      if (parsed && typeof parsed === 'object') return parsed;
    } catch {
      // not JSON: progress output
    }
  }
  return null;
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
