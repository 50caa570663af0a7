/**
 * An inference plan for a LayersModel: the model's layer graph rewritten for inference and run without
 * tfjs-layers' per-layer overhead. Each convolution takes in the batch norm after it (folded into filter and
 * bias), then a residual add and an activation when it is their only input, and runs as one kernel (see
 * ./inference-conv); Dropout disappears; global pooling, reshapes, adds and multiplies are single ops; any
 * other layer runs as the layer itself in inference mode. Results match `model.apply(x, {training: false})`
 * to float rounding. The plan folds the weights as they are when it is compiled: compile a new one after
 * training changes them, and dispose it after use.
 */
import * as tf from '@tensorflow/tfjs';
import { InferenceActivation } from '@scaling-lab/native';
import { activationLayerOf, activationOf, applyActivation } from './activations';
import { type BatchNormWeights, foldBatchNorm } from './fold-batch-norm';
import { type ConvBlockAttrs, type ConvBlockWeights, runConvBlock } from './inference-conv';
import { channelScale, globalAveragePool } from '../native/native-inference-kernels';
import { type ModelGraph, readModelGraph } from './model-graph';

export interface InferencePlanSummary {
  /** Null when the plan runs the model as it is, with the reason in `fallback`. */
  readonly steps: number | null;
  readonly convBlocks: number;
  readonly foldedBatchNorms: number;
  readonly fusedActivations: number;
  readonly fusedAdds: number;
  /** Layers run as themselves (dense heads, pooling, anything without a rewrite). */
  readonly layerSteps: number;
  readonly fallback?: string;
}

export interface InferencePlan {
  /** The model's output for `x` in inference mode. The caller owns the returned tensor. */
  predict(x: tf.Tensor): tf.Tensor;
  readonly summary: InferencePlanSummary;
  /** Frees the folded weights. */
  dispose(): void;
}

interface ConvLayer {
  kernel?: tf.LayerVariable;
  depthwiseKernel?: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  useBias: boolean;
  strides: number[];
  padding: string;
  dataFormat: string;
  dilationRate: number | number[];
  activation: { getClassName(): string } | null;
}

