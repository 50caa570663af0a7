// Public API of @scaling-lab/native: the optional oneDNN addon (convolutions and training kernels), its geometry encoding and
// thread setting. The wasm kernels that use it live in @scaling-lab/train (src/native).
export {
  loadAddon,
  describeAddonError,
  ADDON_PATH,
  ConvPass,
  ConvActivation,
  ActivationGradKind,
  OptimizerKind,
} from './addon';
export type { NativeAddon, AddonInfo, AddonLoad } from './addon';
export { encodeGeometry } from './geometry';
export type { ConvGeometry } from './geometry';
export { threadsFromEnv, THREADS_ENV, MAX_THREADS } from './threads';
export { InferenceActivation } from './inference';
export type { NativeInferenceKernels } from './inference';
