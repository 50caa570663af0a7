// Activation gradients as one kernel each (stock tfjs: ReLU 3 kernels, ReLU6 and clip 5, sigmoid 3, swish
// and hard-swish ~8 through their composite forward), plus swish and hard-swish forward as one kernel. Most
// are compositions of stock SIMD wasm kernels behind one dispatch; hard-swish is a loop over the heap.
// Gradients follow tfjs's conventions at the kinks: ReLU passes dy where x > 0, ReLU6 where 0 < x <= 6,
// clip where min <= x <= max.
import * as tf from '@tensorflow/tfjs';
import { KernelScope, withScope } from '../kernel-scope';
import { heapViews, HeapKernelArgs, requireFloat32 } from './heap';

export const RELU_GRAD = 'ScalingLabReluGrad';
export const RELU6_GRAD = 'ScalingLabRelu6Grad';
export const CLIP_GRAD = 'ScalingLabClipGrad';
export const SIGMOID_GRAD = 'ScalingLabSigmoidGrad';
export const SWISH = 'ScalingLabSwish';
export const SWISH_GRAD = 'ScalingLabSwishGrad';
export const HARD_SWISH = 'ScalingLabHardSwish';
export const HARD_SWISH_GRAD = 'ScalingLabHardSwishGrad';

type Unary = (x: number) => number;
type Binary = (dy: number, x: number) => number;

/** A JavaScript loop over the heap (for hard-swish, whose wasm composition would take more passes than it saves). */
function unaryKernel(name: string, f: Unary): tf.KernelFunc {
  return (({ inputs, backend }: HeapKernelArgs) => {
    const x = requireFloat32(inputs.x, name, 'x');
    const {
      outputs,
      views: [xv, y],
    } = heapViews(backend, [x], [x.shape]);
    for (let i = 0; i < xv.length; i++) y[i] = f(xv[i]);
    return outputs[0];
  }) as unknown as tf.KernelFunc;
}

function gradKernel(name: string, f: Binary): tf.KernelFunc {
  return (({ inputs, backend }: HeapKernelArgs) => {
    const dy = requireFloat32(inputs.dy, name, 'dy');
    const x = requireFloat32(inputs.x, name, 'x');
    const {
      outputs,
      views: [dyv, xv, dx],
    } = heapViews(backend, [dy, x], [x.shape]);
    for (let i = 0; i < xv.length; i++) dx[i] = f(dyv[i], xv[i]);
    return outputs[0];
  }) as unknown as tf.KernelFunc;
}

/**
 * A kernel composed of stock wasm kernels (SIMD) called directly: one engine dispatch, several fast passes.
 * `body` gets the scope, the inputs and a scalar-constant maker.
 */
function composed(
  name: string,
  inputNames: string[],
  body: (
    s: KernelScope,
    ins: tf.TensorInfo[],
    scalar: (v: number) => tf.TensorInfo,
    attrs: Record<string, unknown>,
  ) => tf.TensorInfo,
): tf.KernelFunc {
  return (({ inputs, backend, attrs }: HeapKernelArgs) => {
    const ins = inputNames.map((n) => requireFloat32(inputs[n], name, n));
    return withScope(backend, (s) =>
      body(s, ins, (v) => s.track(backend.makeOutput([], 'float32', undefined, Float32Array.of(v))), attrs),
    );
  }) as unknown as tf.KernelFunc;
}

/** dy where lower <= x <= upper, else 0 (Select on a boolean mask). */
function clipGrad(
  s: KernelScope,
  dy: tf.TensorInfo,
  x: tf.TensorInfo,
  lower: tf.TensorInfo,
  upper: tf.TensorInfo,
): tf.TensorInfo {
  const above = s.run('GreaterEqual', { a: x, b: lower });
  const mask = s.run('LogicalAnd', { a: above, b: s.run('LessEqual', { a: x, b: upper }) });
  return s.run('Select', { condition: mask, t: dy, e: s.run('ZerosLike', { x: dy }) });
}

const relu6 = (u: number) => Math.min(Math.max(u, 0), 6);

