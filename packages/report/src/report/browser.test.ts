/**
 * Opens a generated index.html in headless Chromium, as a reader would, with every non-file request blocked:
 * the inlined libraries must draw the chart offline, with one point mark per strategy and step in each panel.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { syntheticInfo, syntheticRows } from '../../testing/synthetic-ladder';
import { writeExperimentReport } from './write-experiment-report';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Flags keep Chromium from reaching out on its own (updates, sync, QUIC probes) and working in a container.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

describe('index.html in a browser', () => {
  it('draws the chart offline with the expected point marks and no console errors', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH).`,
      );
    }
    const o = { seeds: [0, 1], steps: [1, 2, 4] };
    const rows = syntheticRows(o).filter((r) => !(r.strategy === 'depth' && r.step === 4));
    const expectedPoints = new Set(rows.map((r) => `${r.strategy}/${r.step}`)).size;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-browser-'));
    await writeExperimentReport(syntheticInfo(o), rows, dir);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const remote: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        remote.push(url);
        return route.abort();
      });
      await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
      await page.waitForSelector('#chart[data-state="ready"], #chart[data-state="error"]', { timeout: 20_000 });
      expect(await page.getAttribute('#chart', 'data-state')).toBe('ready');
      expect(await page.locator('#chart svg').count()).toBeGreaterThan(0);
      for (const id of ['flops', 'params']) {
        expect(await page.locator(`#chart g.${id}_points_marks path`).count()).toBe(expectedPoints);
      }
      expect(await page.locator('#chart text', { hasText: 'FLOPs (multiply-adds)' }).count()).toBeGreaterThan(0);
      expect(await page.locator('table.summary tbody tr').count()).toBe(3);
      // The chart uses the page's width (not a fixed 2 × 460 px), and follows a resize.
      for (const width of [1400, 1000]) {
        await page.setViewportSize({ width, height: 1000 });
        await page.waitForFunction(
          () => {
            const el = document.getElementById('chart')!;
            const svg = el.querySelector('svg')!.getBoundingClientRect().width;
            return Math.abs(svg - el.clientWidth) <= 0.03 * el.clientWidth;
          },
          undefined,
          { timeout: 10_000 },
        );
      }
      // No point label covers a point of either panel.
      const overlaps = await page.evaluate(() => {
        const boxes = (selector: string) =>
          Array.from(document.querySelectorAll(selector)).map((e) => ({ e, r: e.getBoundingClientRect() }));
        const labels = boxes('#chart g[class*="_labels_"] text').filter((b) => b.e.textContent);
        const points = boxes('#chart g[class*="_points_marks"] path');
        const hit = (a: DOMRect, b: DOMRect) =>
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        return {
          labels: labels.length,
          hits: labels.flatMap((l) => points.filter((p) => hit(l.r, p.r)).map(() => l.e.textContent)),
        };
      });
      expect(overlaps.labels).toBeGreaterThan(expectedPoints);
      expect(overlaps.hits).toEqual([]);
      expect(errors).toEqual([]);
      expect(remote).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
