/**
 * Reader for the IDX format of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST DATABASE", file format
 * section): a magic number 0x0000TTNN (TT = element type, NN = number of dimensions), NN big-endian uint32
 * sizes, then the elements. Only unsigned bytes (TT = 0x08) occur in these datasets. Gzip is detected by
 * content, so `.gz` and raw files both work.
 */
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DataError, reason } from './errors';

const gunzipAsync = promisify(gunzip);

/** IDX element type code for unsigned bytes (the MNIST file-format description). */
export const IDX_UBYTE = 0x08;
/** Magic numbers of the two kinds of file the datasets ship: 1-D labels and 3-D images. */
export const IDX_LABELS_MAGIC = 0x00000801;
export const IDX_IMAGES_MAGIC = 0x00000803;

export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** Parses an uncompressed IDX file of unsigned bytes with `ndims` dimensions; `source` names it in errors. */
export function parseIdx(bytes: Uint8Array, ndims: number, source: string): IdxArray {
  const expectedMagic = (IDX_UBYTE << 8) | ndims;
  if (bytes.length < 4) throw new DataError(`${source}: truncated IDX file (${bytes.length} bytes, no header)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    throw new DataError(
      `${source}: wrong magic number ${hex(magic)} (expected ${hex(expectedMagic)}, ` +
        `an IDX file of ${ndims}-D unsigned bytes); is this the right file?`,
    );
  }
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new DataError(`${source}: truncated IDX file (${bytes.length} bytes, header needs ${headerBytes})`);
  }
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerBytes;
  if (actual < expected) {
    throw new DataError(
      `${source}: truncated IDX file (header declares ${dims.join('×')} = ${expected} bytes of data, ` +
        `found ${actual}); download it again`,
    );
  }
  if (actual > expected) {
    throw new DataError(`${source}: ${actual - expected} unexpected bytes after the ${dims.join('×')} data`);
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/** Gzip streams start with the bytes 1f 8b (RFC 1952, 2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads and parses an IDX file, gunzipping it when it is gzip-compressed. */
export async function readIdxFile(path: string, ndims: number): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (err) {
    throw new DataError(`cannot read ${path}: ${reason(err)}`);
  }
  if (isGzip(bytes)) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (err) {
      throw new DataError(`cannot decompress ${path}: ${reason(err)} (truncated or corrupt gzip); download it again`);
    }
  }
  return parseIdx(bytes, ndims, path);
}
