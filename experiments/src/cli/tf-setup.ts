/**
 * tfjs set-up for commands that only build and profile models (no training): the pure-JS cpu backend,
 * without the banner it prints on first use suggesting tfjs-node (training picks its own backend).
 */
import * as tf from '@tensorflow/tfjs';

export async function useQuietCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  // MathBackendCPU warns once, on its first tensor write, unless firstUse is already cleared.
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
}
