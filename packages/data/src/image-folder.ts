/**
 * Image-folder datasets in the torchvision ImageFolder layout: one subfolder per class (sorted names give
 * the label order), optionally under `train/` and `test/`; otherwise a seeded, per-class hold-out split.
 * Images are decoded once, resized to one common size and kept as uint8.
 */
import { promises as fs } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Channels, Dataset, ImageSize, RawSplit } from './dataset';
import { decodeImage, isGrey, resizeRgb, type RgbImage } from './decode-image';
import { DataError, reason } from './errors';
import { InMemoryDataset } from './in-memory';
import { deriveSeed, mulberry32, permutation, shuffleInPlace } from './random';
import { rgbToLuma } from './stats';

export interface ImageFolderOptions {
  /** Common size of the stored images (square side or height/width). Default: the first image's size. */
  readonly size?: number | ImageSize;
  /** Stored channels. Default: 1 when every image is grey (R = G = B), else 3. */
  readonly channels?: Channels;
  /** Hold-out split used when the folder has no train/ and test/ subfolders. */
  readonly split?: { readonly testFraction?: number; readonly seed?: number };
  /** Dataset name stored with results. Default: the folder's name. */
  readonly name?: string;
}

/** 20% held out unless told otherwise: the common default of scikit-learn-style hold-out splits. */
const DEFAULT_TEST_FRACTION = 0.2;
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

interface LabelledFile {
  readonly path: string;
  readonly label: number;
}

