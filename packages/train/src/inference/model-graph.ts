// A LayersModel's layer graph as an inference plan reads it: each layer once, in an order where producers
// come before consumers, with the layers each one reads and how many read it. Dropout is the identity in
// inference and is looked through. Models this does not describe (several inputs or outputs, layers
// applied more than once, multi-output layers) give a reason instead, and are run as they are.
import * as tf from '@tensorflow/tfjs';

export interface GraphNode {
  readonly layer: tf.layers.Layer;
  /** Indices (into `nodes`) of the layers this one reads, in call order. */
  readonly inputs: number[];
  /** How many inputs of later nodes (and model outputs) read this node. */
  consumers: number;
}

export interface ModelGraph {
  readonly nodes: GraphNode[];
  readonly input: number;
  readonly output: number;
}

/** Layers that compute the identity in inference mode. */
const INFERENCE_IDENTITY = new Set(['Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

export function readModelGraph(model: tf.LayersModel): ModelGraph | { reason: string } {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return { reason: 'not one input and one output' };
  const index = new Map<tf.layers.Layer, number>();
  const nodes: GraphNode[] = [];
  // Layers looked through, mapped to the node index they forward.
  const alias = new Map<tf.layers.Layer, number>();
  const resolve = (layer: tf.layers.Layer): number | undefined => index.get(layer) ?? alias.get(layer);
  for (const layer of model.layers) {
    if (layer.inboundNodes.length !== 1) return { reason: `layer '${layer.name}' is applied more than once` };
    const node = layer.inboundNodes[0];
    if (node.outputTensors.length !== 1) return { reason: `layer '${layer.name}' has several outputs` };
    if (node.tensorIndices.some((t) => t !== 0) || node.nodeIndices.some((n) => n !== 0))
      return { reason: `layer '${layer.name}' reads another application of a layer` };
    const inputs: number[] = [];
    for (const source of node.inboundLayers) {
      const i = resolve(source);
      if (i == null) return { reason: `layer '${layer.name}' comes before its input '${source.name}'` };
      inputs.push(i);
    }
    if (INFERENCE_IDENTITY.has(layer.getClassName()) && inputs.length === 1) {
      alias.set(layer, inputs[0]);
      continue;
    }
    index.set(layer, nodes.length);
    nodes.push({ layer, inputs, consumers: 0 });
  }
  const input = index.get(model.inputLayers[0]);
  const output = resolve(model.outputLayers[0]);
  if (input == null || output == null) return { reason: 'the input or output layer is not among the layers' };
  if (model.outputLayersNodeIndices[0] !== 0 || model.outputLayersTensorIndices[0] !== 0)
    return { reason: 'the output is not the first application of its layer' };
  for (const n of nodes) for (const i of n.inputs) nodes[i].consumers++;
  nodes[output].consumers++;
  return { nodes, input, output };
}
