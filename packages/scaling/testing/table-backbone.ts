/** A table-only backbone for testing scaling rules without building layers. */
import type { Backbone, StageSpec } from '@scaling-lab/core';

export function tableBackbone(overrides: Partial<Backbone<StageSpec>> = {}): Backbone<StageSpec> {
  return {
    id: 'table-only',
    name: 'Table only',
    family: 'table-only',
    baseResolution: 224,
    base: {
      stem: 32,
      stages: [
        { block: 'b', repeats: 1, channels: 16, stride: 1 },
        { block: 'b', repeats: 2, channels: 24, stride: 2 },
        { block: 'b', repeats: 3, channels: 40, stride: 2 },
        { block: 'b', repeats: 4, channels: 80, stride: 2 },
      ],
      head: 1280,
    },
    rounding: { channelDivisor: 8, head: 'scale', resolutionDivisor: 8 },
    totalStride: 32,
    dropout: 0,
    dropConnect: 0,
    build: () => {
      throw new Error('table-only backbone cannot build');
    },
    ...overrides,
  };
}