async function subdirectories(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new DataError(`cannot read image folder ${dir}: ${reason(err)}`);
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

async function imageFiles(classDir: string): Promise<string[]> {
  const entries = await fs.readdir(classDir, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && IMAGE_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(classDir, e.name))
    .sort();
  if (files.length === 0) throw new DataError(`class folder ${classDir} has no .png, .jpg or .jpeg images`);
  return files;
}

/** Files of a root with one subfolder per class; labels index `classNames` (default: the root's own). */
async function classFiles(
  root: string,
  classNames?: readonly string[],
): Promise<{ classNames: string[]; files: LabelledFile[][] }> {
  const found = await subdirectories(root);
  if (found.length === 0) {
    throw new DataError(
      `image folder ${root} has no class subfolders; expected one folder of images per class, e.g. ${join(root, 'cat', '0001.png')}`,
    );
  }
  const names = classNames ? [...classNames] : found;
  const files: LabelledFile[][] = names.map(() => []);
  for (const name of found) {
    const label = names.indexOf(name);
    if (label < 0)
      throw new DataError(
        `class folder ${join(root, name)} has no counterpart in the train split (classes: ${names.join(', ')})`,
      );
    files[label] = (await imageFiles(join(root, name))).map((path) => ({ path, label }));
  }
  return { classNames: names, files };
}

/** Per-class seeded hold-out: each class keeps at least one training image. */
function holdOut(
  perClass: LabelledFile[][],
  testFraction: number,
  seed: number,
): { train: LabelledFile[]; test: LabelledFile[] } {
  const train: LabelledFile[] = [];
  const test: LabelledFile[] = [];
  perClass.forEach((files, label) => {
    const shuffled = shuffleInPlace([...files], mulberry32(deriveSeed(seed, label)));
    const nTest = Math.min(Math.round(files.length * testFraction), files.length - 1);
    test.push(...shuffled.slice(0, nTest));
    train.push(...shuffled.slice(nTest));
  });
  return { train, test };
}

function toSize(size: number | ImageSize): ImageSize {
  return typeof size === 'number' ? { height: size, width: size } : size;
}

/** Decodes and resizes every file (RGB for now; reduced to grey once all images are known). */
async function decodeAll(
  files: LabelledFile[],
  size: ImageSize | null,
): Promise<{ images: RgbImage[]; size: ImageSize | null }> {
  const images: RgbImage[] = [];
  for (const file of files) {
    const decoded = decodeImage(await fs.readFile(file.path), file.path);
    size ??= { height: decoded.height, width: decoded.width };
    images.push(resizeRgb(decoded, size));
  }
  return { images, size };
}

/** Packs images into one uint8 buffer in a seeded order, so a `limit` prefix mixes classes. */
function pack(files: LabelledFile[], images: RgbImage[], channels: Channels, seed: number): RawSplit {
  const order = permutation(files.length, seed);
  const pixels = images.length > 0 ? images[0].rgb.length / 3 : 0;
  const out = new Uint8Array(files.length * pixels * channels);
  const labels = new Int32Array(files.length);
  order.forEach((source, i) => {
    labels[i] = files[source].label;
    out.set(channels === 3 ? images[source].rgb : rgbToLuma(images[source].rgb), i * pixels * channels);
  });
  return { images: out, labels };
}

/**
 * A folder that cannot give a meaningful run fails before any image is decoded: one class has nothing to
 * tell apart, and an empty split trains on nothing or reports an accuracy over zero images.
 */
function checkSplits(
  dir: string,
  classNames: readonly string[],
  train: LabelledFile[],
  test: LabelledFile[],
  holdOutFraction: number | null,
): void {
  if (classNames.length < 2) {
    throw new DataError(
      `image folder ${dir} has only one class folder (${classNames[0]}); a classifier needs at least 2, one subfolder of images per class`,
    );
  }
  const counts = (files: LabelledFile[]) =>
    classNames.map((name, label) => `${name} ${files.filter((f) => f.label === label).length}`).join(', ');
  for (const [split, files] of [
    ['test', test],
    ['train', train],
  ] as const) {
    // A hold-out fraction of 0 asks for no test split (a caller that only trains).
    if (files.length > 0 || (split === 'test' && holdOutFraction === 0)) continue;
    const fix =
      holdOutFraction === null
        ? `put images in ${join(dir, split)}/<class>/`
        : `the hold-out keeps ${Math.round(holdOutFraction * 100)}% of each class for testing, so give each class at least 3 images (or use train/ and test/ subfolders)`;
    throw new DataError(
      `image folder ${dir} gives an empty ${split} split (images per class: ${counts([...train, ...test])}); ${fix}`,
    );
  }
}

export async function loadImageFolder(dir: string, options: ImageFolderOptions = {}): Promise<Dataset> {
  const top = await subdirectories(dir);
  const hasTrain = top.includes('train');
  const hasTest = top.includes('test');
  if (hasTrain !== hasTest) {
    throw new DataError(
      `image folder ${dir} has ${hasTrain ? 'train/' : 'test/'} but no ${hasTrain ? 'test/' : 'train/'}; provide both, or put the class folders directly in ${dir}`,
    );
  }
  const seed = options.split?.seed ?? 0;
  const testFraction = options.split?.testFraction ?? DEFAULT_TEST_FRACTION;
  if (!(testFraction >= 0 && testFraction < 1))
    throw new DataError(`split.testFraction must be in [0, 1) (got ${testFraction})`);

  let classNames: string[];
  let trainFiles: LabelledFile[];
  let testFiles: LabelledFile[];
  if (hasTrain) {
    const train = await classFiles(join(dir, 'train'));
    const test = await classFiles(join(dir, 'test'), train.classNames);
    classNames = train.classNames;
    trainFiles = train.files.flat();
    testFiles = test.files.flat();
  } else {
    const all = await classFiles(dir);
    classNames = all.classNames;
    ({ train: trainFiles, test: testFiles } = holdOut(all.files, testFraction, seed));
  }

  checkSplits(dir, classNames, trainFiles, testFiles, hasTrain ? null : testFraction);
  const decodedTrain = await decodeAll(trainFiles, options.size !== undefined ? toSize(options.size) : null);
  const size = decodedTrain.size!;
  const decodedTest = await decodeAll(testFiles, size);
  const channels: Channels =
    options.channels ?? ([...decodedTrain.images, ...decodedTest.images].every(isGrey) ? 1 : 3);
  return new InMemoryDataset({
    name: options.name ?? basename(dir),
    classNames,
    imageSize: size,
    channels,
    train: pack(trainFiles, decodedTrain.images, channels, deriveSeed(seed, 1000)),
    test: pack(testFiles, decodedTest.images, channels, deriveSeed(seed, 1001)),
  });
}
