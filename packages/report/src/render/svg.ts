/**
 * Vega-Lite spec → SVG in Node: vega-lite `compile` to a Vega spec, then a headless vega `View` (renderer
 * 'none') and `toSVG()`. vega 5 / vega-lite 5 are used because they still load as CommonJS (vega 6 and
 * vega-lite 6 are ESM-only), so this loads from the CommonJS bundles and under jest without ESM flags.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export function compileToVega(vlSpec: object): vega.Spec {
  return compile(vlSpec as TopLevelSpec).spec;
}

export async function renderSvg(vlSpec: object): Promise<string> {
  const view = new vega.View(vega.parse(compileToVega(vlSpec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
