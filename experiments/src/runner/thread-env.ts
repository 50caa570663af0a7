/**
 * Threads for each training child's native (oneDNN/OpenMP) kernels. Trainers running side by side get
 * one thread each: OpenMP teams competing for the same cores spin-wait on each other and run several
 * times slower, so they also wait passively. A lone run gets every core. A value the user set in the
 * environment wins.
 */
import { THREADS_ENV } from '@scaling-lab/train';

/** OpenMP's own variable: how idle threads wait (read once when the runtime loads). */
export const OMP_WAIT_POLICY_ENV = 'OMP_WAIT_POLICY';

export function childThreadEnv(jobs: number, pending: number, cores: number, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const sideBySide = Math.max(1, Math.min(jobs, pending));
  const env: Record<string, string> = {};
  if (parent[THREADS_ENV] == null || parent[THREADS_ENV] === '') env[THREADS_ENV] = String(Math.max(1, Math.floor(cores / sideBySide)));
  if (sideBySide > 1 && (parent[OMP_WAIT_POLICY_ENV] == null || parent[OMP_WAIT_POLICY_ENV] === '')) env[OMP_WAIT_POLICY_ENV] = 'passive';
  return env;
}
