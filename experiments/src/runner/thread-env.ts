/**
 * Threads for each training child's native (oneDNN/OpenMP) kernels. Trainers running side by side get
 * one thread each: OpenMP teams competing for the same cores spin-wait on each other and run several
 * times slower, so they also wait passively. A lone run gets every core. A value the user set in the
 * environment wins.
 */
import { THREADS_ENV } from '@scaling-lab/native';
import { PARENT_PID_ENV } from './child-run';

/** OpenMP's own variable: how idle threads wait (read once when the runtime loads). */
export const OMP_WAIT_POLICY_ENV = 'OMP_WAIT_POLICY';

export function childThreadEnv(
  jobs: number,
  pending: number,
  cores: number,
  parent: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const sideBySide = Math.max(1, Math.min(jobs, pending));
  const env: Record<string, string> = {};
  if (parent[THREADS_ENV] == null || parent[THREADS_ENV] === '')
    env[THREADS_ENV] = String(Math.max(1, Math.floor(cores / sideBySide)));
  if (sideBySide > 1 && (parent[OMP_WAIT_POLICY_ENV] == null || parent[OMP_WAIT_POLICY_ENV] === ''))
    env[OMP_WAIT_POLICY_ENV] = 'passive';
  return env;
}

/** The message a sweep sends a training child to change its native thread count. */
export interface ThreadsMessage {
  readonly type: 'threads';
  readonly threads: number;
}

/** The part of a child process the widener talks to. */
export interface MessageTarget {
  send(message: ThreadsMessage): boolean;
  readonly connected: boolean;
}

/**
 * Tracks a sweep's training children and, once all runs have started and a single one is left running,
 * tells it to use every core. Does nothing when the user fixed SCALING_LAB_THREADS or there is one core.
 */
export class LoneRunWidener {
  private started = 0;
  private readonly running = new Set<MessageTarget>();
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly cores: number,
    parent: NodeJS.ProcessEnv,
  ) {
    this.enabled = cores > 1 && (parent[THREADS_ENV] == null || parent[THREADS_ENV] === '');
  }

  /** Runs one sweep task through `start`, which passes the child it spawns (if any) to the given callback. */
  async track<T>(start: (onSpawn: (child: MessageTarget) => void) => Promise<T>): Promise<T> {
    this.started++;
    let child: MessageTarget | null = null;
    try {
      return await start((c) => {
        child = c;
        this.running.add(c);
        this.widenLone(); // the last run may start alone
      });
    } finally {
      if (child != null) this.running.delete(child);
      this.widenLone();
    }
  }

  private widenLone(): void {
    if (!this.enabled || this.started < this.total || this.running.size !== 1) return;
    const [last] = this.running;
    if (last.connected) last.send({ type: 'threads', threads: this.cores });
  }
}

/**
 * In a training child: follow thread-count messages from the sweep that started it (and only then: other
 * parents, such as a test runner's worker pool, own their IPC channel). The channel is unreferenced so it
 * never keeps the child alive.
 */
export function followThreadMessages(
  apply: (threads: number) => void | Promise<void>,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (process.send == null || Number(env[PARENT_PID_ENV]) !== process.ppid) return;
  process.on('message', (message: unknown) => {
    const m = message as Partial<ThreadsMessage> | null;
    if (m?.type === 'threads' && Number.isInteger(m.threads) && (m.threads as number) >= 1)
      void apply(m.threads as number);
  });
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
