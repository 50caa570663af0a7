import { learningRateAt, type Schedule, STEP_DECAY_EPOCHS, STEP_DECAY_RATE } from './schedule';

const base: Schedule = { kind: 'cosine', baseRate: 0.1, stepsPerEpoch: 10, totalSteps: 100, warmupSteps: 0 };

describe('learningRateAt', () => {
  it('cosine starts at the base rate, is half-way at the middle and reaches 0 at the end', () => {
    expect(learningRateAt(base, 0)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(base, 50)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(base, 100)).toBeCloseTo(0, 12);
    for (let s = 1; s <= 100; s++) expect(learningRateAt(base, s)).toBeLessThanOrEqual(learningRateAt(base, s - 1));
  });

  it('warm-up rises linearly to the base rate, then the decay starts from it', () => {
    const s: Schedule = { ...base, warmupSteps: 20 };
    expect(learningRateAt(s, 0)).toBeCloseTo(0.005, 12);
    expect(learningRateAt(s, 9)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(s, 19)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(s, 20)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(s, 60)).toBeCloseTo(0.05, 12); // middle of the 80 cosine steps
  });

  it('step decays by 0.97 every 2.4 epochs', () => {
    const s: Schedule = { ...base, kind: 'step' };
    const boundary = STEP_DECAY_EPOCHS * s.stepsPerEpoch; // 24 steps
    expect(learningRateAt(s, boundary - 1)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(s, boundary)).toBeCloseTo(0.1 * STEP_DECAY_RATE, 12);
    expect(learningRateAt(s, 2 * boundary)).toBeCloseTo(0.1 * STEP_DECAY_RATE ** 2, 12);
  });

  it('constant stays at the base rate after warm-up', () => {
    const s: Schedule = { ...base, kind: 'constant', warmupSteps: 4 };
    expect(learningRateAt(s, 1)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(s, 99)).toBe(0.1);
  });
});