interface BatchNormLayer {
  axis: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: tf.LayerVariable | null;
  beta: tf.LayerVariable | null;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

interface ConvStep {
  kind: 'conv';
  inputs: number[]; // [x] or [x, residual]
  layer: tf.layers.Layer;
  depthwise: boolean;
  attrs: ConvBlockAttrs;
  bn: tf.layers.Layer | null;
  residual: boolean;
  /** The graph node whose value this step's output currently stands for. */
  tail: number;
  weights?: ConvBlockWeights;
}

type Step =
  | { kind: 'input'; inputs: [] }
  | ConvStep
  | { kind: 'activation'; inputs: [number]; activation: InferenceActivation }
  | { kind: 'add' | 'multiply'; inputs: number[] }
  /** A squeeze-excite gate: inputs [x, s] with s of shape [n, 1, 1, c]. */
  | { kind: 'channelScale'; inputs: [number, number] }
  | { kind: 'mean'; inputs: [number] }
  | { kind: 'reshape'; inputs: [number]; shape: number[] }
  | { kind: 'dense'; inputs: [number]; layer: tf.layers.Layer; activation: InferenceActivation | 'softmax' }
  | { kind: 'layer'; inputs: number[]; layer: tf.layers.Layer };

function pair(v: number | number[]): [number, number] {
  return Array.isArray(v) ? [v[0], v[v.length === 1 ? 0 : 1]] : [v, v];
}

/** The conv block attributes of a Conv2D / DepthwiseConv2D layer, or null when it cannot be one. */
function convAttrs(layer: tf.layers.Layer): ConvBlockAttrs | null {
  const name = layer.getClassName();
  if (name !== 'Conv2D' && name !== 'DepthwiseConv2D') return null;
  const c = layer as unknown as ConvLayer;
  const activation = activationOf(c.activation);
  if (activation == null || c.dataFormat !== 'channelsLast') return null;
  if (c.padding !== 'same' && c.padding !== 'valid') return null;
  if (name === 'DepthwiseConv2D' && c.depthwiseKernel == null) return null;
  return {
    depthwise: name === 'DepthwiseConv2D',
    strides: pair(c.strides),
    pad: c.padding,
    dilations: pair(c.dilationRate),
    activation,
  };
}

interface DenseLayer {
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  useBias: boolean;
  activation: { getClassName(): string } | null;
}

/** The activation of a Dense layer the plan runs as one matMul (a classifier head: linear or softmax). */
function denseActivation(layer: tf.layers.Layer): InferenceActivation | 'softmax' | null {
  const d = layer as unknown as DenseLayer;
  if (d.kernel == null || d.kernel.shape.length !== 2) return null;
  if (d.activation?.getClassName() === 'softmax') return 'softmax';
  return activationOf(d.activation);
}

/** A Dense layer on a [batch, features] input: one matMul with its bias, then its activation. */
function runDense(x: tf.Tensor, layer: tf.layers.Layer, activation: InferenceActivation | 'softmax'): tf.Tensor {
  if (x.rank !== 2) return layer.apply(x, { training: false }) as tf.Tensor;
  const d = layer as unknown as DenseLayer;
  const bias = d.useBias && d.bias != null ? d.bias.read() : undefined;
  const y = tf.fused.matMul({ a: x, b: d.kernel.read(), bias });
  return activation === 'softmax' ? tf.softmax(y) : applyActivation(y, activation);
}

function isLastAxisBatchNorm(layer: tf.layers.Layer): boolean {
  if (layer.getClassName() !== 'BatchNormalization') return false;
  const axis = (layer as unknown as BatchNormLayer).axis;
  return axis === -1 || axis === 3;
}

/** The shapes of a merge layer's inputs, as the model was built. */
function inputShapes(layer: tf.layers.Layer): Array<Array<number | null>> {
  const shapes = layer.inboundNodes[0].inputShapes as unknown as Array<Array<number | null>>;
  return Array.isArray(shapes[0]) ? shapes : [];
}

function sameShapes(layer: tf.layers.Layer): boolean {
  const shapes = inputShapes(layer);
  if (shapes.length === 0) return false;
  const first = JSON.stringify(shapes[0]);
  return shapes.every((s) => JSON.stringify(s) === first);
}

/** For a two-input Multiply of [n, h, w, c] by [n, 1, 1, c] (either order), the index of the gate. */
function gateOperand(layer: tf.layers.Layer): number | null {
  const shapes = inputShapes(layer);
  if (shapes.length !== 2 || shapes.some((s) => s.length !== 4)) return null;
  // The second operand first: with two [n, 1, 1, c] operands either is the gate (the product is the same).
  for (const g of [1, 0]) {
    const [gate, x] = [shapes[g], shapes[1 - g]];
    if (gate[1] === 1 && gate[2] === 1 && gate[3] != null && gate[3] === x[3]) return g;
  }
  return null;
}

function sameRanks(layer: tf.layers.Layer): boolean {
  const shapes = inputShapes(layer);
  return shapes.length > 0 && shapes.every((s) => s.length === shapes[0].length);
}

class Compiler {
  readonly steps: Step[] = [];
  /** Graph node index -> the step whose output is that node's value. */
  private readonly stepOf: number[] = [];
  counts = { foldedBatchNorms: 0, fusedActivations: 0, fusedAdds: 0, layerSteps: 0 };

  constructor(private readonly graph: ModelGraph) {}

  /** The conv step that node `n`'s value comes from, when nothing else reads it and `ok` accepts it. */
  private openConv(n: number, ok: (s: ConvStep) => boolean): ConvStep | null {
    const s = this.steps[this.stepOf[n]];
    if (s?.kind !== 'conv' || s.tail !== n || this.graph.nodes[n].consumers !== 1 || !ok(s)) return null;
    return s;
  }

  private emit(node: number, step: Step): void {
    this.stepOf[node] = this.steps.length;
    this.steps.push(step);
  }

  /** Node `node`'s value is now the output of conv step `s` (which took in the layer). */
  private extend(node: number, s: ConvStep): void {
    this.stepOf[node] = this.stepOf[s.tail];
    s.tail = node;
  }

