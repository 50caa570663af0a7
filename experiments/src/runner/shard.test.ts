import { runInProcess } from '../../testing/cli';
import { parseShardFlag, resolveShard } from './shard';

const slurm = (id: number, min: number, count: number, step?: number) => ({
  SLURM_ARRAY_TASK_ID: String(id),
  SLURM_ARRAY_TASK_MIN: String(min),
  SLURM_ARRAY_TASK_COUNT: String(count),
  ...(step === undefined ? {} : { SLURM_ARRAY_TASK_STEP: String(step) }),
});

describe('--shard', () => {
  it('parses i/n and auto, and refuses anything else naming the value', () => {
    expect(parseShardFlag('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShardFlag('auto')).toBe('auto');
    for (const bad of ['0/4', '5/4', 'a/b', 'automatic', '']) {
      expect(() => parseShardFlag(bad)).toThrow(`--shard must be i/n with 1 <= i <= n, or auto, got '${bad}'`);
    }
  });

  it('keeps a fixed shard and refuses --shard-count without auto', () => {
    expect(resolveShard({ index: 2, count: 3 }, undefined, slurm(7, 0, 9))).toMatchObject({ index: 2, count: 3 });
    expect(resolveShard(undefined, undefined, {})).toBeUndefined();
    expect(() => resolveShard({ index: 1, count: 2 }, 2, {})).toThrow('--shard-count only applies with --shard auto');
  });
});

describe('--shard auto under Slurm', () => {
  it.each([
    ['--array=0-3, task 0', slurm(0, 0, 4), 1, 4],
    ['--array=0-3, task 3', slurm(3, 0, 4), 4, 4],
    ['--array=1-8, task 1', slurm(1, 1, 8), 1, 8],
    ['--array=1-8, task 8', slurm(8, 1, 8), 8, 8],
    ['--array=10-12, task 11', slurm(11, 10, 3), 2, 3],
    ['--array=0-14:2, task 6', slurm(6, 0, 8, 2), 4, 8],
    ['--array=0-14:2, task 14 with SLURM_ARRAY_TASK_MAX', { ...slurm(14, 0, 8, 2), SLURM_ARRAY_TASK_MAX: '14' }, 8, 8],
  ])('%s', (_label, env, index, count) => {
    expect(resolveShard('auto', undefined, env)).toMatchObject({ index, count });
  });

  it('covers every run exactly once across the tasks of an array not starting at 0 or 1', () => {
    const indices = [5, 6, 7].map((id) => resolveShard('auto', undefined, slurm(id, 5, 3))!.index);
    expect(indices).toEqual([1, 2, 3]);
  });

  it('refuses invalid values with one line naming the variable and value', () => {
    expect(() => resolveShard('auto', undefined, { SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow(
      "--shard auto: SLURM_ARRAY_TASK_ID must be an integer >= 0, got 'x'",
    );
    expect(() => resolveShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '2' })).toThrow(
      '--shard auto: SLURM_ARRAY_TASK_COUNT must be an integer >= 1, got nothing',
    );
    expect(() => resolveShard('auto', undefined, slurm(2, 0, 0))).toThrow(
      "SLURM_ARRAY_TASK_COUNT must be an integer >= 1, got '0'",
    );
    expect(() => resolveShard('auto', undefined, slurm(9, 1, 4))).toThrow(
      '--shard auto: Slurm task 9 is not one of 4 evenly spaced tasks from 1 in steps of 1; use a range such as --array=1-4, or --shard i/n',
    );
    // --array=1,4,9: ids with no common step, refused in every task (shard 3 would otherwise never run).
    for (const id of [1, 4, 9]) {
      expect(() => resolveShard('auto', undefined, { ...slurm(id, 1, 3), SLURM_ARRAY_TASK_MAX: '9' })).toThrow(
        `Slurm task ${id} is not one of 3 evenly spaced tasks from 1 in steps of 1`,
      );
    }
    expect(() => resolveShard('auto', 5, slurm(1, 1, 4))).toThrow(
      '--shard-count 5 disagrees with SLURM_ARRAY_TASK_COUNT=4',
    );
  });
});

describe('--shard auto in a Kubernetes Indexed Job', () => {
  it('maps the 0-based completion index to shard index + 1 of --shard-count', () => {
    expect(resolveShard('auto', 4, { JOB_COMPLETION_INDEX: '0' })).toMatchObject({ index: 1, count: 4 });
    expect(resolveShard('auto', 4, { JOB_COMPLETION_INDEX: '3' })).toMatchObject({ index: 4, count: 4 });
  });

  it('needs the completions count and an index below it', () => {
    expect(() => resolveShard('auto', undefined, { JOB_COMPLETION_INDEX: '2' })).toThrow(
      "--shard auto: JOB_COMPLETION_INDEX=2 is set but not the number of pods; pass --shard-count N (the Job's spec.completions)",
    );
    expect(() => resolveShard('auto', 4, { JOB_COMPLETION_INDEX: '4' })).toThrow(
      'JOB_COMPLETION_INDEX=4 is not below --shard-count 4',
    );
    expect(() => resolveShard('auto', 4, { JOB_COMPLETION_INDEX: '-1' })).toThrow(
      "JOB_COMPLETION_INDEX must be an integer >= 0, got '-1'",
    );
  });
});

describe('scaling-lab run --shard auto', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const unschedule = () => {
    for (const k of Object.keys(process.env))
      if (k.startsWith('SLURM_') || k === 'JOB_COMPLETION_INDEX') delete process.env[k];
  };

  it('outside a job array: exit 2 and one line saying what to set or use instead', async () => {
    unschedule();
    const r = await runInProcess(['run', 'resnet-compound', '--preset', 'smoke', '--shard', 'auto']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'scaling-lab: error: --shard auto: no job array here (neither SLURM_ARRAY_TASK_ID from sbatch --array nor ' +
        'JOB_COMPLETION_INDEX from a Kubernetes Indexed Job is set); give --shard i/n instead\n',
    );
  });

  it('an Indexed Job pod without --shard-count: exit 2 before any training', async () => {
    unschedule();
    process.env.JOB_COMPLETION_INDEX = '0';
    const r = await runInProcess(['search', '--backbone', 'resnet-50', '--preset', 'smoke', '--shard', 'auto']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^scaling-lab: error: --shard auto: JOB_COMPLETION_INDEX=0 is set but not the number of pods; pass --shard-count N/,
    );
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('a bad --shard-count is refused by name', async () => {
    const r = await runInProcess(['run', 'resnet-compound', '--shard', 'auto', '--shard-count', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard-count must be an integer in \[1, 100000\], got '0'/);
  });
});
