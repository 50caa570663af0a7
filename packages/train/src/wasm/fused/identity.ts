// Identity without a copy. The engine clones every tensor a gradient saves (one Identity per saved input or
// output, ~200 per toy-net step), and stock wasm copies the data each time; tensors are immutable, so the
// clone can share the buffer by reference count as Reshape does.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function makeSharedIdentity(stock: tf.KernelFunc): tf.KernelFunc {
  return ((args: { inputs: { x: tf.TensorInfo }; backend: BackendWasm }) => {
    const { inputs: { x }, backend } = args;
    if (x.dtype === 'string') return stock(args as never);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  }) as unknown as tf.KernelFunc;
}
