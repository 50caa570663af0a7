/**
 * Finds a dataset's files on disk. Sources in priority order: the explicit directory (CLI --data-dir),
 * the SCALING_LAB_DATA environment variable, then the dataset's system location (e.g. a Debian package).
 * The first source that is *given* decides: a wrong --data-dir is an error, never a silent fallback to
 * another copy, so a run always reads the data its user pointed at.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from './errors';

/** Environment variable naming a data directory (the dataset itself or a parent holding `<subdir>/`). */
export const DATA_DIR_ENV = 'SCALING_LAB_DATA';

export type DataDirSource = 'flag' | 'env' | 'default';

export interface LocateOptions {
  /** Explicit directory, from --data-dir. */
  readonly dataDir?: string;
  /** Environment to read DATA_DIR_ENV from; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Overrides the dataset's system location (tests, unusual installs). */
  readonly defaultDir?: string;
}

export interface DatasetFiles<K extends string> {
  /** Human name for messages, e.g. 'Fashion-MNIST'. */
  readonly title: string;
  /** Subdirectory looked for under --data-dir / SCALING_LAB_DATA, e.g. 'fashion-mnist'. */
  readonly subdir: string;
  /** Where a system package installs the files. */
  readonly defaultDir: string;
  /** Base file names; each may also exist with a `.gz` suffix. */
  readonly files: Readonly<Record<K, string>>;
  /** One sentence telling the user how to obtain the files. */
  readonly howToGet: string;
}

export interface LocatedFiles<K extends string> {
  readonly dir: string;
  readonly source: DataDirSource;
  /** Full path of each file (the raw one when both raw and .gz exist: it needs no decompression). */
  readonly paths: Readonly<Record<K, string>>;
}

const SOURCE_LABEL: Record<DataDirSource, string> = {
  flag: '--data-dir',
  env: DATA_DIR_ENV,
  default: 'default location',
};

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The directories to try, all from the highest-priority source that is given. */
function candidates(
  spec: DatasetFiles<string>,
  options: LocateOptions,
): { source: DataDirSource; dirs: string[]; note: string } {
  const env = options.env ?? process.env;
  if (options.dataDir) return { source: 'flag', dirs: [options.dataDir, join(options.dataDir, spec.subdir)], note: '' };
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv) return { source: 'env', dirs: [fromEnv, join(fromEnv, spec.subdir)], note: ', --data-dir not given' };
  return {
    source: 'default',
    dirs: [options.defaultDir ?? spec.defaultDir],
    note: `, --data-dir not given, ${DATA_DIR_ENV} not set`,
  };
}

/** Resolves the directory holding every file of `spec`, or throws a DataError naming each place looked. */
export function locateDataset<K extends string>(spec: DatasetFiles<K>, options: LocateOptions = {}): LocatedFiles<K> {
  const { source, dirs, note } = candidates(spec, options);
  const problems: string[] = [];
  for (const dir of dirs) {
    if (!isDirectory(dir)) {
      problems.push(
        `${dir} (${SOURCE_LABEL[source]}${note}): ${existsSync(dir) ? 'not a directory' : 'does not exist'}`,
      );
      continue;
    }
    const paths = {} as Record<K, string>;
    const missing: string[] = [];
    for (const key of Object.keys(spec.files) as K[]) {
      const base = join(dir, spec.files[key]);
      if (existsSync(base)) paths[key] = base;
      else if (existsSync(`${base}.gz`)) paths[key] = `${base}.gz`;
      else missing.push(`${spec.files[key]}[.gz]`);
    }
    if (missing.length === 0) return { dir, source, paths };
    problems.push(`${dir} (${SOURCE_LABEL[source]}${note}): missing ${missing.join(', ')}`);
  }
  throw new DataError(`${spec.title} not found; looked in ${problems.join('; ')}. ${spec.howToGet}`);
}
