/** `scaling-lab report` over stores whose rows disagree: refused in one line naming both values, nothing written. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResultsStore } from '@scaling-lab/report';
import { type RunSpec, toResultRows } from '@scaling-lab/run-record';
import { sampleResult, sampleSpec } from '@scaling-lab/run-record/testing';
import { runInProcess } from '../../testing/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function storeOf(name: string, overrides: Partial<RunSpec>): Promise<string> {
  const store = path.join(dir, name);
  const spec = sampleSpec({
    experiment: 'resnet-compound',
    lines: [{ strategy: 'compound', requested: 1 }],
    ...overrides,
  });
  for (const row of toResultRows(sampleResult(spec))) await new ResultsStore(store).put(row);
  return store;
}

it.each([
  ['preset', { preset: 'quick' }, /disagree on preset: "smoke" vs "quick"/],
  ['recipe', { recipe: { ...sampleSpec().recipe, epochs: 3 } }, /disagree on recipe: .*"epochs":1.* vs .*"epochs":3/],
  [
    'dataset',
    { dataset: { ...sampleSpec().dataset, name: 'fashion-mnist' } },
    /disagree on dataset: "synthetic" vs "fashion-mnist"/,
  ],
])('rows that disagree on %s are refused with exit 2, no report written', async (field, other, message) => {
  const a = await storeOf(`a-${field}`, { seed: 0 });
  const b = await storeOf(`b-${field}`, { seed: 1, ...other });
  const reports = path.join(dir, `reports-${field}`);
  const r = await runInProcess(['report', 'resnet-compound', '--store', a, '--store', b, '--reports', reports]);
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(fs.existsSync(reports)).toBe(false);
});
