// A sweep's --restart reaches every training child; without it the child resumes its checkpoint.
import { getExperiment, planRuns } from '../catalogue/experiments';
import { PRESETS } from '../catalogue/presets';
import { trainArgs } from './train-args';

it('passes --restart to the training child only when the sweep asks for it', () => {
  const [run] = planRuns(getExperiment('mobilenet-v2-compound'), PRESETS.smoke, 1);
  const options = { outDir: '/tmp/work/run', backend: 'wasm' };
  expect(trainArgs(run, PRESETS.smoke, options)).not.toContain('--restart');
  expect(trainArgs(run, PRESETS.smoke, { ...options, restart: true })).toContain('--restart');
});
