/**
 * Loads the oneDNN addon (build/Release/scaling_lab_native.node) once per process and says why when it
 * cannot: not built, built for another Node, or its shared libraries missing. Nothing here throws on a
 * missing addon; callers fall back to the wasm kernels and print the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NativeInferenceKernels } from './inference';

/** Which convolution pass `conv` runs; the numbers are the addon's. */
export enum ConvPass {
  Forward = 0,
  BackwardData = 1,
  BackwardWeights = 2,
}

/** Forward-pass activations the addon fuses into the convolution. */
export enum ConvActivation {
  Linear = 0,
  Relu = 1,
  Relu6 = 2,
}

/** Activation gradients `activationGrad` computes; the numbers are the addon's. */
export enum ActivationGradKind {
  Relu = 0,
  Relu6 = 1,
  Clip = 2,
  /** x is the forward's output y. */
  Sigmoid = 3,
  Swish = 4,
  HardSwish = 5,
}

/** Optimizers `optimizerUpdate` runs; the numbers are the addon's. */
export enum OptimizerKind {
  Adam = 0,
  RMSProp = 1,
  Momentum = 2,
}

export interface AddonInfo {
  /** oneDNN version, e.g. '2.6.3'. */
  readonly onednn: string;
  /** The instruction set oneDNN's kernels use here, e.g. 'avx2' or 'avx512_core'. */
  readonly isa: string;
  /** OpenMP threads each kernel may use. */
  readonly threads: number;
  readonly cachedPrimitives: number;
}

/** The addon's functions (addon/addon.cc). Tensors are NHWC float32 arrays read and written in place. */
export interface NativeAddon extends NativeInferenceKernels {
  info(): AddonInfo;
  setThreads(threads: number): void;
  /** Forward: a = x, b = filter, out = y. Backward data: a = dy, b = filter, out = dx. Backward weights: a = x, b = dy, out = dW. */
  conv(
    pass: ConvPass,
    geometry: Int32Array,
    activation: ConvActivation,
    a: Float32Array,
    b: Float32Array,
    bias: Float32Array | null,
    out: Float32Array,
  ): void;
  /**
   * Batch norm in training mode over the last axis (channels = scale's length): y (with `activation` applied),
   * the batch mean and biased variance, and the moving statistics moved by `1 - momentum` towards them.
   */
  batchNormForward(
    activation: ConvActivation,
    epsilon: number,
    momentum: number,
    x: Float32Array,
    scale: Float32Array,
    offset: Float32Array,
    movingMean: Float32Array,
    movingVariance: Float32Array,
    y: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    newMovingMean: Float32Array,
    newMovingVariance: Float32Array,
  ): void;
  /**
   * dx, dscale and doffset of `batchNormForward`. With an activation, dy is the activation's output gradient
   * and y its output (null for Linear), so the activation's gradient is folded in.
   */
  batchNormBackward(
    activation: ConvActivation,
    epsilon: number,
    dy: Float32Array,
    y: Float32Array | null,
    x: Float32Array,
    scale: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    dx: Float32Array,
    dscale: Float32Array,
    doffset: Float32Array,
  ): void;
  /** dx = dy * f'(x); lo and hi are clip's bounds (ignored otherwise). */
  activationGrad(
    kind: ActivationGradKind,
    lo: number,
    hi: number,
    dy: Float32Array,
    x: Float32Array,
    dx: Float32Array,
  ): void;
  /**
   * Updates every variable in one call. Per variable, `lengths[k]` floats and 2 × (1 + slots) + 1 byte offsets
   * into `heap`: value, gradient, slots…, new value, new slots… (Adam's slots m, v; RMSProp's mean square,
   * moment; momentum's accumulation). `hyper`: Adam [lr, beta1, beta2, epsilon, 1 − beta1^t, 1 − beta2^t];
   * RMSProp [lr, decay, momentum, epsilon]; momentum [lr, momentum, nesterov 0/1].
   */
  optimizerUpdate(
    kind: OptimizerKind,
    hyper: Float64Array,
    heap: ArrayBuffer,
    offsets: Float64Array,
    lengths: Float64Array,
  ): void;
  /** Max pool's input gradient; the geometry is a convolution's with co = ci = groups. */
  maxPoolGrad(geometry: Int32Array, x: Float32Array, dy: Float32Array, dx: Float32Array): void;
  /** The code that runs a case: a oneDNN implementation name or one of the addon's direct loops. */
  implementation(pass: ConvPass, geometry: Int32Array, activation: ConvActivation, hasBias: boolean): string;
}

export type AddonLoad =
  { readonly ok: true; readonly addon: NativeAddon } | { readonly ok: false; readonly reason: string };

/**
 * The package's own directory, found through the module resolver: a CLI bundle that inlines this file runs
 * from elsewhere, so `__dirname` only serves when the package is not installed as a module.
 */
function packageDir(): string {
  try {
    return path.dirname(require.resolve('@scaling-lab/native/package.json'));
  } catch {
    return path.resolve(__dirname, '..');
  }
}

export const ADDON_PATH = path.join(packageDir(), 'build', 'Release', 'scaling_lab_native.node');

const BUILD_HINT = 'build it with `npm run native:build` (needs g++, make, python3 and libdnnl-dev)';

let loaded: AddonLoad | null = null;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const defaultRequire = (file: string): unknown => require(file);

/** Short reason for a failed `require` of the addon, e.g. a missing libdnnl.so.2 or a Node ABI mismatch. */
export function describeAddonError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const lib = /(lib[\w.+-]+\.so[\w.]*): cannot open shared object file/.exec(message);
  if (lib) return `the addon cannot load ${lib[1]}; ${BUILD_HINT}`;
  if (/NODE_MODULE_VERSION|was compiled against a different Node/.test(message))
    return `the addon was built for another Node version; rebuild it with \`npm run native:build\``;
  return `the addon failed to load: ${message}`;
}

/** The addon, or why not. `requireAddon` is replaceable in tests to simulate a load failure. */
export function loadAddon(requireAddon: (file: string) => unknown = defaultRequire): AddonLoad {
  if (loaded != null && requireAddon === defaultRequire) return loaded;
  let result: AddonLoad;
  if (!fs.existsSync(ADDON_PATH)) {
    result = { ok: false, reason: `not built; ${BUILD_HINT}` };
  } else {
    try {
      result = { ok: true, addon: requireAddon(ADDON_PATH) as NativeAddon };
    } catch (error) {
      result = { ok: false, reason: describeAddonError(error) };
    }
  }
  if (requireAddon === defaultRequire) loaded = result;
  return result;
}
