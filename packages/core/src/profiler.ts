/**
 * Model profiler: parameters and FLOPs of any tfjs LayersModel, per layer and summed. FLOPs are the
 * EfficientNet paper's unit: multiply-adds of Conv2D, DepthwiseConv2D (and separable/transposed convs)
 * and Dense layers. Batch-norm, activations, pooling and elementwise ops are counted separately in
 * `otherOps` (one op per output element) so the two units are never mixed.
 */
import type * as tf from '@tensorflow/tfjs';

export interface LayerProfile {
  /** Hierarchical layer name; nested models are prefixed with their own name and '/'. */
  readonly name: string;
  /** tfjs class name, e.g. 'Conv2D'. */
  readonly type: string;
  readonly outputShape: readonly (number | null)[];
  readonly params: number;
  readonly trainableParams: number;
  /** Multiply-adds (the paper's FLOPs). */
  readonly macs: number;
  /** Elementwise ops outside conv/dense: batch-norm, activations, pooling, adds, multiplies. */
  readonly otherOps: number;
}

export interface ModelProfile {
  readonly layers: readonly LayerProfile[];
  readonly params: { readonly total: number; readonly trainable: number };
  /** Total multiply-adds of conv and dense layers. */
  readonly flops: number;
  readonly otherOps: number;
}

type Shape = (number | null)[];
type AnyLayer = tf.layers.Layer & { layers?: AnyLayer[]; getClassName(): string };

/** Layers whose cost is elementwise over their output. */
const ELEMENTWISE = new Set([
  'BatchNormalization',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'PReLU',
  'ELU',
  'Softmax',
  'ThresholdedReLU',
  'Add',
  'Multiply',
  'Average',
  'Maximum',
  'Minimum',
  'Subtract',
  'LayerNormalization',
  'Rescaling',
]);
/** Layers whose cost is one op per input element (each input read once into a pooled sum/max). */
const POOLING = new Set([
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'MaxPooling1D',
  'AveragePooling1D',
  'GlobalAveragePooling1D',
  'GlobalMaxPooling1D',
]);

export function profileModel(model: tf.LayersModel): ModelProfile {
  const layers = profileLayers(model.layers as AnyLayer[], '');
  const sum = (f: (l: LayerProfile) => number) => layers.reduce((acc, l) => acc + f(l), 0);
  return {
    layers,
    params: { total: sum((l) => l.params), trainable: sum((l) => l.trainableParams) },
    flops: sum((l) => l.macs),
    otherOps: sum((l) => l.otherOps),
  };
}

function profileLayers(layers: AnyLayer[], prefix: string): LayerProfile[] {
  const out: LayerProfile[] = [];
  for (const layer of layers) {
    if (Array.isArray(layer.layers)) {
      // A nested model: profile its layers in place so nothing is counted twice.
      out.push(...profileLayers(layer.layers, `${prefix}${layer.name}/`));
      continue;
    }
    out.push(profileLayer(layer, prefix));
  }
  return out;
}

function profileLayer(layer: AnyLayer, prefix: string): LayerProfile {
  const type = layer.getClassName();
  const calls = callShapes(layer);
  const params = layer.countParams();
  const trainableParams = layer.trainableWeights.reduce((acc, w) => acc + product(w.shape as number[]), 0);
  let macs = 0;
  let otherOps = 0;
  for (const { input, output } of calls) {
    macs += layerMacs(layer, type, input, output);
    if (ELEMENTWISE.has(type)) otherOps += elements(output);
    if (POOLING.has(type)) otherOps += elements(input);
  }
  return {
    name: prefix + layer.name,
    type,
    outputShape: calls[0]?.output ?? [],
    params,
    trainableParams,
    macs,
    otherOps,
  };
}

/** Input/output shapes of every call of a layer (a shared layer is called more than once). */
function callShapes(layer: AnyLayer): { input: Shape; output: Shape }[] {
  const nodes =
    (layer as unknown as { inboundNodes: { inputShapes: Shape | Shape[]; outputShapes: Shape | Shape[] }[] })
      .inboundNodes ?? [];
  return nodes
    .filter((n) => n.inputShapes !== undefined && n.outputShapes !== undefined)
    .map((n) => ({ input: firstShape(n.inputShapes), output: firstShape(n.outputShapes) }));
}

function firstShape(s: Shape | Shape[]): Shape {
  return Array.isArray(s[0]) || (s.length > 0 && s[0] !== null && typeof s[0] === 'object')
    ? (s as Shape[])[0]
    : (s as Shape);
}

function layerMacs(layer: AnyLayer, type: string, input: Shape, output: Shape): number {
  const kernelShape = (name: string) =>
    layer.weights.find((w) => w.originalName.endsWith(name) || w.name.endsWith(name))?.shape as number[] | undefined;
  switch (type) {
    case 'Conv1D':
    case 'Conv2D':
    case 'Conv3D': {
      // Every output element is a dot product over the kernel window × input channels.
      const kernel = kernelShape('kernel');
      return kernel ? elements(output) * product(kernel.slice(0, -1)) : 0;
    }
    case 'DepthwiseConv2D': {
      const kernel = kernelShape('depthwise_kernel');
      return kernel ? elements(output) * kernel[0] * kernel[1] : 0;
    }
    case 'SeparableConv1D':
    case 'SeparableConv2D': {
      const depthwise = kernelShape('depthwise_kernel');
      const pointwise = kernelShape('pointwise_kernel');
      if (!depthwise || !pointwise) return 0;
      const spatial = elements(output) / (output[output.length - 1] ?? 1);
      const dwChannels = depthwise[depthwise.length - 2] * depthwise[depthwise.length - 1];
      return spatial * dwChannels * product(depthwise.slice(0, -2)) + elements(output) * dwChannels;
    }
    case 'Conv2DTranspose':
    case 'Conv3DTranspose': {
      // Each input element scatters into a kernel window of every output channel.
      const kernel = kernelShape('kernel');
      return kernel ? elements(input) * product(kernel.slice(0, -2)) * kernel[kernel.length - 2] : 0;
    }
    case 'Dense': {
      const kernel = kernelShape('kernel');
      return kernel ? elements(output) * kernel[0] : 0;
    }
    default:
      return 0;
  }
}

/** Number of elements of one example (the batch dimension is dropped). */
function elements(shape: Shape): number {
  return product(shape.slice(1).map((d) => d ?? 1));
}

function product(xs: readonly number[]): number {
  return xs.reduce((acc, x) => acc * x, 1);
}
