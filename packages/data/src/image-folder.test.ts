import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Dataset } from './dataset';
import { DataError } from './errors';
import { loadImageFolder } from './image-folder';
import { removeDir, tempDir } from '../testing/fixtures';

type Rgb = [number, number, number];

function solidRgba(width: number, height: number, colour: Rgb): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([...colour, 255], p * 4);
  return data;
}

function writePng(path: string, size: number, colour: Rgb): void {
  const png = new PNG({ width: size, height: size });
  solidRgba(size, size, colour).copy(png.data);
  writeFileSync(path, PNG.sync.write(png));
}

// jpeg-js rebuilds its encoder tables on every call (~0.25 s), so each distinct image is encoded once.
const jpegCache = new Map<string, Buffer>();
function writeJpeg(path: string, size: number, colour: Rgb): void {
  const key = `${size}:${colour.join(',')}`;
  if (!jpegCache.has(key))
    jpegCache.set(key, jpeg.encode({ width: size, height: size, data: solidRgba(size, size, colour) }, 100).data);
  writeFileSync(path, jpegCache.get(key)!);
}

/** First pixel of every stored image of a split, with its label. */
function firstPixels(ds: Dataset, split: 'train' | 'test'): { label: number; pixel: number[] }[] {
  const { images, labels } = ds.raw(split);
  const stride = ds.imageSize.height * ds.imageSize.width * ds.channels;
  return Array.from(labels, (label, i) => ({
    label,
    pixel: Array.from(images.subarray(i * stride, i * stride + ds.channels)),
  }));
}

async function dataErrorMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected a DataError');
}

