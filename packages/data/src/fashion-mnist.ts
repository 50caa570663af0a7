/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, arXiv:1708.07747): 60000 train / 10000 test 28×28 grey images
 * of 10 clothing classes, shipped as four IDX files. Loaded from a directory (see locate.ts) into uint8
 * memory; batches are normalized with the train split's mean/std (computed at load, see ChannelStats).
 */
import type { Dataset, RawSplit } from './dataset';
import { DataError } from './errors';
import { readIdxFile } from './idx';
import { InMemoryDataset } from './in-memory';
import { locateDataset, type DatasetFiles, type LocateOptions, type LocatedFiles } from './locate';

/** Label order of the dataset's README (github.com/zalandoresearch/fashion-mnist, "Labels"). */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** Where the Debian package dataset-fashion-mnist installs the files. */
export const FASHION_MNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

/** The public release the four files can be downloaded from. */
export const FASHION_MNIST_RELEASE_URL = 'https://github.com/zalandoresearch/fashion-mnist';

export type FashionMnistFile = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** File names of the release (t10k = the 10k test split). */
export const FASHION_MNIST_FILES: DatasetFiles<FashionMnistFile> = {
  title: 'Fashion-MNIST',
  subdir: 'fashion-mnist',
  defaultDir: FASHION_MNIST_DEBIAN_DIR,
  files: {
    trainImages: 'train-images-idx3-ubyte',
    trainLabels: 'train-labels-idx1-ubyte',
    testImages: 't10k-images-idx3-ubyte',
    testLabels: 't10k-labels-idx1-ubyte',
  },
  howToGet:
    'Install it with `apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or download ' +
    'train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and ' +
    `t10k-labels-idx1-ubyte.gz from ${FASHION_MNIST_RELEASE_URL} into a directory and pass --data-dir <dir> ` +
    '(or set SCALING_LAB_DATA=<dir>).',
};

export type FashionMnistOptions = LocateOptions;

/** Finds the four files without reading them (flag > SCALING_LAB_DATA > Debian location). */
export function locateFashionMnist(options: FashionMnistOptions = {}): LocatedFiles<FashionMnistFile> {
  return locateDataset(FASHION_MNIST_FILES, options);
}

interface ImageSplit extends RawSplit {
  readonly height: number;
  readonly width: number;
}

/** Reads one images/labels pair and checks that they describe the same images with valid labels. */
export async function readIdxSplit(imagesPath: string, labelsPath: string, numClasses: number): Promise<ImageSplit> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath, 3), readIdxFile(labelsPath, 1)]);
  const [count, height, width] = images.dims;
  if (labels.dims[0] !== count) {
    throw new DataError(
      `${labelsPath} has ${labels.dims[0]} labels but ${imagesPath} has ${count} images; the files do not belong together`,
    );
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = labels.data[i];
    if (label >= numClasses) {
      throw new DataError(`${labelsPath}: label ${label} at index ${i} is outside 0..${numClasses - 1}`);
    }
    out[i] = label;
  }
  return { images: images.data, labels: out, height, width };
}

/** Loads Fashion-MNIST from the first configured location (see locateFashionMnist). */
export async function loadFashionMnist(options: FashionMnistOptions = {}): Promise<Dataset> {
  const { paths } = locateFashionMnist(options);
  const numClasses = FASHION_MNIST_CLASSES.length;
  const [train, test] = await Promise.all([
    readIdxSplit(paths.trainImages, paths.trainLabels, numClasses),
    readIdxSplit(paths.testImages, paths.testLabels, numClasses),
  ]);
  if (train.height !== test.height || train.width !== test.width) {
    throw new DataError(
      `${paths.testImages} holds ${test.height}×${test.width} images but ${paths.trainImages} ` +
        `holds ${train.height}×${train.width}; the files do not belong together`,
    );
  }
  return new InMemoryDataset({
    name: 'fashion-mnist',
    classNames: FASHION_MNIST_CLASSES,
    imageSize: { height: train.height, width: train.width },
    channels: 1,
    train,
    test,
  });
}
