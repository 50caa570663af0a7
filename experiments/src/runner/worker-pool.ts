/**
 * Runs tasks with at most `jobs` in flight. Each task is expected to do its heavy work in a child process
 * (one process per training run), so the pool itself only waits. A failed task does not stop the others;
 * results come back in task order.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: Error };

export async function runPool<T, R>(
  tasks: readonly T[],
  jobs: number,
  work: (task: T, index: number) => Promise<R>,
): Promise<Settled<R>[]> {
  const results: Settled<R>[] = new Array(tasks.length);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < tasks.length) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await work(tasks[index], index) };
      } catch (error) {
        results[index] = { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, lane));
  return results;
}
