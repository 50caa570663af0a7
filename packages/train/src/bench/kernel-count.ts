// Kernels the engine dispatches for one call of `fn` (tf.profile's list; kernels that a kernel runs
// internally on its backend are not dispatches and are not counted). Each dispatch costs the engine
// 5-7 µs of bookkeeping, so this is what fused kernels cut.
import * as tf from '@tensorflow/tfjs';

export async function kernelsPerCall(fn: () => void): Promise<{ total: number; byName: Map<string, number> }> {
  const info = await tf.profile(() => {
    fn();
  });
  const byName = new Map<string, number>();
  for (const k of info.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + 1);
  return { total: info.kernels.length, byName };
}