describe('loadImageFolder', () => {
  let root: string;
  beforeAll(() => (root = tempDir()));
  afterAll(() => removeDir(root));
  let n = 0;
  const fresh = () => {
    const dir = join(root, `case${n++}`);
    mkdirSync(dir);
    return dir;
  };

  /** cat/: 10 PNGs in red shades; dog/: 10 blue JPEGs; all 8×8. */
  function catsAndDogs(): string {
    const dir = fresh();
    mkdirSync(join(dir, 'cat'));
    mkdirSync(join(dir, 'dog'));
    for (let j = 0; j < 10; j++) {
      writePng(join(dir, 'cat', `${j}.png`), 8, [200, 10 * j, 0]);
      writeJpeg(join(dir, 'dog', `${j}.jpg`), 8, [0, 40, 200]);
    }
    writeFileSync(join(dir, 'dog', 'notes.txt'), 'not an image, ignored by extension');
    return dir;
  }

  it('reads PNG and JPEG class folders with a seeded per-class hold-out split', async () => {
    const dir = catsAndDogs();
    const ds = await loadImageFolder(dir, { split: { testFraction: 0.2, seed: 3 } });
    expect(ds.classNames).toEqual(['cat', 'dog']);
    expect([ds.trainSize, ds.testSize, ds.channels]).toEqual([16, 4, 3]);
    expect(ds.imageSize).toEqual({ height: 8, width: 8 });
    const test = firstPixels(ds, 'test');
    expect(test.filter((t) => t.label === 0)).toHaveLength(2);
    // PNG is lossless: cats are exactly red; JPEG at quality 100 is within a few levels of blue.
    for (const { label, pixel } of [...firstPixels(ds, 'train'), ...test]) {
      if (label === 0) expect([pixel[0], pixel[2]]).toEqual([200, 0]);
      else {
        expect(Math.abs(pixel[0] - 0)).toBeLessThanOrEqual(4);
        expect(Math.abs(pixel[2] - 200)).toBeLessThanOrEqual(4);
      }
    }
    // Every source image lands in exactly one split (identified by its green level).
    const greens = (label: number) =>
      [...firstPixels(ds, 'train'), ...test].filter((t) => t.label === label).map((t) => Math.round(t.pixel[1] / 10));
    expect(greens(0).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const again = await loadImageFolder(dir, { split: { testFraction: 0.2, seed: 3 } });
    expect(firstPixels(again, 'test')).toEqual(test);
    const otherSeed = await loadImageFolder(dir, { split: { testFraction: 0.2, seed: 4 } });
    expect(firstPixels(otherSeed, 'test')).not.toEqual(test);
  });

  it('uses train/ and test/ subfolders when both exist', async () => {
    const dir = fresh();
    for (const split of ['train', 'test']) {
      for (const cls of ['a', 'b', 'c']) {
        mkdirSync(join(dir, split, cls), { recursive: true });
        for (let j = 0; j < (split === 'train' ? 3 : 1); j++)
          writePng(join(dir, split, cls, `${j}.png`), 4, [cls.charCodeAt(0), 0, 0]);
      }
    }
    const ds = await loadImageFolder(dir);
    expect(ds.classNames).toEqual(['a', 'b', 'c']);
    expect([ds.trainSize, ds.testSize]).toEqual([9, 3]);
    // Red-only images are not grey, so they keep 3 channels; labels follow the folder names.
    expect(
      firstPixels(ds, 'test')
        .map((t) => [t.label, t.pixel[0]])
        .sort(),
    ).toEqual([
      [0, 97],
      [1, 98],
      [2, 99],
    ]);
  });

  it('resizes every image to one common size and stores grey folders with one channel', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'small'));
    mkdirSync(join(dir, 'large'));
    writePng(join(dir, 'large', 'x.png'), 16, [90, 90, 90]);
    writePng(join(dir, 'small', 'y.png'), 4, [30, 30, 30]);
    writePng(join(dir, 'small', 'z.png'), 4, [60, 60, 60]);
    const ds = await loadImageFolder(dir, { size: 8, split: { testFraction: 0 } });
    expect(ds.channels).toBe(1);
    expect(ds.imageSize).toEqual({ height: 8, width: 8 });
    expect(ds.raw('train').images).toHaveLength(3 * 64);
    // Solid images stay solid through bilinear resizing.
    const values = new Set(ds.raw('train').images);
    expect([...values].sort()).toEqual([30, 60, 90]);
    // Without a size, the first image (classes sorted: large/x.png) sets it.
    expect((await loadImageFolder(dir, { split: { testFraction: 0 } })).imageSize).toEqual({ height: 16, width: 16 });
  });

  it('reduces colour images to luma when one channel is requested', async () => {
    const dir = catsAndDogs();
    const ds = await loadImageFolder(dir, { channels: 1, split: { testFraction: 0 } });
    expect(ds.channels).toBe(1);
    const cat = firstPixels(ds, 'train').find((t) => t.label === 0 && t.pixel[0] === Math.round(0.299 * 200));
    expect(cat).toBeDefined();
  });

  describe('errors name the folder or file', () => {
    it('rejects a missing folder', async () => {
      expect(await dataErrorMessage(loadImageFolder(join(root, 'absent')))).toMatch(
        /cannot read image folder .*absent/,
      );
    });

    it('rejects a folder without class subfolders', async () => {
      const dir = fresh();
      writePng(join(dir, 'loose.png'), 4, [1, 2, 3]);
      expect(await dataErrorMessage(loadImageFolder(dir))).toContain(`image folder ${dir} has no class subfolders`);
    });

    it('rejects an empty class folder', async () => {
      const dir = catsAndDogs();
      mkdirSync(join(dir, 'empty'));
      expect(await dataErrorMessage(loadImageFolder(dir))).toContain(
        `class folder ${join(dir, 'empty')} has no .png, .jpg or .jpeg images`,
      );
    });

    it('rejects an undecodable image and names it', async () => {
      const dir = catsAndDogs();
      writeFileSync(join(dir, 'cat', 'broken.png'), 'definitely not a png');
      expect(await dataErrorMessage(loadImageFolder(dir))).toContain(
        `cannot decode image ${join(dir, 'cat', 'broken.png')}: not a PNG or JPEG file`,
      );
    });

    it('rejects a truncated PNG and names it', async () => {
      const dir = catsAndDogs();
      const png = new PNG({ width: 8, height: 8 });
      const bytes = PNG.sync.write(png);
      writeFileSync(join(dir, 'cat', 'cut.png'), bytes.subarray(0, bytes.length - 30));
      expect(await dataErrorMessage(loadImageFolder(dir))).toBe(
        `cannot decode image ${join(dir, 'cat', 'cut.png')}: truncated or corrupt PNG data; replace or remove the file`,
      );
    });

    it('rejects a truncated JPEG and names it', async () => {
      const dir = catsAndDogs();
      const bytes = jpegCache.values().next().value as Buffer;
      writeFileSync(join(dir, 'dog', 'cut.jpg'), bytes.subarray(0, bytes.length - 10));
      expect(await dataErrorMessage(loadImageFolder(dir))).toBe(
        `cannot decode image ${join(dir, 'dog', 'cut.jpg')}: truncated or corrupt JPEG data; replace or remove the file`,
      );
    });

    it('rejects a single-class folder before decoding, naming it', async () => {
      const dir = fresh();
      mkdirSync(join(dir, 'only'));
      for (let j = 0; j < 5; j++) writePng(join(dir, 'only', `${j}.png`), 4, [1, 2, 3]);
      expect(await dataErrorMessage(loadImageFolder(dir))).toBe(
        `image folder ${dir} has only one class folder (only); a classifier needs at least 2, one subfolder of images per class`,
      );
    });

    it('rejects a hold-out that leaves the test split empty (2 images per class), with the counts', async () => {
      const dir = fresh();
      for (const cls of ['a', 'b']) {
        mkdirSync(join(dir, cls));
        for (let j = 0; j < 2; j++) writePng(join(dir, cls, `${j}.png`), 4, [j, 2, 3]);
      }
      const message = await dataErrorMessage(loadImageFolder(dir));
      expect(message).toContain(`image folder ${dir} gives an empty test split (images per class: a 2, b 2)`);
      expect(message).toMatch(/at least 3 images/);
    });

    it('rejects train/ without test/', async () => {
      const dir = fresh();
      mkdirSync(join(dir, 'train', 'a'), { recursive: true });
      writePng(join(dir, 'train', 'a', '0.png'), 4, [1, 1, 1]);
      expect(await dataErrorMessage(loadImageFolder(dir))).toMatch(/has train\/ but no test\//);
    });

    it('rejects a test class that the train split lacks', async () => {
      const dir = fresh();
      for (const [split, cls] of [
        ['train', 'a'],
        ['test', 'a'],
        ['test', 'z'],
      ]) {
        mkdirSync(join(dir, split, cls), { recursive: true });
        writePng(join(dir, split, cls, '0.png'), 4, [1, 1, 1]);
      }
      expect(await dataErrorMessage(loadImageFolder(dir))).toContain(
        `class folder ${join(dir, 'test', 'z')} has no counterpart in the train split`,
      );
    });
  });
});
