/**
 * The browser builds of vega, vega-lite and vega-embed, read from the installed packages so the HTML report
 * can inline them and work offline. vega-embed's package exports hide its build folder, so its minified
 * bundle is found next to the CommonJS entry point.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface BrowserLib {
  name: string;
  file: string;
}

export function browserLibFiles(): BrowserLib[] {
  return [
    { name: 'vega', file: require.resolve('vega/build/vega.min.js') },
    { name: 'vega-lite', file: require.resolve('vega-lite/build/vega-lite.min.js') },
    { name: 'vega-embed', file: path.join(path.dirname(require.resolve('vega-embed')), 'vega-embed.min.js') },
  ];
}

let cached: { name: string; code: string }[] | undefined;

/** Library sources in load order (vega-embed needs the other two as globals). */
export function browserLibs(): { name: string; code: string }[] {
  cached ??= browserLibFiles().map((lib) => ({ name: lib.name, code: readFileSync(lib.file, 'utf8') }));
  return cached;
}
