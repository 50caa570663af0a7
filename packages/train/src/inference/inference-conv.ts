// One fused conv block of an inference plan, act(conv(x, filter) + bias + residual): a single native kernel
// where the oneDNN addon runs on the active backend, otherwise the stock kernels (a fused conv2d with bias
// and, when nothing is added after it, ReLU/ReLU6; then the add and the activation).
import * as tf from '@tensorflow/tfjs';
import { InferenceActivation } from '@scaling-lab/native';
import {
  INFERENCE_CONV,
  type InferenceConvAttrs,
  inferenceConvGeometry,
  nativeInferenceActive,
} from '../native/native-inference-kernels';
import { applyActivation } from './activations';

export interface ConvBlockWeights {
  readonly filter: tf.Tensor4D;
  readonly bias: tf.Tensor1D | null;
}

export interface ConvBlockAttrs {
  readonly depthwise: boolean;
  readonly strides: [number, number];
  readonly pad: 'same' | 'valid';
  readonly dilations: [number, number];
  readonly activation: InferenceActivation;
}

function stock(x: tf.Tensor4D, w: ConvBlockWeights, a: ConvBlockAttrs, residual: tf.Tensor | null): tf.Tensor {
  const fusable =
    residual == null && (a.activation === InferenceActivation.Relu || a.activation === InferenceActivation.Relu6);
  const activation = fusable ? (a.activation === InferenceActivation.Relu ? 'relu' : 'relu6') : 'linear';
  const args = {
    x,
    filter: w.filter,
    bias: w.bias ?? undefined,
    strides: a.strides,
    pad: a.pad,
    dilations: a.dilations,
    activation,
  } as const;
  let y: tf.Tensor = a.depthwise ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
  if (residual != null) y = tf.add(y, residual);
  return fusable ? y : applyActivation(y, a.activation);
}

export function runConvBlock(
  x: tf.Tensor4D,
  w: ConvBlockWeights,
  a: ConvBlockAttrs,
  residual: tf.Tensor | null,
): tf.Tensor {
  const attrs: InferenceConvAttrs = {
    strides: a.strides,
    pad: a.pad,
    dilations: a.dilations,
    depthwise: a.depthwise,
    activation: a.activation,
  };
  const geometry =
    nativeInferenceActive() && x.dtype === 'float32' && (residual == null || residual.dtype === 'float32')
      ? inferenceConvGeometry(x.shape, w.filter.shape, attrs)
      : null;
  if (geometry == null) return stock(x, w, a, residual);
  attrs.geometry = geometry;
  const inputs: tf.NamedTensorMap = { x, filter: w.filter };
  if (w.bias != null) inputs.bias = w.bias;
  if (residual != null) inputs.residual = residual;
  return tf.engine().runKernel(INFERENCE_CONV, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}
