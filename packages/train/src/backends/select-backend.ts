/**
 * Picks the tfjs backend a run trains on: `auto` tries tfjs-node-gpu (it must load and see a GPU), then
 * tfjs-node, then wasm with the project's gradient kernels (and the oneDNN convolution kernels of
 * @scaling-lab/native where the addon loads: reported as `wasm+native`), then the pure-JS cpu backend.
 * Absent optional packages are a quiet fallback; an explicit choice that cannot load is an error.
 */
import * as tf from '@tensorflow/tfjs';
import { installWasmTrainingKernels, loadWasmBackend } from '../wasm/install';
import type { AddonLoad } from '@scaling-lab/native';
import { enableNativeKernels } from '../native/native-kernels';
import { TrainError } from '../trainer/errors';
import { type LoadFailure, describeLoadFailure, NATIVE_PACKAGES, type NativeBackend } from './load-failure';

/** What a run trained on; `wasm+native` is the wasm backend with the oneDNN convolution kernels. */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm+native' | 'wasm' | 'cpu';
/** `wasm` uses the native kernels where they load; SCALING_LAB_NATIVE=off keeps the plain wasm kernels. */
export type BackendChoice = 'auto' | Exclude<BackendName, 'wasm+native'>;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface SelectedBackend {
  /** What the run trained on, stored with its results. */
  readonly name: BackendName;
  /** Why: the fallbacks passed over on the way, or that it was asked for. */
  readonly reason: string;
}

export interface SelectOptions {
  /** Where the one "backend: ..." line goes (default stderr); pass null to stay silent. */
  readonly log?: ((line: string) => void) | null;
  /** Module loader, replaceable in tests to simulate installed or broken native packages. */
  readonly requireModule?: (id: string) => unknown;
  /** Native-addon loader, replaceable in tests to simulate an addon that is missing or broken. */
  readonly loadNativeAddon?: () => AddonLoad;
}

type Attempt = { ok: true; name: BackendName; note: string } | { ok: false; failure: LoadFailure };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeRequire = (id: string): unknown => require(id);

/** Reads the GPU flag of tfjs-node's backend: a property in 4.x, a binding function in older builds. */
function backendSeesGpu(): boolean {
  const backend = tf.backend() as unknown as {
    isUsingGpuDevice?: boolean | (() => boolean);
    binding?: { isUsingGpuDevice?: () => boolean };
  };
  const flag = backend.isUsingGpuDevice;
  if (typeof flag === 'function') return flag.call(backend);
  if (typeof flag === 'boolean') return flag;
  return backend.binding?.isUsingGpuDevice?.() === true;
}

async function tryNative(kind: NativeBackend, load: (id: string) => unknown): Promise<Attempt> {
  const pkg = NATIVE_PACKAGES[kind];
  // TensorFlow's C++ logging prints several info lines per process; keep warnings and errors only.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  try {
    load(pkg);
  } catch (error) {
    return { ok: false, failure: describeLoadFailure(kind, error) };
  }
  if (tf.findBackendFactory('tensorflow') == null || !(await tf.setBackend('tensorflow'))) {
    return {
      ok: false,
      failure: describeLoadFailure(
        kind,
        new Error(`${pkg} loaded but registered no 'tensorflow' backend (is it the same tfjs version, 4.22?)`),
      ),
    };
  }
  if (kind === 'tensorflow-gpu' && !backendSeesGpu()) {
    return {
      ok: false,
      failure: {
        reason: 'tfjs-node-gpu loaded but sees no GPU',
        fix: 'check `nvidia-smi`; tfjs-node-gpu 4.22 needs CUDA 11.2 and cuDNN 8.1 on the library path',
      },
    };
  }
  return {
    ok: true,
    name: kind,
    note: kind === 'tensorflow-gpu' ? 'TensorFlow on the GPU' : 'TensorFlow native CPU kernels',
  };
}

async function tryWasm(loadNativeAddon: SelectOptions['loadNativeAddon']): Promise<Attempt> {
  try {
    loadWasmBackend();
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs could not initialise the wasm backend');
    installWasmTrainingKernels();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      ok: false,
      failure: {
        reason: `wasm failed to start: ${reason}`,
        fix: 'reinstall @tensorflow/tfjs-backend-wasm 4.22.0, or use --backend cpu',
      },
    };
  }
  let native;
  try {
    native = enableNativeKernels({ loadAddon: loadNativeAddon });
  } catch (error) {
    throw new TrainError(error instanceof Error ? error.message : String(error), { usage: true }); // a bad environment variable
  }
  if (native.enabled) return { ok: true, name: 'wasm+native', note: `wasm + native kernels (${native.reason})` };
  return { ok: true, name: 'wasm', note: `wasm (native kernels unavailable: ${native.reason})` };
}

async function tryCpu(): Promise<Attempt> {
  await tf.setBackend('cpu');
  // MathBackendCPU prints a "you are running TensorFlow.js in Node.js" banner on its first write unless cleared.
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  return { ok: true, name: 'cpu', note: 'pure-JS cpu backend (slow)' };
}

function attempt(
  name: Exclude<BackendChoice, 'auto'>,
  load: (id: string) => unknown,
  options: SelectOptions,
): Promise<Attempt> {
  if (name === 'tensorflow-gpu' || name === 'tensorflow') return tryNative(name, load);
  return name === 'wasm' ? tryWasm(options.loadNativeAddon) : tryCpu();
}

const AUTO_ORDER: readonly Exclude<BackendChoice, 'auto'>[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export async function selectBackend(choice: BackendChoice, options: SelectOptions = {}): Promise<SelectedBackend> {
  const load = options.requireModule ?? nodeRequire;
  const log = options.log === undefined ? (line: string) => process.stderr.write(`${line}\n`) : options.log;
  let selected: SelectedBackend | null = null;
  if (choice === 'auto') {
    const passed: string[] = [];
    for (const name of AUTO_ORDER) {
      const result = await attempt(name, load, options);
      if (result.ok) {
        selected = { name: result.name, reason: [...passed, result.note].join('; ') };
        break;
      }
      passed.push(result.failure.reason);
    }
  } else {
    if (!(BACKEND_CHOICES as readonly string[]).includes(choice)) {
      throw new TrainError(`--backend must be one of ${BACKEND_CHOICES.join(', ')}; got '${choice}'`, { usage: true });
    }
    const result = await attempt(choice, load, options);
    if (!result.ok)
      throw new TrainError(
        `--backend ${choice}: ${result.failure.reason}; ${result.failure.fix} (or use --backend auto)`,
      );
    selected = { name: result.name, reason: `asked for with --backend ${choice}: ${result.note}` };
  }
  if (selected == null) throw new TrainError('no tfjs backend could be started'); // unreachable: cpu always loads
  log?.(`backend: ${selected.name} (${selected.reason})`);
  return selected;
}
