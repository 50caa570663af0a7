// Per-child thread settings: one passive-waiting thread per trainer side by side, every core for a lone run.
import { childThreadEnv, followThreadMessages, LoneRunWidener } from './thread-env';

describe('childThreadEnv', () => {
  it('gives trainers running side by side one thread each and passive OpenMP waiting', () => {
    expect(childThreadEnv(2, 3, 2, {})).toEqual({ SCALING_LAB_THREADS: '1', OMP_WAIT_POLICY: 'passive' });
    expect(childThreadEnv(4, 10, 8, {})).toEqual({ SCALING_LAB_THREADS: '2', OMP_WAIT_POLICY: 'passive' });
  });

  it('gives a lone run every core: --jobs 1, or a single run left to train', () => {
    expect(childThreadEnv(1, 3, 2, {})).toEqual({ SCALING_LAB_THREADS: '2' });
    expect(childThreadEnv(2, 1, 2, {})).toEqual({ SCALING_LAB_THREADS: '2' });
  });

  it("keeps the user's own settings", () => {
    expect(childThreadEnv(2, 3, 2, { SCALING_LAB_THREADS: '2', OMP_WAIT_POLICY: 'active' })).toEqual({});
  });
});

describe('LoneRunWidener', () => {
  class FakeChild {
    readonly sent: unknown[] = [];
    connected = true;
    send(message: unknown): boolean {
      this.sent.push(message);
      return true;
    }
  }

  /** Starts a tracked child and returns it with a function that finishes it. */
  function start(widener: LoneRunWidener): { child: FakeChild; finish: () => Promise<void> } {
    const child = new FakeChild();
    let finish!: () => void;
    const done = widener.track((onSpawn) => {
      onSpawn(child);
      return new Promise<void>((resolve) => (finish = resolve));
    });
    return {
      child,
      finish: async () => {
        finish();
        await done;
      },
    };
  }

  it('widens the last trainer to every core once it runs alone, and no earlier', async () => {
    const widener = new LoneRunWidener(3, 2, {});
    const a = start(widener);
    const b = start(widener);
    await a.finish(); // the third run is still to start: b stays at one thread
    expect(b.child.sent).toEqual([]);
    const c = start(widener);
    await b.finish(); // all started, c alone
    expect(c.child.sent).toEqual([{ type: 'threads', threads: 2 }]);
    await c.finish();
  });

  it('leaves a user-fixed SCALING_LAB_THREADS alone', async () => {
    const widener = new LoneRunWidener(2, 2, { SCALING_LAB_THREADS: '1' });
    const a = start(widener);
    const b = start(widener);
    await a.finish();
    expect(b.child.sent).toEqual([]);
    await b.finish();
  });
});

describe('followThreadMessages', () => {
  it("leaves a process that no sweep started alone (e.g. a test runner's worker and its IPC channel)", () => {
    const send = process.send;
    process.send = (() => true) as typeof process.send; // as in a forked worker, which has an IPC channel
    try {
      const before = process.listenerCount('message');
      followThreadMessages(() => undefined, {});
      followThreadMessages(() => undefined, { SCALING_LAB_PARENT_PID: String(process.ppid + 1) });
      expect(process.listenerCount('message')).toBe(before);
    } finally {
      process.send = send;
    }
  });
});
