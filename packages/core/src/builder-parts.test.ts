import { blockPrefix, blockRow } from './builder-parts';

describe('builder parts', () => {
  it('names block j of table row i stage{i + 2}_block{j + 1} (the stem is stage 1)', () => {
    expect(blockPrefix(0, 0)).toBe('stage2_block1');
    expect(blockPrefix(5, 3)).toBe('stage7_block4');
  });

  it('gives block j row j of a multi-row stage and repeats the last row', () => {
    const rows = ['first', 'rest'];
    expect([0, 1, 2, 3].map((b) => blockRow(rows, b))).toEqual(['first', 'rest', 'rest', 'rest']);
    expect(blockRow(['only'], 4)).toBe('only');
    expect(() => blockRow([], 0)).toThrow(/at least one block row/);
  });
});
