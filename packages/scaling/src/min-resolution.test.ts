import { minimumResolution } from './min-resolution';

describe('minimumResolution', () => {
  it('is half the total stride, never below one pixel', () => {
    expect(minimumResolution({ totalStride: 32 })).toBe(16);
    expect(minimumResolution({ totalStride: 8 })).toBe(4);
    expect(minimumResolution({ totalStride: 1 })).toBe(1);
  });
});
