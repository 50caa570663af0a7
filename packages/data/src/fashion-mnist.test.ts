import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from './errors';
import { FASHION_MNIST_CLASSES, FASHION_MNIST_DEBIAN_DIR, loadFashionMnist, locateFashionMnist } from './fashion-mnist';
import { idxBytes, removeDir, tempDir, tinySplit, writeFashionMnistFiles } from '../testing/fixtures';

const H = 4;
const W = 5;
const tiny = { train: tinySplit(12, H, W), test: tinySplit(6, H, W), h: H, w: W };

describe('Fashion-MNIST loader on small files', () => {
  let root: string;
  beforeAll(() => (root = tempDir()));
  afterAll(() => removeDir(root));

  const freshDir = (name: string) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  it.each([
    ['gzipped', true],
    ['raw', false],
  ])('loads %s IDX files and keeps every image and label', async (name, gz) => {
    const dir = freshDir(name);
    writeFashionMnistFiles(dir, tiny, gz);
    const ds = await loadFashionMnist({ dataDir: dir });
    expect(ds.name).toBe('fashion-mnist');
    expect([ds.trainSize, ds.testSize, ds.numClasses, ds.channels]).toEqual([12, 6, 10, 1]);
    expect(ds.imageSize).toEqual({ height: H, width: W });
    expect(ds.classNames).toEqual([...FASHION_MNIST_CLASSES]);
    expect(Array.from(ds.raw('train').images)).toEqual(Array.from(tiny.train.images));
    expect(Array.from(ds.raw('test').labels)).toEqual(Array.from(tiny.test.labels));
  });

  describe('directory resolution: --data-dir > SCALING_LAB_DATA > default location', () => {
    let flagDir: string;
    let envDir: string;
    let defaultDir: string;
    beforeAll(() => {
      flagDir = freshDir('flag');
      envDir = freshDir('env-root');
      defaultDir = freshDir('default');
      writeFashionMnistFiles(flagDir, tiny, true);
      // SCALING_LAB_DATA may name a parent holding fashion-mnist/.
      mkdirSync(join(envDir, 'fashion-mnist'));
      writeFashionMnistFiles(join(envDir, 'fashion-mnist'), tiny, false);
      writeFashionMnistFiles(defaultDir, tiny, true);
    });
    const env = () => ({ SCALING_LAB_DATA: envDir });

    it('uses the flag over the environment and the default', () => {
      const found = locateFashionMnist({ dataDir: flagDir, env: env(), defaultDir });
      expect([found.dir, found.source]).toEqual([flagDir, 'flag']);
      expect(found.paths.trainImages).toBe(join(flagDir, 'train-images-idx3-ubyte.gz'));
    });

    it('uses the environment over the default', () => {
      const found = locateFashionMnist({ env: env(), defaultDir });
      expect([found.dir, found.source]).toEqual([join(envDir, 'fashion-mnist'), 'env']);
      expect(found.paths.testLabels).toBe(join(envDir, 'fashion-mnist', 't10k-labels-idx1-ubyte'));
    });

    it('falls back to the default location when neither is given', () => {
      const found = locateFashionMnist({ env: {}, defaultDir });
      expect([found.dir, found.source]).toEqual([defaultDir, 'default']);
    });

    it('uses the Debian package location by default', () => {
      let message = '';
      try {
        locateFashionMnist({ env: {} });
      } catch (err) {
        message = (err as Error).message;
      }
      // Either it is installed (no error) or the error names the Debian location.
      if (message) expect(message).toContain(FASHION_MNIST_DEBIAN_DIR);
      else expect(locateFashionMnist({ env: {} }).dir).toBe(FASHION_MNIST_DEBIAN_DIR);
    });

    it('treats a given but wrong --data-dir as an error instead of reading another copy', () => {
      expect(() => locateFashionMnist({ dataDir: join(root, 'typo'), env: env(), defaultDir })).toThrow(DataError);
    });
  });

  describe('errors', () => {
    const messageOf = async (promise: Promise<unknown>): Promise<string> => {
      try {
        await promise;
      } catch (err) {
        expect(err).toBeInstanceOf(DataError);
        expect((err as Error).message).not.toContain('\n');
        return (err as Error).message;
      }
      throw new Error('expected a DataError');
    };

    it('names every place it looked and how to get the data when nothing is found', async () => {
      const missing = join(root, 'missing');
      const message = await messageOf(loadFashionMnist({ dataDir: missing }));
      expect(message).toContain(`${missing} (--data-dir): does not exist`);
      expect(message).toContain(`${join(missing, 'fashion-mnist')} (--data-dir): does not exist`);
      expect(message).toContain('apt-get install dataset-fashion-mnist');
      expect(message).toContain('--data-dir');
      expect(message).toContain('train-images-idx3-ubyte.gz');

      const fromDefault = await messageOf(loadFashionMnist({ env: {}, defaultDir: missing }));
      expect(fromDefault).toContain(`${missing} (default location, --data-dir not given, SCALING_LAB_DATA not set)`);
    });

    it('lists the files missing from a directory', async () => {
      const dir = freshDir('partial');
      writeFashionMnistFiles(dir, tiny, true);
      removeDir(join(dir, 't10k-labels-idx1-ubyte.gz'));
      const message = await messageOf(loadFashionMnist({ dataDir: dir }));
      expect(message).toContain(`${dir} (--data-dir): missing t10k-labels-idx1-ubyte[.gz]`);
    });

    it('rejects label/image count mismatches', async () => {
      const dir = freshDir('mismatch');
      writeFashionMnistFiles(dir, tiny, false);
      writeFileSync(join(dir, 'train-labels-idx1-ubyte'), idxBytes([11], tiny.train.labels.subarray(0, 11)));
      const message = await messageOf(loadFashionMnist({ dataDir: dir }));
      expect(message).toMatch(/train-labels-idx1-ubyte has 11 labels but .*train-images-idx3-ubyte has 12 images/);
    });

    it('rejects labels outside the 10 classes', async () => {
      const dir = freshDir('bad-label');
      writeFashionMnistFiles(dir, tiny, false);
      const labels = Uint8Array.from(tiny.test.labels);
      labels[4] = 10;
      writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), idxBytes([labels.length], labels));
      const message = await messageOf(loadFashionMnist({ dataDir: dir }));
      expect(message).toMatch(/t10k-labels-idx1-ubyte: label 10 at index 4 is outside 0\.\.9/);
    });

    it('rejects swapped files through their magic numbers', async () => {
      const dir = freshDir('swapped');
      writeFashionMnistFiles(dir, tiny, false);
      writeFileSync(join(dir, 'train-images-idx3-ubyte'), idxBytes([12], tiny.train.labels));
      const message = await messageOf(loadFashionMnist({ dataDir: dir }));
      expect(message).toMatch(/train-images-idx3-ubyte: wrong magic number 0x00000801/);
    });

    it('rejects a truncated image file', async () => {
      const dir = freshDir('truncated');
      writeFashionMnistFiles(dir, tiny, false);
      const full = idxBytes([12, H, W], tiny.train.images);
      writeFileSync(join(dir, 'train-images-idx3-ubyte'), full.subarray(0, full.length - 7));
      const message = await messageOf(loadFashionMnist({ dataDir: dir }));
      expect(message).toMatch(/train-images-idx3-ubyte: truncated IDX file/);
    });
  });
});

