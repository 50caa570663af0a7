// Which batch-norm layers of a model may apply the ReLU (or ReLU6) that follows them inside their own fused
// training kernel: those whose only consumer is a ReLU layer and whose output is not a model output. The ReLU
// layer then passes the already activated tensor through, so a conv + BN + ReLU block runs one kernel less
// forward and one less backward (the ReLU's gradient is folded into batch norm's). Planned once per model.
import * as tf from '@tensorflow/tfjs';

export type FoldedActivation = 'relu' | 'relu6';

interface LayerLike {
  getClassName(): string;
  outboundNodes: Array<{ outboundLayer: LayerLike }>;
  output: unknown;
  maxValue?: number | null;
}

const planned = new WeakSet<object>();
const folded = new WeakMap<object, FoldedActivation>();
const absorbed = new WeakSet<object>();
const activated = new WeakMap<tf.Tensor, FoldedActivation>();

function reluKind(layer: LayerLike): FoldedActivation | null {
  if (layer.getClassName() !== 'ReLU') return null;
  if (layer.maxValue == null) return 'relu';
  return layer.maxValue === 6 ? 'relu6' : null;
}

/** Finds the batch-norm + ReLU pairs of `model` (idempotent, cheap after the first call). */
export function planBatchNormActivations(model: tf.LayersModel): void {
  if (planned.has(model)) return;
  planned.add(model);
  const outputs = new Set<unknown>(model.outputs);
  for (const layer of model.layers as unknown as LayerLike[]) {
    if (layer.getClassName() !== 'BatchNormalization' || layer.outboundNodes.length !== 1) continue;
    const next = layer.outboundNodes[0].outboundLayer;
    const kind = reluKind(next);
    if (kind == null || outputs.has(layer.output)) continue;
    folded.set(layer, kind);
    absorbed.add(next);
  }
}

/** The activation a batch-norm layer applies itself, or null. */
export function foldedActivation(batchNormLayer: object): FoldedActivation | null {
  return folded.get(batchNormLayer) ?? null;
}

/** Records that `t` is a batch norm's output with `kind` already applied. */
export function markActivated(t: tf.Tensor, kind: FoldedActivation): void {
  activated.set(t, kind);
}

/** True when `reluLayer` was planned to follow a batch norm and `x` came out of it already activated. */
export function alreadyActivated(reluLayer: object, x: tf.Tensor): boolean {
  return absorbed.has(reluLayer) && activated.get(x) === reluKind(reluLayer as LayerLike);
}
