/**
 * Squeeze-excite width: the reference reduces to max(1, int(block input channels × se_ratio)) — the block's
 * input, not its expanded width — and expands back to the gated (expanded) width, with biases on both convs.
 */
import { blockPrefix, seReducedWidth } from '@scaling-lab/core';
import { withModel } from '@scaling-lab/core/testing';
import { scaleSpec } from '@scaling-lab/scaling';
import { efficientNets } from './backbone';
import { seOptions } from './build';

describe('EfficientNet squeeze-excite width', () => {
  // Arguments: (options, block input channels, expanded channels); the expanded width must not matter.
  it('floors input channels × ratio and never goes below one', () => {
    expect(seReducedWidth(seOptions(0.25), 32, 32)).toBe(8);
    expect(seReducedWidth(seOptions(0.25), 16, 96)).toBe(4);
    expect(seReducedWidth(seOptions(0.25), 10, 60)).toBe(2); // 2.5 floors
    expect(seReducedWidth(seOptions(0.25), 3, 18)).toBe(1); // 0.75 would vanish
    expect(seReducedWidth(seOptions(0.5), 40, 240)).toBe(20);
  });
});

describe('squeeze-excite layers in a built model', () => {
  it.each([
    [0, { resolution: 32 }],
    [3, { resolution: 32, width: 0.5 }],
  ] as const)(
    'efficientnet-b%i: every block reduces from its input width and gates its expanded width',
    (index, request) => {
      const backbone = efficientNets[index];
      const spec = scaleSpec(backbone, request);
      withModel(backbone, spec, (model) => {
        let inChannels = spec.stem;
        spec.stages.forEach((stage, s) => {
          for (let b = 0; b < stage.repeats; b++) {
            const prefix = blockPrefix(s, b);
            const reduce = model.getLayer(`${prefix}_se_reduce`);
            const expand = model.getLayer(`${prefix}_se_expand`);
            expect(reduce.getConfig().filters).toBe(Math.max(1, Math.floor(inChannels * 0.25)));
            expect(expand.getConfig().filters).toBe(inChannels * stage.expansion);
            expect(model.getLayer(`${prefix}_se_reshape`).outputShape).toEqual([
              null,
              1,
              1,
              inChannels * stage.expansion,
            ]);
            expect([reduce.getConfig().useBias, expand.getConfig().useBias]).toEqual([true, true]);
            expect([reduce.getConfig().activation, expand.getConfig().activation]).toEqual(['swish', 'sigmoid']);
            inChannels = stage.channels;
          }
        });
      });
    },
  );
});