// The real dataset comes from the Debian package dataset-fashion-mnist (installed in CI).
const installed = existsSync(FASHION_MNIST_DEBIAN_DIR);
describe(`Fashion-MNIST from ${FASHION_MNIST_DEBIAN_DIR} (${installed ? 'installed' : 'NOT INSTALLED: apt-get install dataset-fashion-mnist'})`, () => {
  (installed ? it : it.skip)('has 60000 train and 10000 test 28×28 grey images in 10 balanced classes', async () => {
    const ds = await loadFashionMnist({ dataDir: FASHION_MNIST_DEBIAN_DIR });
    expect([ds.trainSize, ds.testSize, ds.numClasses, ds.channels]).toEqual([60000, 10000, 10, 1]);
    expect(ds.imageSize).toEqual({ height: 28, width: 28 });
    for (const split of ['train', 'test'] as const) {
      const counts = new Array(10).fill(0);
      for (const label of ds.raw(split).labels) counts[label]++;
      // The release is balanced: every class has a tenth of each split.
      expect(counts).toEqual(new Array(10).fill(split === 'train' ? 6000 : 1000));
    }
    expect(ds.stats.mean[0]).toBeGreaterThan(0);
    expect(ds.stats.std[0]).toBeGreaterThan(0);
  });
});