export const ACTIVATION_KERNELS: ReadonlyArray<{ kernelName: string; kernelFunc: tf.KernelFunc }> = [
  // step(x) is 1 where x > 0: the stock rule without its float32-to-float32 Cast copy.
  {
    kernelName: RELU_GRAD,
    kernelFunc: composed(RELU_GRAD, ['dy', 'x'], (s, [dy, x]) =>
      s.run('Multiply', { a: dy, b: s.run('Step', { x }, { alpha: 0 }) }),
    ),
  },
  {
    kernelName: RELU6_GRAD,
    // step(x) − step(x − 6) is 1 exactly where 0 < x <= 6 (step(0) = 0), tfjs's ReLU6 rule, in float passes.
    kernelFunc: composed(RELU6_GRAD, ['dy', 'x'], (s, [dy, x], scalar) => {
      const mask = s.run('Sub', {
        a: s.run('Step', { x }, { alpha: 0 }),
        b: s.run('Step', { x: s.run('Sub', { a: x, b: scalar(6) }) }, { alpha: 0 }),
      });
      return s.run('Multiply', { a: dy, b: mask });
    }),
  },
  {
    kernelName: CLIP_GRAD,
    kernelFunc: composed(CLIP_GRAD, ['dy', 'x'], (s, [dy, x], scalar, a) =>
      clipGrad(s, dy, x, scalar(a.clipValueMin as number), scalar(a.clipValueMax as number)),
    ),
  },
  {
    kernelName: SIGMOID_GRAD,
    kernelFunc: composed(SIGMOID_GRAD, ['dy', 'x'], (s, [dy, y], scalar) =>
      s.run('Multiply', { a: dy, b: s.run('Multiply', { a: y, b: s.run('Sub', { a: scalar(1), b: y }) }) }),
    ),
  },
  {
    kernelName: SWISH,
    kernelFunc: composed(SWISH, ['x'], (s, [x]) => s.run('Multiply', { a: x, b: s.run('Sigmoid', { x }) })),
  },
  {
    kernelName: SWISH_GRAD,
    // d/dx x·σ(x) = σ(x)·(1 + x·(1 − σ(x))).
    kernelFunc: composed(SWISH_GRAD, ['dy', 'x'], (s, [dy, x], scalar) => {
      const sig = s.run('Sigmoid', { x });
      const inner = s.run('Add', {
        a: scalar(1),
        b: s.run('Multiply', { a: x, b: s.run('Sub', { a: scalar(1), b: sig }) }),
      });
      return s.run('Multiply', { a: dy, b: s.run('Multiply', { a: sig, b: inner }) });
    }),
  },
  { kernelName: HARD_SWISH, kernelFunc: unaryKernel(HARD_SWISH, (x) => (x * relu6(x + 3)) / 6) },
  {
    kernelName: HARD_SWISH_GRAD,
    kernelFunc: gradKernel(HARD_SWISH_GRAD, (dy, x) => {
      const u = x + 3;
      return (dy * (relu6(u) + (u > 0 && u <= 6 ? x : 0))) / 6;
    }),
  },
];

export const swishGradConfig: tf.GradConfig = {
  kernelName: SWISH,
  inputsToSave: ['x'],
  gradFunc: (dy, [x]) => ({ x: () => tf.engine().runKernel(SWISH_GRAD, { dy: dy as tf.Tensor, x }) as tf.Tensor }),
};

export const hardSwishGradConfig: tf.GradConfig = {
  kernelName: HARD_SWISH,
  inputsToSave: ['x'],
  gradFunc: (dy, [x]) => ({ x: () => tf.engine().runKernel(HARD_SWISH_GRAD, { dy: dy as tf.Tensor, x }) as tf.Tensor }),
};

/**
 * Gradient configs for stock kernels: the fused kernel on wasm, the stock gradient elsewhere. `stock` is
 * the config registered before ours.
 */
export function fusedActivationGradConfigs(
  isActive: () => boolean,
  stock: (name: string) => tf.GradConfig | undefined,
): tf.GradConfig[] {
  const wrap = (kernelName: string, fusedName: string): tf.GradConfig => {
    const previous = stock(kernelName);
    if (previous == null) throw new Error(`tfjs has no gradient for ${kernelName}`);
    return {
      ...previous,
      gradFunc: (dy, saved, attrs) => {
        if (!isActive()) return previous.gradFunc(dy, saved, attrs);
        const x = saved[0]; // the input, or the output for sigmoid
        const extra =
          kernelName === tf.ClipByValue ? { clipValueMin: attrs.clipValueMin, clipValueMax: attrs.clipValueMax } : {};
        return {
          x: () => tf.engine().runKernel(fusedName, { dy: dy as tf.Tensor, x }, extra as tf.NamedAttrMap) as tf.Tensor,
        };
      },
    };
  };
  return [
    wrap(tf.Relu, RELU_GRAD),
    wrap(tf.Relu6, RELU6_GRAD),
    wrap(tf.ClipByValue, CLIP_GRAD),
    // Sigmoid's stock gradient saves the output y; its rule dy * y * (1 - y) uses only that.
    wrap(tf.Sigmoid, SIGMOID_GRAD),
  ];
}
