import { isOutOfMemory, TrainError } from './errors';

describe('isOutOfMemory', () => {
  it.each([
    'Aborted(OOM). Build with -sASSERTIONS for more info.',
    'RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded',
    'Cannot enlarge memory arrays to size 4294967296 bytes',
    'Array buffer allocation failed',
    'memory access out of bounds',
  ])('recognises "%s"', (message) => expect(isOutOfMemory(new Error(message))).toBe(true));

  it('does not mistake other failures for memory', () => {
    expect(isOutOfMemory(new Error('Cannot read properties of undefined (reading "backend")'))).toBe(false);
    expect(isOutOfMemory(new Error('Room for one more'))).toBe(false);
  });
});

it('TrainError folds a multi-line message into one line and carries the usage flag', () => {
  const e = new TrainError('first\n  second', { usage: true });
  expect(e.message).toBe('first second');
  expect(e.usage).toBe(true);
  expect(new TrainError('x').usage).toBe(false);
});
