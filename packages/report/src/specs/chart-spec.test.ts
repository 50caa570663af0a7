import { chartPoints } from '../aggregate/chart-points';
import { renderSvg } from '../render/svg';
import { syntheticInfo, syntheticRows } from '../../testing/synthetic-ladder';
import { experimentChartSpec } from './chart-spec';
import { logTicks } from './log-ticks';
import { TOOLTIP_FIELDS } from './tooltip';

type AnyJson = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function specFor(seeds: number[], strategies?: string[]) {
  const o = { seeds, strategies };
  const rows = syntheticRows(o);
  const info = syntheticInfo(o);
  const points = chartPoints(rows);
  const spec = experimentChartSpec(info, points, { finished: rows.length, planned: info.planned.length }) as AnyJson;
  return { rows, info, points, spec };
}

const layerNamed = (view: AnyJson, suffix: string) => view.layer.find((l: AnyJson) => l.name.endsWith(suffix));

describe('experiment chart spec', () => {
  it('puts FLOPs on a log x-axis with SI labels beside a params panel, both log-scaled', () => {
    const { spec } = specFor([0]);
    expect(spec.hconcat).toHaveLength(2);
    const [flops, params] = spec.hconcat;
    for (const view of [flops, params]) {
      for (const layer of view.layer) {
        expect(layer.encoding.x.scale.type).toBe('log');
        expect(layer.encoding.y.title).toBe('Top-1 accuracy (%)');
      }
    }
    expect(flops.layer[0].encoding.x.field).toBe('flops');
    expect(flops.layer[0].encoding.x.title).toBe('FLOPs (multiply-adds)');
    expect(flops.layer[0].encoding.x.axis.format).toBe('~s');
    expect(params.layer[0].encoding.x.field).toBe('params');
  });

  it('titles the chart with experiment, backbone, dataset and preset', () => {
    const { spec, info } = specFor([0]);
    const title = [spec.title.text, ...spec.title.subtitle].join(' ');
    for (const part of [info.title, info.name, info.backbone, info.dataset, info.preset]) expect(title).toContain(part);
  });

  it('gives each strategy exactly one colour, shared by every layer and panel', () => {
    const { spec } = specFor([0], ['compound', 'width', 'my-custom', 'depth']);
    const scales = spec.hconcat.flatMap((v: AnyJson) =>
      v.layer.filter((l: AnyJson) => l.encoding.color).map((l: AnyJson) => l.encoding.color.scale),
    );
    for (const s of scales) expect(s).toEqual(scales[0]);
    expect([...scales[0].domain].sort()).toEqual(['compound', 'depth', 'my-custom', 'width']);
    expect(new Set(scales[0].range).size).toBe(4);
    expect(spec.resolve.scale.color).toBe('shared');
  });

  it('draws error bars only when a point has several seeds', () => {
    const single = specFor([0]).spec;
    for (const v of single.hconcat) expect(layerNamed(v, '_errorbars')).toBeUndefined();
    const multi = specFor([0, 1, 2]).spec;
    for (const v of multi.hconcat) {
      const bars = layerNamed(v, '_errorbars');
      expect(bars.mark.type).toBe('errorbar');
      expect(bars.transform).toEqual([{ filter: 'datum.n > 1' }]);
      expect(bars.encoding.y.field).toBe('top1Low');
      expect(bars.encoding.y2.field).toBe('top1High');
    }
  });

  it('embeds mean and sd over seeds per strategy and step', () => {
    const { spec, rows } = specFor([0, 1, 2]);
    const values: AnyJson[] = spec.data.values;
    expect(values).toHaveLength(16);
    const point = values.find((v) => v.strategy === 'width' && v.step === 4);
    const accs = rows.filter((r) => r.strategy === 'width' && r.step === 4).map((r) => r.top1 * 100);
    const m = (accs[0] + accs[1] + accs[2]) / 3;
    const sd = Math.sqrt(accs.reduce((a, x) => a + (x - m) ** 2, 0) / 2);
    expect(point.n).toBe(3);
    expect(point.top1).toBeCloseTo(m, 2);
    expect(point.top1Sd).toBeCloseTo(sd, 2);
    expect(point.top1High - point.top1Low).toBeCloseTo(2 * sd, 2);
  });

  it('labels points with their scale, once for the shared baseline, and spreads labels of a step apart', () => {
    const { spec } = specFor([0]);
    const values: AnyJson[] = spec.data.values;
    const label = (s: string, k: number) => values.find((v) => v.strategy === s && v.step === k).pointLabel;
    expect(label('width', 2)).toBe('w×1.41');
    expect(label('depth', 2)).toBe('d×2');
    // 32 px × √2 = 45.3, rounded to a multiple of 8: the label shows the multiplier reached, 48 / 32.
    expect(label('resolution', 2)).toBe('r×1.5 (48px)');
    expect(label('compound', 2)).toBe('φ=1');
    expect(values.filter((v) => v.step === 1 && v.pointLabel !== '').map((v) => v.pointLabel)).toEqual(['baseline']);
    const [lo, hi] = spec.hconcat[0].layer[0].encoding.y.scale.domain;
    const minGap = ((hi - lo) / spec.hconcat[0].height) * 12;
    for (const k of [2, 4, 8]) {
      const ys = values
        .filter((v) => v.step === k)
        .map((v) => v.labelY)
        .sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(minGap);
      for (const y of ys) expect(y).toBeLessThanOrEqual(hi);
    }
    // Both panels carry the point labels, the params panel too.
    for (const view of spec.hconcat) {
      const textLayers = view.layer.filter((l: AnyJson) => l.mark.type === 'text' && l.mark.fill !== 'white');
      expect(textLayers.map((l: AnyJson) => l.name.replace(/^[a-z]+_/, '')).sort()).toEqual([
        'labels_above',
        'labels_below',
        'labels_left',
        'labels_right',
      ]);
      for (const l of textLayers) expect(l.encoding.text.field).toBe('pointLabel');
    }
  });

  it('puts each label on the side its line leaves free', () => {
    const { spec } = specFor([0]);
    const values: AnyJson[] = spec.data.values;
    const at = (s: string, k: number) => values.find((v) => v.strategy === s && v.step === k);
    // Every line leaves the baseline to the right, so its label goes left; line ends are labelled on the right.
    expect(at('depth', 1).labelSide).toBe('left');
    for (const s of ['depth', 'width', 'resolution', 'compound']) expect(at(s, 8).labelSide).toBe('right');
    for (const s of ['depth', 'width', 'resolution', 'compound']) {
      for (const k of [2, 4]) {
        const p = at(s, k);
        const crowded = values.some(
          (q) => q !== p && q.step === k && q.flops <= p.flops * 1.15 && q.flops >= p.flops / 1.15,
        );
        const rising = at(s, k * 2).top1 >= p.top1;
        expect(p.labelSide).toBe(crowded ? 'right' : rising ? 'below' : 'above');
      }
    }
    // A right-hand label starts past every nearby point of its step, never on top of one.
    for (const v of values.filter((v) => v.labelSide === 'right' && v.pointLabel !== '')) {
      expect(v.labelFlops).toBeGreaterThanOrEqual(v.flops);
      for (const q of values.filter((q) => q.step === v.step && q.flops <= v.flops * 1.15 && q.flops >= v.flops)) {
        expect(v.labelFlops).toBeGreaterThanOrEqual(q.flops);
      }
    }
  });

  it('shows a few formatted tooltip fields, none of them null', () => {
    for (const seeds of [[0], [0, 1, 2]]) {
      const { spec } = specFor(seeds);
      for (const view of spec.hconcat) {
        const tooltip = layerNamed(view, '_points').encoding.tooltip;
        expect(tooltip.map((t: AnyJson) => t.title)).toEqual([
          'strategy',
          'scale',
          'top-1 (%)',
          'multiply-adds',
          'params',
          'resolution',
          'seed ids',
        ]);
        for (const v of spec.data.values) {
          for (const t of tooltip) {
            expect(typeof v[t.field]).toBe('string');
            expect(v[t.field]).not.toMatch(/^$|null|undefined|NaN/);
          }
        }
      }
      const sample = spec.data.values.find((v: AnyJson) => v.strategy === 'width' && v.step === 2);
      expect(sample.tipTop1).toMatch(seeds.length > 1 ? /^\d+\.\d\d ± \d+\.\d\d \(n=3\)$/ : /^\d+\.\d\d \(one seed\)$/);
      // Counts carry SI suffixes, not raw digits.
      expect(sample.tipMacs).toMatch(/^[\d.]+[KMG]$/);
      expect(sample.tipParams).toMatch(/^[\d.]+[KMG]$/);
      expect(sample.tipResolution).toMatch(/^\d+ px$/);
    }
    expect(TOOLTIP_FIELDS).toHaveLength(7);
  });

  it('is deterministic and carries no timestamps', () => {
    const a = JSON.stringify(specFor([0, 1]).spec);
    expect(JSON.stringify(specFor([0, 1]).spec)).toBe(a);
    expect(a).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });

  it('compiles and renders one point mark per strategy and step in each panel', async () => {
    const { spec, points } = specFor([0, 1]);
    const svg = await renderSvg(spec);
    for (const id of ['flops', 'params']) {
      const group = svg.match(new RegExp(`<g class="mark-symbol role-mark ${id}_points_marks"[^>]*>(.*?)</g>`))!;
      expect(group).not.toBeNull();
      expect(group[1].match(/<path /g)).toHaveLength(points.length);
    }
    expect(svg).toContain('FLOPs (multiply-adds)');
    expect(svg).toContain('w×1.41');
  });

  it('renders a placeholder, not a crash, with no results', async () => {
    const info = syntheticInfo();
    const spec = experimentChartSpec(info, [], { finished: 0, planned: info.planned.length }) as AnyJson;
    expect(spec.hconcat).toBeUndefined();
    const svg = await renderSvg(spec);
    expect(svg).toContain(`0 of ${info.planned.length} planned runs finished`);
  });
});

describe('logTicks', () => {
  it('picks 1-2-5 ticks inside a wide range', () => {
    expect(logTicks(30e6, 3e9)).toEqual([50e6, 100e6, 200e6, 500e6, 1e9, 2e9]);
  });
  it('adds ticks when the range is narrow and returns none for a bad range', () => {
    const ticks = logTicks(40e6, 420e6);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) expect(t >= 40e6 && t <= 420e6).toBe(true);
    expect(logTicks(0, 10)).toEqual([]);
  });
});
