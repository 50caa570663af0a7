// Backend selection: absent native packages are a quiet fallback with a reason; an explicit backend that
// cannot load is a one-line error saying why and what to do.
import * as tf from '@tensorflow/tfjs';
import { describeLoadFailure } from './load-failure';
import { selectBackend } from './select-backend';

function missing(id: string): never {
  const error = new Error(`Cannot find module '${id}'\nRequire stack:\n- /somewhere/select-backend.ts`) as Error & {
    code: string;
  };
  error.code = 'MODULE_NOT_FOUND';
  throw error;
}

describe('selectBackend', () => {
  it('auto falls back past absent tfjs-node packages to wasm, saying why in one line', async () => {
    const lines: string[] = [];
    const noAddon = () => ({ ok: false, reason: 'not built' }) as const;
    const selected = await selectBackend('auto', {
      log: (l) => lines.push(l),
      requireModule: missing,
      loadNativeAddon: noAddon,
    });
    expect(selected.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(selected.reason).toBe(
      'tfjs-node-gpu not installed; tfjs-node not installed; wasm (native kernels unavailable: not built)',
    );
    expect(lines).toEqual([`backend: wasm (${selected.reason})`]);
  });

  it('an explicit tensorflow backend that is not installed is an error naming the fix', async () => {
    await expect(selectBackend('tensorflow', { log: null, requireModule: missing })).rejects.toThrow(
      /^--backend tensorflow: tfjs-node not installed; install it with `npm install @tensorflow\/tfjs-node@4\.22\.0`/,
    );
  });

  it('cpu is silenced: no tfjs-node banner on first use', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const selected = await selectBackend('cpu', { log: null });
    tf.tensor1d([1, 2]).dispose();
    expect(selected.name).toBe('cpu');
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('describeLoadFailure', () => {
  it('tells a held-back install script from missing CUDA libraries', () => {
    const noBinding = new Error(
      "Cannot find module '/x/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'",
    );
    expect(describeLoadFailure('tensorflow', noBinding).fix).toContain('npm rebuild @tensorflow/tfjs-node');
    const noCuda = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    const failure = describeLoadFailure('tensorflow-gpu', noCuda);
    expect(failure.reason).toBe('tfjs-node-gpu cannot load libcudart.so.11.0');
    expect(failure.fix).toContain('CUDA 11.2 and cuDNN 8.1');
  });
});
