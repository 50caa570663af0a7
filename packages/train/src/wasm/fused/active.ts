// Whether the fused TypeScript kernels are in use: installed, and the active backend is wasm. Gradients and
// layer hooks registered globally consult this and fall back to the stock computation everywhere else.
import * as tf from '@tensorflow/tfjs';

let installed = false;

export function setFusedKernelsInstalled(on: boolean): void {
  installed = on;
}

export function fusedKernelsActive(): boolean {
  return installed && tf.getBackend() === 'wasm';
}
