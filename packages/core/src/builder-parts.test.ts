import { blockPrefix, blockRow, stageBlocks } from './builder-parts';

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

  it('lists every block in build order, striding only the first block of each stage', () => {
    const stages = [
      { block: 'b', repeats: 1, channels: 8, stride: 2 },
      { block: 'b', repeats: 3, channels: 16, stride: 2 },
    ];
    expect(stageBlocks({ stages }).map((b) => [b.prefix, b.stride, b.globalIndex, b.totalBlocks])).toEqual([
      ['stage2_block1', 2, 0, 4],
      ['stage3_block1', 2, 1, 4],
      ['stage3_block2', 1, 2, 4],
      ['stage3_block3', 1, 3, 4],
    ]);
  });
});
