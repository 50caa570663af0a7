// The loader's reasons for an addon that cannot load, and the thread-count setting's validation.
import { describeAddonError, loadAddon } from './addon';
import { threadsFromEnv } from './threads';

describe('describeAddonError', () => {
  it('names a missing shared library and how to build', () => {
    const error = new Error('libdnnl.so.2: cannot open shared object file: No such file or directory');
    expect(describeAddonError(error)).toBe(
      'the addon cannot load libdnnl.so.2; build it with `npm run native:build` (needs g++, make, python3 and libdnnl-dev)',
    );
  });

  it('tells a Node ABI mismatch apart', () => {
    const error = new Error(
      "The module 'x.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 108.",
    );
    expect(describeAddonError(error)).toMatch(/built for another Node version; rebuild it with `npm run native:build`/);
  });

  it('a require that throws becomes a reason, not an exception', () => {
    const load = loadAddon(() => {
      throw new Error('undefined symbol: dnnl_version');
    });
    expect(load.ok).toBe(false);
    if (!load.ok) expect(load.reason).toMatch(/failed to load: undefined symbol: dnnl_version|not built/);
  });
});

describe('threadsFromEnv', () => {
  it('uses every core when unset and the given count when set', () => {
    expect(threadsFromEnv({})).toBeGreaterThanOrEqual(1);
    expect(threadsFromEnv({ SCALING_LAB_THREADS: '3' })).toBe(3);
  });

  it.each(['0', '1.5', 'two', '-1', '5000'])('rejects SCALING_LAB_THREADS=%s naming the variable', (value) => {
    expect(() => threadsFromEnv({ SCALING_LAB_THREADS: value })).toThrow(
      `SCALING_LAB_THREADS must be a whole number from 1 to 1024, got '${value}'`,
    );
  });
});
