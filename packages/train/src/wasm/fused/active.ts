// Whether the fused TypeScript kernels are in use: installed and enabled, and the active backend is wasm.
// Gradients and layer hooks registered globally consult this and fall back to the stock computation
// everywhere else. Installing enables them; the bench disables them to time the unfused path in one run.
import * as tf from '@tensorflow/tfjs';

let enabled = false;

export function setFusedKernelsEnabled(on: boolean): void {
  enabled = on;
}

export function fusedKernelsActive(): boolean {
  return enabled && tf.getBackend() === 'wasm';
}
