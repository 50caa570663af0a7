// The point of the fused kernels: a training step of the bench's toy net (the trainer's own step, Adam)
// dispatches at least 4× fewer kernels on wasm with them than without, and skips the input image's gradient.
import * as tf from '@tensorflow/tfjs';
import { kernelsPerCall } from '../../bench/kernel-count';
import { buildToyNet } from '../../bench/toy-net';
import { makeStepRunner } from '../../bench/train-step';
import { useWasm } from '../../../testing/wasm';
import { setFusedKernelsEnabled } from './active';

describe('kernels per training step of the toy net on wasm', () => {
  afterAll(() => setFusedKernelsEnabled(true));

  it('are at least 4x fewer with the fused kernels', async () => {
    await useWasm();
    const model = buildToyNet();
    const runner = makeStepRunner(model, 2, 10);
    const count = async (fused: boolean) => {
      setFusedKernelsEnabled(fused);
      runner.train(); // creates optimizer slots outside the counted step
      return kernelsPerCall(() => runner.train());
    };
    const unfused = await count(false);
    const fused = await count(true);
    runner.dispose();
    model.dispose();
    expect(fused.total * 4).toBeLessThanOrEqual(unfused.total);
    expect(fused.byName.get('ScalingLabAdamUpdate')).toBe(1);
    expect(fused.byName.get('ScalingLabBatchNormTraining')).toBe(8);
    expect(fused.byName.get('ScalingLabBatchNormTrainingGrad')).toBe(8);
    // The first convolution's input is the image: its gradient is never computed (3 of 4 convs need dx).
    expect(fused.byName.get('Conv2DBackpropInput')).toBe(3);
    expect(unfused.byName.get('Conv2DBackpropInput')).toBe(4);
    expect(tf.getBackend()).toBe('wasm');
  }, 60_000);
});
