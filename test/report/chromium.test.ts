/**
 * Opens report.html in headless Chromium (when /usr/bin/chromium exists) and checks from inside the page
 * that every chart is laid out with visible text: each figure's SVG has a non-zero box, and its axis and
 * title <text> elements have non-zero rendered width. Skips, saying so, when Chromium is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
/** A label narrower than this (CSS px) would not be readable: the font did not render. */
const MIN_LABEL_WIDTH_PX = 5;

const PROBE = `<script>
window.addEventListener('load', async () => {
  await document.fonts.ready;
  const figures = [...document.querySelectorAll('figure[data-chart]')].map((f) => {
    const svg = f.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    const texts = svg ? [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '') : [];
    return { name: f.dataset.chart, width: box.width, height: box.height, labels: texts.length,
      narrowest: Math.min(...texts.map((t) => t.getBBox().width)), words: texts.map((t) => t.textContent) };
  });
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({ font: document.fonts.check('12px "DejaVu Sans"'), figures });
  document.body.appendChild(out);
});
</script>`;

describe('report.html in headless Chromium', () => {
  it.skipIf(!CHROMIUM)('shows every chart with its labels (skipped when /usr/bin/chromium is absent)', () => {
    const dir = tempDir();
    const r = runCli(['run', 'test/sweep/tiny.yaml', '--out', dir, '--no-png']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const probed = join(dir, 'probed.html');
    writeFileSync(probed, html.replace('</body>', `${PROBE}</body>`));
    const profile = tempDir('carestrata-chromium-');
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--virtual-time-budget=5000'];
    const dom = spawnSync(CHROMIUM!, [...flags, '--dump-dom', `file://${probed}`], { encoding: 'utf8', timeout: 60_000 });
    const m = /<pre id="probe">([^<]*)<\/pre>/.exec(dom.stdout);
    expect(m, dom.stderr.slice(-500)).not.toBeNull();
    const probe = JSON.parse(m![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { font: boolean; figures: { name: string; width: number; height: number; labels: number; narrowest: number; words: string[] }[] };
    expect(probe.font).toBe(true);
    const inHtml = [...html.matchAll(/data-chart="([^"]+)"/g)].map((x) => x[1]);
    expect(probe.figures.map((f) => f.name)).toEqual(inHtml);
    expect(probe.figures.length).toBeGreaterThan(0);
    for (const f of probe.figures) {
      expect(f.width, f.name).toBeGreaterThan(100);
      expect(f.height, f.name).toBeGreaterThan(50);
      expect(f.labels, f.name).toBeGreaterThan(3);
      expect(f.narrowest, f.name).toBeGreaterThan(MIN_LABEL_WIDTH_PX);
    }
    // a screenshot for people to look at (not asserted)
    spawnSync(CHROMIUM!, [...flags, `--screenshot=${join(dir, 'report.png')}`, '--window-size=1200,2400', `file://${join(dir, 'report.html')}`], { timeout: 60_000 });
    if (process.env.CARESTRATA_KEEP_SCREENSHOT) writeFileSync(process.env.CARESTRATA_KEEP_SCREENSHOT, readFileSync(join(dir, 'report.png')));
  });
  it.runIf(!CHROMIUM)('says it skipped', () => {
    console.warn('chromium test skipped: /usr/bin/chromium not found (apt-get install -y chromium to run it)');
  });
});