  compile(): void {
    this.graph.nodes.forEach(({ layer, inputs }, node) => {
      const from = inputs.map((i) => this.stepOf[i]);
      if (node === this.graph.input) return this.emit(node, { kind: 'input', inputs: [] });
      const name = layer.getClassName();
      const conv = convAttrs(layer);
      if (conv != null && inputs.length === 1) {
        return this.emit(node, {
          kind: 'conv',
          inputs: from,
          layer,
          depthwise: conv.depthwise,
          attrs: conv,
          bn: null,
          residual: false,
          tail: node,
        });
      }
      if (isLastAxisBatchNorm(layer) && inputs.length === 1) {
        const s = this.openConv(
          inputs[0],
          (c) => c.bn == null && !c.residual && c.attrs.activation === InferenceActivation.Linear,
        );
        if (s != null) {
          s.bn = layer;
          this.counts.foldedBatchNorms++;
          return this.extend(node, s);
        }
      }
      const act = inputs.length === 1 ? activationLayerOf(layer) : null;
      if (act != null) {
        const s = this.openConv(inputs[0], (c) => c.attrs.activation === InferenceActivation.Linear);
        if (s != null) {
          s.attrs = { ...s.attrs, activation: act };
          this.counts.fusedActivations++;
          return this.extend(node, s);
        }
        return this.emit(node, { kind: 'activation', inputs: [from[0]], activation: act });
      }
      if (name === 'Add' && inputs.length === 2 && sameShapes(layer)) {
        // The residual must exist before the conv runs: fuse into the input whose step comes later.
        const order = from[0] > from[1] ? [0, 1] : [1, 0];
        for (const k of order) {
          const other = from[1 - k];
          const s = this.openConv(
            inputs[k],
            (c) => !c.residual && c.attrs.activation === InferenceActivation.Linear && other < this.stepOf[inputs[k]],
          );
          if (s != null) {
            s.residual = true;
            s.inputs = [s.inputs[0], other];
            this.counts.fusedAdds++;
            return this.extend(node, s);
          }
        }
      }
      const gate = name === 'Multiply' && inputs.length === 2 ? gateOperand(layer) : null;
      if (gate != null) return this.emit(node, { kind: 'channelScale', inputs: [from[1 - gate], from[gate]] });
      if ((name === 'Add' || name === 'Multiply') && inputs.length >= 2 && sameRanks(layer)) {
        return this.emit(node, { kind: name === 'Add' ? 'add' : 'multiply', inputs: from });
      }
      if (name === 'GlobalAveragePooling2D' && inputs.length === 1) {
        const config = layer.getConfig();
        if (config.dataFormat === 'channelsLast' && config.keepDims !== true)
          return this.emit(node, { kind: 'mean', inputs: [from[0]] });
      }
      if (name === 'Reshape' && inputs.length === 1) {
        const target = (layer.getConfig().targetShape as number[] | undefined) ?? [];
        if (target.every((d) => d > 0)) return this.emit(node, { kind: 'reshape', inputs: [from[0]], shape: target });
      }
      if (name === 'Dense' && inputs.length === 1) {
        const activation = denseActivation(layer);
        if (activation != null) return this.emit(node, { kind: 'dense', inputs: [from[0]], layer, activation });
      }
      this.counts.layerSteps++;
      return this.emit(node, { kind: 'layer', inputs: from, layer });
    });
  }

