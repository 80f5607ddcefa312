/**
 * Chart spec builders over plain rows. Each returns a {@link Chart} (vega-lite spec + title + caption); the
 * pipeline and the sweep pick the builder and the fields, render.ts turns specs into SVG and PNG.
 * Cost of each builder: O(rows) (the rows are copied into the spec).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from './render.js';

export type Row = Readonly<Record<string, string | number | boolean | null>>;

interface Base {
  readonly name: string;
  readonly title: string;
  readonly caption?: string;
}

function chart(b: Base, spec: object): Chart {
  return { name: b.name, title: b.title, caption: b.caption ?? '', spec: { title: b.title, ...spec } as TopLevelSpec };
}

const values = (rows: readonly Row[]) => ({ values: rows.map((r) => ({ ...r })) });

/**
 * Lines with points: `y` against `x`, one line per `color` value; optional `lo`/`hi` fields draw a band
 * (confidence interval) behind each line.
 * @example
 * lineChart({ name: 'k', title: 'Stability vs k', rows: [{ k: 2, v: 0.1 }], x: 'k', y: 'v', xTitle: 'k', yTitle: 'PAC' });
 */
export function lineChart(o: Base & { rows: readonly Row[]; x: string; y: string; xTitle: string; yTitle: string; color?: string; colorTitle?: string; lo?: string; hi?: string; xType?: 'quantitative' | 'ordinal'; xInteger?: boolean }): Chart {
  const axis = o.xInteger ? { axis: { tickMinStep: 1, format: 'd' } } : {};
  const x = { field: o.x, type: o.xType ?? 'quantitative', title: o.xTitle, ...(o.xType === 'ordinal' ? {} : { scale: { zero: false } }), ...axis };
  const color = o.color ? { color: { field: o.color, type: 'nominal', title: o.colorTitle ?? o.color } } : {};
  const layers: object[] = [];
  if (o.lo && o.hi) {
    layers.push({ mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: o.lo, type: 'quantitative', title: o.yTitle }, y2: { field: o.hi }, ...color } });
  }
  layers.push({ mark: { type: 'line', point: true }, encoding: { x, y: { field: o.y, type: 'quantitative', title: o.yTitle, scale: { zero: false } }, ...color } });
  return chart(o, { data: values(o.rows), layer: layers });
}

/** Bars: `y` per category `x` (vertical) or per category on the y axis when `horizontal`; `color` groups bars side by side. */
export function barChart(o: Base & { rows: readonly Row[]; category: string; value: string; categoryTitle: string; valueTitle: string; color?: string; colorTitle?: string; horizontal?: boolean; sort?: 'none' | 'descending' }): Chart {
  const cat = { field: o.category, type: 'nominal', title: o.categoryTitle, sort: o.sort === 'descending' ? '-x' : null };
  const val = { field: o.value, type: 'quantitative', title: o.valueTitle };
  const enc: Record<string, object> = o.horizontal !== false ? { y: cat, x: val } : { x: { ...cat, sort: o.sort === 'descending' ? '-y' : null }, y: val };
  if (o.color) {
    enc.color = { field: o.color, type: 'nominal', title: o.colorTitle ?? o.color };
    enc[o.horizontal !== false ? 'yOffset' : 'xOffset'] = { field: o.color };
  }
  return chart(o, { data: values(o.rows), mark: { type: 'bar', tooltip: true }, encoding: enc });
}

/** Heatmap: `value` coloured in a grid of `x` × `y` categories, with the value printed in each cell. */
export function heatmap(o: Base & { rows: readonly Row[]; x: string; y: string; value: string; xTitle: string; yTitle: string; valueTitle: string; label?: string; diverging?: boolean }): Chart {
  const colorScale = o.diverging ? { scheme: 'blueorange', domainMid: 0 } : { scheme: 'blues' };
  return chart(o, {
    data: values(o.rows),
    width: { step: 58 },
    height: { step: 28 },
    encoding: { x: { field: o.x, type: 'nominal', title: o.xTitle, sort: null, axis: { labelAngle: -40 } }, y: { field: o.y, type: 'nominal', title: o.yTitle, sort: null } },
    layer: [
      { mark: 'rect', encoding: { color: { field: o.value, type: 'quantitative', title: o.valueTitle, scale: colorScale } } },
      { mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: o.label ?? o.value, type: o.label ? 'nominal' : 'quantitative', ...(o.label ? {} : { format: '.2f' }) } } },
    ],
  });
}

/** Point estimates with interval whiskers per category (policy comparison with confidence intervals). */
export function intervalChart(o: Base & { rows: readonly Row[]; category: string; mean: string; lo: string; hi: string; categoryTitle: string; valueTitle: string; color?: string; colorTitle?: string }): Chart {
  const y = { field: o.category, type: 'nominal', title: o.categoryTitle, sort: null };
  const color = o.color ? { color: { field: o.color, type: 'nominal', title: o.colorTitle ?? o.color }, yOffset: { field: o.color } } : {};
  return chart(o, {
    data: values(o.rows),
    encoding: { y },
    layer: [
      { mark: { type: 'rule' }, encoding: { x: { field: o.lo, type: 'quantitative', title: o.valueTitle, scale: { zero: false } }, x2: { field: o.hi }, ...color } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { x: { field: o.mean, type: 'quantitative' }, ...color } },
    ],
  });
}

/**
 * Tornado chart for a one-at-a-time sweep: per factor, a bar from the base value to the metric at the factor's
 * lowest level and one to the metric at its highest level (coloured by level), around a dashed rule at the
 * base value; factors sorted by swing, largest on top.
 */
export function tornadoChart(o: Base & { rows: readonly { factor: string; low: number; high: number }[]; base: number; valueTitle: string }): Chart {
  const sorted = o.rows.slice().sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low) || a.factor.localeCompare(b.factor));
  const order = sorted.map((r) => r.factor);
  const long = sorted.flatMap((r) => [
    { factor: r.factor, level: 'lowest level', value: r.low, base: o.base },
    { factor: r.factor, level: 'highest level', value: r.high, base: o.base },
  ]);
  const y = { field: 'factor', type: 'nominal', title: 'Varied parameter', sort: order };
  return chart(o, {
    layer: [
      {
        data: values(long),
        mark: { type: 'bar', opacity: 0.85 },
        encoding: { y, x: { field: 'base', type: 'quantitative', title: o.valueTitle, scale: { zero: false } }, x2: { field: 'value' }, color: { field: 'level', type: 'nominal', title: 'Parameter at', sort: ['lowest level', 'highest level'] } },
      },
      { data: values([{ base: o.base }]), mark: { type: 'rule', color: 'black', strokeDash: [4, 3] }, encoding: { x: { field: 'base', type: 'quantitative' } } },
    ],
  });
}

/** Points: `y` against `x`, coloured by `color` when given (LHS sweeps, where lines between samples mislead). */
export function scatterChart(o: Base & { rows: readonly Row[]; x: string; y: string; xTitle: string; yTitle: string; color?: string; colorTitle?: string }): Chart {
  const color = o.color ? { color: { field: o.color, type: 'nominal', title: o.colorTitle ?? o.color } } : {};
  return chart(o, {
    data: values(o.rows),
    mark: { type: 'point', filled: true, size: 40 },
    encoding: { x: { field: o.x, type: 'quantitative', title: o.xTitle, scale: { zero: false } }, y: { field: o.y, type: 'quantitative', title: o.yTitle, scale: { zero: false } }, ...color },
  });
}
