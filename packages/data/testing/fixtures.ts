/**
 * Helpers for the package's tests: tiny IDX files and image datasets written to temporary directories,
 * so loaders are exercised on real files without the full datasets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InMemoryDataset } from '../src/in-memory';
import type { Channels } from '../src/dataset';

/** IDX bytes: magic 0x0000 08 NN, big-endian dims, then `data`. */
export function idxBytes(dims: number[], data: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint32(0, (0x08 << 8) | dims.length, false);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.byteLength + data.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(data, header.byteLength);
  return out;
}

export function tempDir(prefix = 'scaling-lab-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface TinyIdxSplit {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/** A deterministic split of `count` h×w images whose pixels encode (image index, pixel index). */
export function tinySplit(count: number, h: number, w: number, numClasses = 10): TinyIdxSplit {
  const images = new Uint8Array(count * h * w);
  for (let i = 0; i < images.length; i++) images[i] = (i * 7 + Math.floor(i / (h * w)) * 13) % 256;
  const labels = Uint8Array.from({ length: count }, (_, i) => (i * 3) % numClasses);
  return { images, labels };
}

/** Writes the four Fashion-MNIST files (gzipped or raw) for the given splits into `dir`. */
export function writeFashionMnistFiles(
  dir: string,
  splits: { train: TinyIdxSplit; test: TinyIdxSplit; h: number; w: number },
  gz: boolean,
): void {
  const write = (name: string, bytes: Uint8Array) =>
    writeFileSync(join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(bytes) : bytes);
  const { h, w } = splits;
  write('train-images-idx3-ubyte', idxBytes([splits.train.labels.length, h, w], splits.train.images));
  write('train-labels-idx1-ubyte', idxBytes([splits.train.labels.length], splits.train.labels));
  write('t10k-images-idx3-ubyte', idxBytes([splits.test.labels.length, h, w], splits.test.images));
  write('t10k-labels-idx1-ubyte', idxBytes([splits.test.labels.length], splits.test.labels));
}

/** An in-memory dataset with hand-set pixels: image i is filled from `pixel(i, y, x, c)`. */
export function handDataset(opts: {
  count: number;
  testCount?: number;
  size: number;
  channels: Channels;
  numClasses: number;
  pixel: (i: number, y: number, x: number, c: number) => number;
}): InMemoryDataset {
  const make = (count: number, offset: number) => {
    const { size, channels } = opts;
    const images = new Uint8Array(count * size * size * channels);
    for (let i = 0; i < count; i++) {
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          for (let c = 0; c < channels; c++)
            images[((i * size + y) * size + x) * channels + c] = opts.pixel(i + offset, y, x, c);
        }
      }
    }
    const labels = Int32Array.from({ length: count }, (_, i) => (i + offset) % opts.numClasses);
    return { images, labels };
  };
  return new InMemoryDataset({
    name: 'hand',
    classNames: Array.from({ length: opts.numClasses }, (_, k) => `c${k}`),
    imageSize: { height: opts.size, width: opts.size },
    channels: opts.channels,
    train: make(opts.count, 0),
    test: make(opts.testCount ?? opts.count, opts.count),
  });
}
