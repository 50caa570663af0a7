/**
 * Squeeze-excite width: the reference reduces to max(1, int(block input channels × se_ratio)) — the block's
 * input, not its expanded width — and expands back to the gated (expanded) width, with biases on both convs.
 */
import { scaleSpec } from '@scaling-lab/scaling';
import { efficientNets } from './backbones';
import { blockPrefix } from './build';
import { seReducedWidth } from './squeeze-excite';
import { withModel } from './test-helpers';

describe('seReducedWidth', () => {
  it('floors input channels × ratio and never goes below one', () => {
    expect(seReducedWidth(32, 0.25)).toBe(8);
    expect(seReducedWidth(16, 0.25)).toBe(4);
    expect(seReducedWidth(10, 0.25)).toBe(2); // 2.5 floors
    expect(seReducedWidth(3, 0.25)).toBe(1); // 0.75 would vanish
    expect(seReducedWidth(40, 0.5)).toBe(20);
  });
});

describe('squeeze-excite layers in a built model', () => {
  it.each([[0, { resolution: 32 }], [3, { resolution: 32, width: 0.5 }]] as const)(
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
            expect(model.getLayer(`${prefix}_se_reshape`).outputShape).toEqual([null, 1, 1, inChannels * stage.expansion]);
            expect([reduce.getConfig().useBias, expand.getConfig().useBias]).toEqual([true, true]);
            expect([reduce.getConfig().activation, expand.getConfig().activation]).toEqual(['swish', 'sigmoid']);
            inChannels = stage.channels;
          }
        });
      });
    },
  );
});
