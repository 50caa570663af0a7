// Runs registered wasm kernels directly on TensorInfos from inside another kernel, freeing the
// intermediates at the end. Composing at this level (not through tf ops) keeps the engine out of the
// loop: ops called from a kernel re-enter the engine's kernel dispatch, which it does not expect.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Attrs = Record<string, unknown>;

/** Explicit NHWC padding as the conv kernels accept it: [[0,0],[top,bottom],[left,right],[0,0]]. */
export type ExplicitPad = [[0, 0], [number, number], [number, number], [0, 0]];

export function explicitPad(top: number, bottom: number, left: number, right: number): ExplicitPad {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

export class KernelScope {
  private readonly temps: tf.TensorInfo[] = [];

  constructor(readonly backend: BackendWasm) {}

  /** Runs the wasm kernel `name`; its output is freed by `dispose()` unless passed to `keep()`. */
  run(name: string, inputs: Record<string, tf.TensorInfo>, attrs: Attrs = {}): tf.TensorInfo {
    const config = tf.getKernel(name, 'wasm');
    if (config == null)
      throw new Error(`wasm kernel '${name}' is not registered; load @tensorflow/tfjs-backend-wasm first`);
    const out = config.kernelFunc({ inputs, attrs, backend: this.backend } as never) as tf.TensorInfo;
    this.temps.push(out);
    return out;
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  reverse(x: tf.TensorInfo, dims: number[]): tf.TensorInfo {
    return this.run('Reverse', { x }, { dims });
  }

  pad(x: tf.TensorInfo, paddings: Array<[number, number]>): tf.TensorInfo {
    return this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  slice(x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
    return this.run('Slice', { x }, { begin, size });
  }

  sum(x: tf.TensorInfo, axis: number[]): tf.TensorInfo {
    return this.run('Sum', { x }, { axis, keepDims: false });
  }

  matMul(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): tf.TensorInfo {
    return this.run('BatchMatMul', { a, b }, { transposeA, transposeB });
  }

  /** XNNPACK forward convolution, stride and dilation per axis, explicit padding. */
  conv2d(
    x: tf.TensorInfo,
    filter: tf.TensorInfo,
    strides: [number, number],
    dilations: [number, number],
    pad: ExplicitPad,
  ): tf.TensorInfo {
    return this.run(
      'Conv2D',
      { x, filter },
      { strides, dilations, pad, dataFormat: 'NHWC', dimRoundingMode: undefined },
    );
  }

  /** XNNPACK forward depthwise convolution (filter [kh, kw, C, multiplier]). */
  depthwiseConv2d(
    x: tf.TensorInfo,
    filter: tf.TensorInfo,
    strides: [number, number],
    dilations: [number, number],
    pad: ExplicitPad,
  ): tf.TensorInfo {
    return this.run(
      'DepthwiseConv2dNative',
      { x, filter },
      { strides, dilations, pad, dataFormat: 'NHWC', dimRoundingMode: undefined },
    );
  }

  /**
   * Inserts stride-1 zeros between the rows and columns of an NHWC tensor (the "fractional stride"
   * of a transposed convolution): [N, h, w, C] -> [N, h*sh, w*sw, C]. The trailing s-1 zero rows and
   * columns are left in place; callers account for them in the padding that follows.
   */
  zeroDilate(x: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
    if (sh === 1 && sw === 1) return x;
    const [n, h, w, c] = x.shape;
    const six = this.reshape(x, [n, h, 1, w, 1, c]);
    const padded = this.pad(six, [
      [0, 0],
      [0, 0],
      [0, sh - 1],
      [0, 0],
      [0, sw - 1],
      [0, 0],
    ]);
    return this.reshape(padded, [n, h * sh, w * sw, c]);
  }

  /** Adds a TensorInfo made outside `run` (e.g. by makeOutput) to the scope's intermediates. */
  track(t: tf.TensorInfo): tf.TensorInfo {
    this.temps.push(t);
    return t;
  }

  /** Marks `t` as the kernel's result so `dispose()` leaves it alive. */
  keep(t: tf.TensorInfo): tf.TensorInfo {
    const i = this.temps.lastIndexOf(t);
    if (i >= 0) this.temps.splice(i, 1);
    return t;
  }

  dispose(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }
}

/** Runs `body` with a fresh scope and returns its result; every other intermediate is freed. */
export function withScope(backend: BackendWasm, body: (s: KernelScope) => tf.TensorInfo): tf.TensorInfo {
  const scope = new KernelScope(backend);
  try {
    const out = body(scope);
    return scope.keep(out);
  } finally {
    scope.dispose();
  }
}
