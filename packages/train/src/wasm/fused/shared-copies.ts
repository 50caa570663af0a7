// Identity and same-dtype Cast without a copy. The engine clones every tensor a gradient saves (one Identity
// per saved input or output, hundreds per step) and tfjs's gradients cast float32 to float32 (Multiply's,
// Identity's); stock wasm copies the data each time. Tensors are immutable, so the result can share the
// buffer by reference count, as Reshape does.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

interface CopyArgs {
  inputs: { x: tf.TensorInfo };
  backend: BackendWasm;
  attrs?: { dtype?: tf.DataType };
}

function share({ inputs: { x }, backend }: CopyArgs): tf.TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export function makeSharedIdentity(stock: tf.KernelFunc): tf.KernelFunc {
  return ((args: CopyArgs) =>
    args.inputs.x.dtype === 'string' ? stock(args as never) : share(args)) as unknown as tf.KernelFunc;
}

export function makeSharedCast(stock: tf.KernelFunc): tf.KernelFunc {
  return ((args: CopyArgs) => {
    const { x } = args.inputs;
    return x.dtype !== 'string' && args.attrs?.dtype === x.dtype ? share(args) : stock(args as never);
  }) as unknown as tf.KernelFunc;
}
