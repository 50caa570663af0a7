/**
 * Turns the error of `require('@tensorflow/tfjs-node[-gpu]')` into a short reason and a fix. These packages
 * download libtensorflow in an install script, so the usual failures are: not installed, installed with the
 * script held back or failed (no native binding), or (GPU) CUDA/cuDNN libraries missing.
 */

export type NativeBackend = 'tensorflow-gpu' | 'tensorflow';

export const NATIVE_PACKAGES: Readonly<Record<NativeBackend, string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

/** Matching the installed @tensorflow/tfjs; tfjs-node 4.22 links libtensorflow 2.9.1. */
const TFJS_VERSION = '4.22.0';
/** tfjs-node-gpu 4.22's libtensorflow 2.9 build requirement (TensorFlow's tested GPU configurations table). */
const CUDA_REQUIREMENT = 'CUDA 11.2 and cuDNN 8.1';

export interface LoadFailure {
  /** Short, e.g. "tfjs-node not installed"; joined into the auto-selection reason. */
  readonly reason: string;
  /** What the user can do about it. */
  readonly fix: string;
}

export function describeLoadFailure(kind: NativeBackend, error: unknown): LoadFailure {
  const pkg = NATIVE_PACKAGES[kind];
  const short = pkg.replace('@tensorflow/', '');
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code;
  const install = `npm install ${pkg}@${TFJS_VERSION}`;
  if (code === 'MODULE_NOT_FOUND' && message.includes(`'${pkg}'`)) {
    const needs = kind === 'tensorflow-gpu' ? ` (needs an NVIDIA GPU with ${CUDA_REQUIREMENT})` : '';
    return { reason: `${short} not installed`, fix: `install it with \`${install}\`${needs}` };
  }
  if (
    /tfjs_binding\.node|napi-v\d|binding/i.test(message) &&
    !/lib(cudart|cudnn|cublas|cufft|curand|cusolver|cusparse)/.test(message)
  ) {
    return {
      reason: `${short} is installed but its native binding is missing (npm held back or failed its install script)`,
      fix: `run \`npm install-scripts approve ${pkg}\` and \`npm rebuild ${pkg}\` (its script downloads libtensorflow)`,
    };
  }
  if (/lib(cudart|cudnn|cublas|cufft|curand|cusolver|cusparse)[^ ]*\.so/.test(message)) {
    const lib =
      /lib(cudart|cudnn|cublas|cufft|curand|cusolver|cusparse)[^ :'"]*/.exec(message)?.[0] ?? 'a CUDA library';
    return { reason: `${short} cannot load ${lib}`, fix: `${short} 4.22 needs ${CUDA_REQUIREMENT} on LD_LIBRARY_PATH` };
  }
  if (/libtensorflow/.test(message)) {
    return { reason: `${short} cannot load libtensorflow`, fix: `run \`npm rebuild ${pkg}\` to download it again` };
  }
  return { reason: `${short} failed to load: ${message.split('\n')[0]}`, fix: `reinstall it with \`${install}\`` };
}
