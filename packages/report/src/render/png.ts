/**
 * SVG → PNG offline with resvg. resvg draws no text unless it can resolve a font, so a default family is
 * given and system fonts are loaded; the background is filled because a transparent PNG reads badly.
 */
import { Resvg } from '@resvg/resvg-js';

export const PNG_WIDTH = 1200;
export const PNG_FONT = 'DejaVu Sans';

export function svgToPng(svg: string, width = PNG_WIDTH): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: PNG_FONT, sansSerifFamily: PNG_FONT },
  });
  return resvg.render().asPng();
}
