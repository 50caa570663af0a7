/**
 * index.html of one experiment, usable offline (docs/architecture.md "Results and reports"): vega, vega-lite and
 * vega-embed are inlined with the spec, beside the headline numbers and the summary table. No URL is loaded:
 * the editor/source actions of vega-embed are off, and the only other reference is the sibling chart.png.
 */
import type { ExperimentInfo } from '../result-row';
import { browserLibs } from './browser-libs';
import { escapeHtml, scriptCode, scriptJson } from './html-escape';

export interface ReportPage {
  info: ExperimentInfo;
  spec: object;
  headline: string[];
  summaryHtml: string;
  missingHtml: string;
}

export const PAGE_STYLE = `
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2rem; color: #222; max-width: 1600px; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.facts { color: #555; margin-top: 0; }
ul.headline li { margin: .2rem 0; }
#chart { margin: 1rem 0; min-height: 200px; width: 100%; }
#chart .vega-embed { display: block; }
table.summary { border-collapse: collapse; margin: 1rem 0; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: .35rem .6rem; text-align: left; vertical-align: top; }
table.summary thead th { background: #f3f3f3; }
table.summary td.best { background: #eef6ee; }
table.summary .meta { color: #666; font-size: .85em; }
table.summary td.empty { color: #aaa; }
`.trim();

// Vega-embed options: SVG so marks are inspectable; no actions that would open the online editor.
const EMBED_OPTIONS = { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } };

// Panels are sized to the page: Vega-Lite's autosize "fit" does not apply to side-by-side views, so the boot
// script draws once, measures the drawing against the container and gives each panel the difference, and
// does so again when the window is resized.
const BOOT = `
(function () {
  var el = document.getElementById('chart');
  var spec = JSON.parse(document.getElementById('chart-spec').textContent);
  var options = JSON.parse(document.getElementById('embed-options').textContent);
  var panels = spec.hconcat || [spec];
  var view = null;
  function draw() {
    if (view) view.finalize();
    return vegaEmbed(el, spec, options).then(function (result) {
      view = result.view;
      window.chartView = view;
      return el.querySelector('svg').getBoundingClientRect().width;
    });
  }
  function fit() {
    return draw().then(function (drawn) {
      var spare = Math.floor((el.clientWidth - drawn - 4) / panels.length);
      if (Math.abs(spare) < 2) return;
      panels.forEach(function (p) { p.width = Math.max(200, p.width + spare); });
      return draw();
    });
  }
  fit().then(function () {
    el.setAttribute('data-state', 'ready');
    var timer;
    var lastWidth = el.clientWidth;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (el.clientWidth === lastWidth) return;
        lastWidth = el.clientWidth;
        fit();
      }, 150);
    });
  }).catch(function (err) {
    el.setAttribute('data-state', 'error');
    el.textContent = 'The chart could not be drawn: ' + err.message + ' (chart.png shows it).';
    console.error(err);
  });
})();
`.trim();

export function reportHtml(page: ReportPage): string {
  const { info } = page;
  const libs = browserLibs()
    .map((lib) => `<script data-lib="${lib.name}">\n${scriptCode(lib.code)}\n</script>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} — ${escapeHtml(info.name)}</title>
<style>
${PAGE_STYLE}
</style>
${libs}
</head>
<body>
<h1>${escapeHtml(info.title)}</h1>
<p class="facts">Experiment <code>${escapeHtml(info.name)}</code> · backbone <code>${escapeHtml(info.backbone)}</code> · dataset <code>${escapeHtml(info.dataset)}</code> · preset <code>${escapeHtml(info.preset)}</code></p>
<ul class="headline">
${page.headline.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}
</ul>
<div id="chart" data-state="loading"><noscript><img src="chart.png" alt="chart" width="1200"></noscript></div>
<h2>Top-1 accuracy (%) at matched FLOPs</h2>
<p>Rows are FLOPs-matched ladder steps; each cell is top-1 (mean ± sd over seeds when n &gt; 1), the multiply-adds reached and the scale. Best per row highlighted.</p>
${page.summaryHtml}
<h2>Missing points</h2>
${page.missingHtml}
<p>Files: <a href="results.csv">results.csv</a> · <a href="summary.md">summary.md</a> · <a href="chart.vl.json">chart.vl.json</a> · <a href="chart.svg">chart.svg</a> · <a href="chart.png">chart.png</a></p>
<script type="application/json" id="chart-spec">${scriptJson(page.spec)}</script>
<script type="application/json" id="embed-options">${scriptJson(EMBED_OPTIONS)}</script>
<script>
${BOOT}
</script>
</body>
</html>
`;
}
