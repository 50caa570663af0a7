import { RunResultSchema } from './measured';
import { RecipeSchema } from './recipe';
import { RESULT_COLUMNS, ResultRowSchema, toResultRows } from './result-row';
import { runKey } from './run-key';
import { RunSpecSchema } from './run-spec';
import { sampleResult, sampleSpec } from '../testing';
import { parseJsonWith, parseWith, RecordError } from './validate';

describe('runKey', () => {
  it('is the same for equal specs whatever the key order, and ignores placement in a report', () => {
    const spec = sampleSpec();
    const reordered = Object.fromEntries(Object.entries(spec).reverse()) as typeof spec;
    expect(runKey(reordered)).toBe(runKey(spec));
    expect(runKey(sampleSpec({ experiment: 'other', lines: [{ strategy: 'depth', requested: 1 }], step: 1 }))).toBe(
      runKey(spec),
    );
  });

  it.each([
    ['epochs', sampleSpec({ recipe: { ...sampleSpec().recipe, epochs: 3 } })],
    ['learning rate', sampleSpec({ recipe: { ...sampleSpec().recipe, learningRate: 2e-3 } })],
    ['seed', sampleSpec({ seed: 1 })],
    ['dataset limit', sampleSpec({ dataset: { ...sampleSpec().dataset, limitTrain: 256 } })],
    ['preset', sampleSpec({ preset: 'quick' })],
    ['scale', sampleSpec({ scale: { width: 0.5, resolution: 32 } })],
    ['backbone', sampleSpec({ backbone: 'mobilenet-v2' })],
  ])('changes with the %s', (_, changed) => {
    expect(runKey(changed)).not.toBe(runKey(sampleSpec()));
  });
});

describe('schemas', () => {
  it('accept the sample spec and result', () => {
    expect(RunSpecSchema.parse(sampleSpec())).toEqual(sampleSpec());
    expect(RunResultSchema.parse(sampleResult())).toEqual(sampleResult());
  });

  it.each([
    [{ epochs: 1e9 }, 'epochs'],
    [{ batchSize: 5000 }, 'batchSize'],
    [{ warmupEpochs: 5 }, 'warmupEpochs'],
    [{ weightDecay: 5 }, 'weightDecay'],
    [{ optimizer: 'lamb' }, 'optimizer'],
  ])('reject the recipe %j naming %s', (change, field) => {
    const parsed = RecipeSchema.safeParse({ ...sampleSpec().recipe, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].path).toEqual([field]);
  });

  it('reject a fractional resolution', () => {
    expect(RunSpecSchema.safeParse(sampleSpec({ scale: { resolution: 33.5 } })).success).toBe(false);
  });

  it.each([
    [{ recipe: { ...sampleSpec().recipe, batchSize: 5000 } }, "'recipe.batchSize' must be at most 4096 (got 5000)"],
    [{ recipe: { ...sampleSpec().recipe, epochs: 0 } }, "'recipe.epochs' must be at least 1 (got 0)"],
    [{ scale: { resolution: 33.5 } }, "'scale.resolution' must be a whole number (got 33.5)"],
    [{ seed: 'x' }, '\'seed\' must be a number (got "x")'],
  ])('say in plain words what a field must be: %j', (change, message) => {
    expect(() => parseWith(RunSpecSchema, { ...sampleSpec(), ...change }, 'spec.json')).toThrow(
      `spec.json: ${message}`,
    );
  });
});

describe('toResultRows', () => {
  it('carries the spec (requested knob included) and the measurements, one row per strategy line', () => {
    const spec = sampleSpec({
      step: 1,
      targetRatio: 1,
      lines: [
        { strategy: 'depth', requested: 1 },
        { strategy: 'compound', requested: 0 },
      ],
    });
    const rows = toResultRows(sampleResult(spec));
    expect(rows.map((r) => [r.strategy, r.requested])).toEqual([
      ['depth', 1],
      ['compound', 0],
    ]);
    for (const row of rows) {
      expect(ResultRowSchema.parse(row)).toEqual(row);
      expect(row).toMatchObject({
        runKey: runKey(spec),
        preset: 'smoke',
        dataset: 'synthetic',
        recipe: spec.recipe,
        reachedRatio: 1.8,
        targetRatio: 1,
        trainAccuracy: 0.4,
      });
      expect(Object.keys(row)).toEqual(RESULT_COLUMNS);
    }
  });

  it('leaves a ratio it cannot measure null, never 0', () => {
    const result = sampleResult();
    const [row] = toResultRows({ ...result, measured: { ...result.measured, baselineFlops: null } });
    expect(row.reachedRatio).toBeNull();
  });

  it('refuses a stand-alone run (no experiment)', () => {
    expect(() => toResultRows(sampleResult(sampleSpec({ experiment: null })))).toThrow(/no experiment/);
  });
});

describe('parseJsonWith', () => {
  it('names the source and the first bad field in one line', () => {
    const row = toResultRows(sampleResult())[0];
    const bad = JSON.stringify({ ...row, step: '2' });
    expect(() => parseJsonWith(ResultRowSchema, bad, 'runs/width-2-0.json')).toThrow(RecordError);
    expect(() => parseJsonWith(ResultRowSchema, bad, 'runs/width-2-0.json')).toThrow(
      /^runs\/width-2-0.json: 'step' must be a number \(got "2"\)$/,
    );
    expect(() => parseJsonWith(ResultRowSchema, JSON.stringify({ ...row, top1: 'oops' }), 'f.json')).toThrow(
      /'top1' must be a number \(got "oops"\)/,
    );
  });

  it('reports truncated JSON as such', () => {
    const text = JSON.stringify(toResultRows(sampleResult())[0]);
    expect(() => parseJsonWith(ResultRowSchema, text.slice(0, 40), 'f.json')).toThrow(/^f.json: not valid JSON/);
  });
});
