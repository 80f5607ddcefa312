/**
 * Chart rendering in Node: vega-lite spec → vega → SVG (vega's headless View) → PNG (resvg, with the font
 * shipped in `@fontsource/dejavu-sans`, see fonts.ts). No browser, no canvas, no network.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILY, chartFontFiles } from './fonts.js';

/** A chart: a file stem (`k_selection`), a title for the report, a caption in plain words, and its spec. */
export interface Chart {
  readonly name: string;
  readonly title: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

export interface RenderedChart extends Chart {
  readonly svg: string;
  readonly png?: Uint8Array;
}

/** PNG pixels per SVG pixel: 2 keeps 10-px labels readable when the PNG is pasted into slides. */
export const PNG_ZOOM = 2;

/** House look shared by every chart: the embedded font everywhere, white background, no external data. */
export const CHART_CONFIG = {
  font: CHART_FONT_FAMILY,
  background: 'white',
  view: { continuousWidth: 420, continuousHeight: 260 },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 360 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** The spec with the house config merged under the chart's own config and the schema URL set. */
export function withHouseConfig(spec: TopLevelSpec): TopLevelSpec {
  const own = (spec as { config?: Record<string, unknown> }).config ?? {};
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec, config: { ...CHART_CONFIG, ...own } } as TopLevelSpec;
}

/**
 * Render a vega-lite spec to SVG text. Cost: ~10–50 ms per chart (vega dataflow + SVG string).
 * @example
 * const svg = await specToSvg({ data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } });
 */
export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vl.compile(withHouseConfig(spec)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterise an SVG with resvg and the packaged font only (system fonts are not consulted, so the PNG is
 * byte-identical on every machine). Cost: ~20–80 ms per chart at {@link PNG_ZOOM}.
 */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    font: { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: CHART_FONT_FAMILY },
  });
  return resvg.render().asPng();
}

/** Render one chart to SVG and (optionally) PNG. */
export async function renderChart(chart: Chart, png = true): Promise<RenderedChart> {
  const svg = await specToSvg(chart.spec);
  return png ? { ...chart, svg, png: svgToPng(svg) } : { ...chart, svg };
}

/** The files a rendered chart becomes under `charts/`: `NAME.vl.json`, `NAME.svg`, `NAME.png`. */
export function chartFiles(c: RenderedChart, folder = 'charts'): { name: string; content: string | Uint8Array }[] {
  const files: { name: string; content: string | Uint8Array }[] = [
    { name: `${folder}/${c.name}.vl.json`, content: JSON.stringify(withHouseConfig(c.spec), null, 2) + '\n' },
    { name: `${folder}/${c.name}.svg`, content: c.svg },
  ];
  if (c.png) files.push({ name: `${folder}/${c.name}.png`, content: c.png });
  return files;
}
