// Per-child thread settings: one passive-waiting thread per trainer side by side, every core for a lone run.
import { childThreadEnv } from './thread-env';

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
