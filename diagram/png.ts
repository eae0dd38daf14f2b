// SVG -> PNG with resvg (a real SVG renderer, prebuilt for each platform) and the DejaVu Sans font shipped as a
// package, so the picture renders the same with or without system fonts.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY } from './svg.ts';

const require = createRequire(import.meta.url);
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
  require.resolve(`dejavu-fonts-ttf/ttf/${f}`),
);

export interface Png {
  png: Buffer;
  width: number;
  height: number;
}

/** `scale` 2 gives a sharp picture on high-density screens (Slack shows it scaled down). */
export function renderPng(svg: string, scale = 1): Png {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
