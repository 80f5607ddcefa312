/**
 * The self-contained HTML report: one file, no network. Styles and the chart font (WOFF2 data URL) are inline;
 * every chart is its SVG, inlined, so the report opens and prints anywhere and can be forwarded by e-mail.
 */
import { CHART_FONT_FAMILY, chartFontDataUrl } from './fonts.js';
import type { ReportSection, ReportTable } from './model.js';
import type { RenderedChart } from './render.js';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
@font-face { font-family: '${CHART_FONT_FAMILY}'; src: url(FONT_URL) format('woff2'); font-weight: 400; }
body { font-family: '${CHART_FONT_FAMILY}', Verdana, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: .85rem; color: #555; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; } td, th { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; }
.pending { color: #777; } .warnings li { color: #8a3b00; } .meta td:first-child { color: #555; }
nav ul { columns: 2; font-size: .9rem; }
`;

export interface HtmlDocument {
  readonly title: string;
  /** Rows of the "what was run" table. */
  readonly meta: readonly (readonly [string, string])[];
  readonly recommendation: readonly string[];
  readonly warnings: readonly string[];
  readonly sections: readonly ReportSection[];
  /** Rendered charts by name (every chart named in a section must be here). */
  readonly charts: ReadonlyMap<string, RenderedChart>;
}

function table(t: ReportTable, cls = ''): string {
  const head = t.header.some((h) => h !== '') ? `<tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>` : '';
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(String(v))}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}>\n${head}\n${body}\n</table>`;
}

/** The SVG text without an XML prolog, ready to inline. */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '');
}

function section(s: ReportSection, charts: ReadonlyMap<string, RenderedChart>): string {
  const parts = [`<section id="${escapeHtml(s.id)}"${s.status === 'pending' ? ' class="pending"' : ''}>`, `<h2>${escapeHtml(s.title)}</h2>`];
  for (const p of s.paragraphs) parts.push(`<p>${escapeHtml(p)}</p>`);
  if (s.table) parts.push(table(s.table));
  for (const c of s.charts) {
    const r = charts.get(c.name);
    if (!r) throw new Error(`renderHtml: chart ${c.name} was not rendered`);
    parts.push(`<figure data-chart="${escapeHtml(c.name)}">\n${inlineSvg(r.svg)}\n<figcaption>${escapeHtml(c.title)}${c.caption ? ` — ${escapeHtml(c.caption)}` : ''}</figcaption>\n</figure>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * Render the report document. Cost: O(total SVG size) string concatenation, plus ~340 kB for the font.
 * @example
 * const html = renderHtml({ title: 'x', meta: [], recommendation: [], warnings: [], sections: [], charts: new Map() });
 */
export function renderHtml(doc: HtmlDocument): string {
  const nav = doc.sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>${s.status === 'pending' ? ' (pending)' : ''}</li>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)} — carestrata report</title>`,
    `<style>${STYLE.replace('FONT_URL', chartFontDataUrl())}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    '<section id="run"><h2>What was run</h2>',
    table({ header: ['', ''], rows: doc.meta.map(([k, v]) => [k, v]) }, 'meta'),
    '</section>',
    '<section id="recommendation"><h2>Recommendation</h2>',
    doc.recommendation.length ? `<ul>${doc.recommendation.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '<p>No recommendation: the stages that produce one did not run.</p>',
    '</section>',
    '<section id="warnings"><h2>Warnings</h2>',
    doc.warnings.length ? `<ul class="warnings">${doc.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '<p>None.</p>',
    '</section>',
    `<nav><ul>${nav}</ul></nav>`,
    ...doc.sections.map((s) => section(s, doc.charts)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