  outputStep(): number {
    return this.stepOf[this.graph.output];
  }
}

function batchNormWeights(layer: tf.layers.Layer): BatchNormWeights {
  const bn = layer as unknown as BatchNormLayer;
  return {
    gamma: bn.scale && bn.gamma != null ? (bn.gamma.read() as tf.Tensor1D) : null,
    beta: bn.center && bn.beta != null ? (bn.beta.read() as tf.Tensor1D) : null,
    movingMean: bn.movingMean.read() as tf.Tensor1D,
    movingVariance: bn.movingVariance.read() as tf.Tensor1D,
    epsilon: bn.epsilon,
  };
}

function foldWeights(step: ConvStep): ConvBlockWeights {
  const c = step.layer as unknown as ConvLayer;
  const filter = (step.depthwise ? c.depthwiseKernel! : c.kernel!).read() as tf.Tensor4D;
  const bias = c.useBias && c.bias != null ? (c.bias.read() as tf.Tensor1D) : null;
  const folded = foldBatchNorm(filter, bias, step.bn == null ? null : batchNormWeights(step.bn), step.depthwise);
  return { filter: tf.keep(folded.filter), bias: folded.bias == null ? null : tf.keep(folded.bias) };
}

function runStep(step: Step, values: tf.Tensor[], x: tf.Tensor): tf.Tensor {
  const arg = (k: number) => values[step.inputs[k]];
  switch (step.kind) {
    case 'input':
      return x;
    case 'conv':
      return runConvBlock(arg(0) as tf.Tensor4D, step.weights!, step.attrs, step.residual ? arg(1) : null);
    case 'activation':
      return applyActivation(arg(0), step.activation);
    case 'add':
      return step.inputs.length === 2 ? tf.add(arg(0), arg(1)) : tf.addN(step.inputs.map((i) => values[i]));
    case 'multiply':
      return step.inputs.slice(1).reduce((acc, i) => tf.mul(acc, values[i]), arg(0));
    case 'mean':
      return globalAveragePool(arg(0));
    case 'channelScale':
      return channelScale(arg(0), arg(1));
    case 'reshape':
      return tf.reshape(arg(0), [arg(0).shape[0], ...step.shape]);
    case 'dense':
      return runDense(arg(0), step.layer, step.activation);
    case 'layer': {
      const inputs = step.inputs.map((i) => values[i]);
      return step.layer.apply(inputs.length === 1 ? inputs[0] : inputs, { training: false }) as tf.Tensor;
    }
  }
}

/** Runs the model as it is, for models the plan cannot describe. */
function modelAsIs(model: tf.LayersModel, reason: string): InferencePlan {
  return {
    predict: (x) => tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor),
    summary: {
      steps: null,
      convBlocks: 0,
      foldedBatchNorms: 0,
      fusedActivations: 0,
      fusedAdds: 0,
      layerSteps: 0,
      fallback: reason,
    },
    dispose: () => undefined,
  };
}

export function compileInference(model: tf.LayersModel): InferencePlan {
  const graph = readModelGraph(model);
  if ('reason' in graph) return modelAsIs(model, graph.reason);
  const compiler = new Compiler(graph);
  compiler.compile();
  const steps = compiler.steps;
  const convs = steps.filter((s): s is ConvStep => s.kind === 'conv');
  for (const s of convs) s.weights = foldWeights(s);
  const output = compiler.outputStep();
  // Uses of each step's value (plus one for the output), so intermediates are freed as soon as they are spent.
  const uses = steps.map(() => 0);
  steps.forEach((s) => s.inputs.forEach((i) => uses[i]++));
  uses[output]++;
  let disposed = false;
  return {
    predict(x: tf.Tensor): tf.Tensor {
      if (disposed) throw new Error('this inference plan was disposed; compile a new one');
      return tf.tidy(() => {
        const values: tf.Tensor[] = new Array(steps.length);
        const left = uses.slice();
        // Live slots per tensor: a step may hand back its input itself, which must outlive the slot it left.
        const live = new Map<tf.Tensor, number>();
        steps.forEach((step, s) => {
          const y = runStep(step, values, x);
          values[s] = y;
          live.set(y, (live.get(y) ?? 0) + 1);
          for (const i of step.inputs) {
            if (--left[i] > 0) continue;
            const t = values[i];
            const n = live.get(t)! - 1;
            live.set(t, n);
            if (n === 0 && t !== x) t.dispose();
          }
        });
        return values[output];
      });
    },
    summary: {
      steps: steps.length,
      convBlocks: convs.length,
      ...compiler.counts,
    },
    dispose() {
      disposed = true;
      for (const s of convs) tf.dispose([s.weights!.filter, ...(s.weights!.bias == null ? [] : [s.weights!.bias])]);
    },
  };
}
