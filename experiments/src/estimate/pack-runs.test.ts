import { packRuns } from './pack-runs';

describe('packRuns', () => {
  it('two workers on two cores: side by side at one core each, the lone last run widened', () => {
    const packed = packRuns([10, 10, 30], { jobs: 2, cores: 2, allCoresSpeedup: 1.5 });
    expect(packed.runSeconds[0]).toBeCloseTo(10, 9);
    expect(packed.runSeconds[1]).toBeCloseTo(10, 9);
    expect(packed.runSeconds[2]).toBeCloseTo(20, 9);
    expect(packed.totalSeconds).toBeCloseTo(30, 9);
  });

  it('a run that becomes the last one running speeds up from then on', () => {
    // b (30) runs beside a (10) for 10 s, then c (10) beside b for 10 s; b's last 10 s alone at ×2.
    const packed = packRuns([10, 30, 10], { jobs: 2, cores: 2, allCoresSpeedup: 2 });
    expect(packed.runSeconds).toEqual([10, 25, 10].map((s) => expect.closeTo(s, 9)));
    expect(packed.totalSeconds).toBeCloseTo(25, 9);
  });

  it('one job at a time: every run gets all cores', () => {
    const packed = packRuns([10, 20], { jobs: 1, cores: 2, allCoresSpeedup: 1.6 });
    expect(packed.totalSeconds).toBeCloseTo(30 / 1.6, 9);
  });

  it('more jobs than cores share the cores', () => {
    const packed = packRuns([6, 6, 6], { jobs: 3, cores: 2, allCoresSpeedup: 1.5 });
    expect(packed.totalSeconds).toBeCloseTo(9, 9);
  });

  it('one core: nothing to widen', () => {
    expect(packRuns([5, 5], { jobs: 1, cores: 1, allCoresSpeedup: 1.8 }).totalSeconds).toBeCloseTo(10, 9);
    expect(packRuns([], { jobs: 2, cores: 2, allCoresSpeedup: 1.5 })).toEqual({ runSeconds: [], totalSeconds: 0 });
  });
});
