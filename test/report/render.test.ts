import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { barChart, heatmap, intervalChart, lineChart, tornadoChart } from '../../src/report/charts.js';
import { CHART_FONT_FAMILY, chartFontFiles, fontPackageFile, woffToSfnt } from '../../src/report/fonts.js';
import { renderChart, specToSvg, svgToPng } from '../../src/report/render.js';

/** Pixels darker than this (0–255 on each channel) count as ink. */
const INK_THRESHOLD = 128;

function inkPixels(svg: string, fontFiles: string[]): number {
  const img = new Resvg(svg, { background: 'white', font: { loadSystemFonts: false, fontFiles, defaultFontFamily: CHART_FONT_FAMILY } }).render();
  const px = img.pixels;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < INK_THRESHOLD && px[i + 1]! < INK_THRESHOLD && px[i + 2]! < INK_THRESHOLD) n++;
  return n;
}

const textOnly = (s: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="28" font-family="${CHART_FONT_FAMILY}" font-size="20">${s}</text></svg>`;

describe('woffToSfnt(woff)', () => {
  it('rebuilds a TrueType file with the same table count as the WOFF header', () => {
    const woff = readFileSync(fontPackageFile('dejavu-sans-latin-400-normal.woff'));
    const ttf = woffToSfnt(woff);
    expect(ttf.readUInt32BE(0)).toBe(0x00010000); // TrueType outlines
    expect(ttf.readUInt16BE(4)).toBe(woff.readUInt16BE(12));
    expect(ttf.length).toBe(woff.readUInt32BE(16)); // WOFF header's totalSfntSize
  });
  it('rejects a file that is not WOFF 1.0', () => {
    expect(() => woffToSfnt(Buffer.from('not a font at all, not at all, not at all, no'))).toThrow(/not a WOFF/);
  });
});

describe('chart font in resvg', () => {
  it('draws text with the packaged font and nothing without fonts (the trap it avoids)', () => {
    const svg = textOnly('Labels 123');
    expect(inkPixels(svg, [])).toBe(0);
    expect(inkPixels(svg, chartFontFiles())).toBeGreaterThan(200);
  });
});

describe('chart builders → SVG → PNG', () => {
  const charts = [
    lineChart({ name: 'l', title: 'Line title', rows: [{ n: 1, y: 2, lo: 1, hi: 3 }, { n: 2, y: 3, lo: 2, hi: 4 }], x: 'n', y: 'y', lo: 'lo', hi: 'hi', xTitle: 'Nurses', yTitle: 'Coverage' }),
    barChart({ name: 'b', title: 'Bar title', rows: [{ s: 'S1', m: 'precision', v: 0.8 }, { s: 'S1', m: 'recall', v: 0.5 }], category: 's', value: 'v', color: 'm', categoryTitle: 'Segment', valueTitle: 'Value' }),
    heatmap({ name: 'h', title: 'Heat title', rows: [{ f: 'age', s: 'S1', z: 0.5 }, { f: 'hb', s: 'S1', z: -0.5 }], x: 'f', y: 's', value: 'z', xTitle: 'Feature', yTitle: 'Segment', valueTitle: 'z', diverging: true }),
    intervalChart({ name: 'i', title: 'Interval title', rows: [{ p: 'home', m: 2, lo: 1, hi: 3 }], category: 'p', mean: 'm', lo: 'lo', hi: 'hi', categoryTitle: 'Policy', valueTitle: 'Hours' }),
    tornadoChart({ name: 't', title: 'Tornado title', rows: [{ factor: 'a', low: 1, high: 2 }, { factor: 'b', low: 0, high: 5 }], base: 1.5, valueTitle: 'Metric' }),
  ];
  it('every builder renders an SVG containing its title and axis titles, with the chart font', async () => {
    for (const c of charts) {
      const r = await renderChart(c, false);
      expect(r.svg).toContain(c.title);
      expect(r.svg).toContain(`font-family="${CHART_FONT_FAMILY}"`);
      expect(r.png).toBeUndefined();
    }
    const line = await specToSvg(charts[0]!.spec);
    expect(line).toContain('Nurses');
    expect(line).toContain('Coverage');
  });
  it('the PNG is a PNG with ink, and identical across two renders', async () => {
    const a = await renderChart(charts[1]!);
    const b = await renderChart(charts[1]!);
    expect(Buffer.from(a.png!).subarray(1, 4).toString()).toBe('PNG');
    expect(Buffer.compare(Buffer.from(a.png!), Buffer.from(b.png!))).toBe(0);
    expect(Buffer.compare(Buffer.from(svgToPng(a.svg)), Buffer.from(a.png!))).toBe(0);
  });
  it('tornadoChart orders factors by swing, largest first', () => {
    const layer = (charts[4]!.spec as unknown as { layer: { encoding: { y?: { sort: string[] } } }[] }).layer[0]!;
    expect(layer.encoding.y!.sort).toEqual(['b', 'a']);
  });
});
