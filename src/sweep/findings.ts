/**
 * What a one-setting sweep shows, in words a planner can act on: the marginal gain of each added unit of the
 * varied resource with its interval (paired across replications: replication r uses the same seed at every
 * point, so the difference between two levels is free of the cohort's and the days' luck), the level where the
 * curve flattens (from it on no added unit gains beyond its interval, or its gain is under a tenth of the best
 * step's), and the cheapest level whose interval meets `decide.target`.
 *
 * Cost: O(points · replications).
 */
import type { Estimate } from '../decide/index.js';
import { parseTarget } from '../decide/index.js';
import { meanCi } from '../stats/index.js';
import { metricNames } from './aggregate.js';
import type { SweepManifest } from './manifest.js';
import type { PointRecord } from './points.js';

/** The step from one level to the next, per unit of the setting. */
export interface MarginalGain {
  readonly from: number;
  readonly to: number;
  readonly perUnit: Estimate;
  /** Replications paired (1: no interval, the estimate only). */
  readonly n: number;
  /** The interval lies wholly above zero (with one replication: the estimate is above zero). */
  readonly gains: boolean;
}

export interface SweepFindings {
  readonly factor: string;
  readonly metric: string;
  readonly gains: readonly MarginalGain[];
  /** The level from which every further step is flat; null when the curve does not flatten in range. */
  readonly flattensAt: number | null;
  readonly target: {
    readonly text: string;
    readonly metric: string;
    readonly cheapest: number | null;
    readonly estimate: Estimate | null;
  } | null;
  /** Findings in plain words, for the report's recommendation list. */
  readonly lines: readonly string[];
}

/** The recorded name a measure means: itself when recorded, else the lead policy's simulated measure. */
export function resolveMetric(measure: string, recorded: readonly string[], leadPolicy: string): string | undefined {
  if (recorded.includes(measure)) return measure;
  const sim = `sim.${leadPolicy}.${measure}`;
  return recorded.includes(sim) ? sim : undefined;
}

/**
 * Gains per unit between consecutive levels of `factor` for `metric` (levels sorted ascending).
 * @example
 * marginalGains(records, points, 'program.nurses', 'sim.priority_greedy.home_transfusions', 0.95)[0].perUnit;
 */
export function marginalGains(
  records: readonly PointRecord[], points: readonly { id: string; values: Readonly<Record<string, number>> }[],
  factor: string, metric: string, confidence: number,
): MarginalGain[] {
  const byPoint = new Map<string, Map<number, number>>();
  for (const r of records) {
    const v = r.metrics[metric];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    (byPoint.get(r.point) ?? byPoint.set(r.point, new Map()).get(r.point)!).set(r.replication, v);
  }
  const levels = points.filter((p) => byPoint.has(p.id)).sort((a, b) => a.values[factor]! - b.values[factor]!);
  const out: MarginalGain[] = [];
  for (let i = 1; i < levels.length; i++) {
    const a = levels[i - 1]!, b = levels[i]!;
    const from = a.values[factor]!, to = b.values[factor]!;
    const ya = byPoint.get(a.id)!, yb = byPoint.get(b.id)!;
    const paired = [...ya.keys()].filter((rep) => yb.has(rep)).sort((x, y) => x - y);
    const d = paired.map((rep) => (yb.get(rep)! - ya.get(rep)!) / (to - from));
    const ci = meanCi(d, { level: confidence });
    const gains = ci.n >= 2 ? ci.ciLow > 0 : ci.mean > 0;
    out.push({ from, to, perUnit: { estimate: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh }, n: ci.n, gains });
  }
  return out;
}

/**
 * A step is *flat* when it shows no gain (interval not wholly above zero) or its interval's upper end is below
 * {@link FLAT_SHARE} of the largest step's gain: what is left is small beside what the first units bought.
 */
export const FLAT_SHARE = 0.1;

/**
 * The level from which every further step is flat (see {@link FLAT_SHARE}); null when the last step is not
 * flat (the curve does not flatten within the range). O(steps).
 * @example
 * flatteningLevel(gains); // 11 when 11→12 gains 9.5 (5.6 to 13.4) after a best step of 218
 */
export function flatteningLevel(gains: readonly MarginalGain[]): number | null {
  const best = Math.max(0, ...gains.map((g) => g.perUnit.estimate));
  const upper = (g: MarginalGain): number => (g.n >= 2 ? g.perUnit.ciHigh : g.perUnit.estimate);
  const flat = (g: MarginalGain): boolean => !g.gains || upper(g) < FLAT_SHARE * best;
  let first: number | null = null;
  for (let i = gains.length - 1; i >= 0 && flat(gains[i]!); i--) first = gains[i]!.from;
  return first;
}

const num = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : 'n/a');

const span = (e: { ciLow: number; ciHigh: number }): string => `${num(e.ciLow)} to ${num(e.ciHigh)}`;
const percent = (level: number): string => `${Number((100 * level).toFixed(1))}%`;

/** The gains and the flattening level in words. */
function gainLines(gains: readonly MarginalGain[], flattensAt: number | null, metric: string, factor: string,
  confidence: number): string[] {
  if (!gains.length) return [];
  const reps = gains[0]!.n;
  const each = gains.map((g) => `${g.from}→${g.to}: ${num(g.perUnit.estimate)}`
    + (g.n >= 2 ? ` (${span(g.perUnit)})` : ''));
  const how = reps >= 2 ? `, ${percent(confidence)} intervals paired over ${reps} replications`
    : ' (one replication: no intervals; use --replications ≥ 2)';
  const best = Math.max(...gains.map((g) => g.perUnit.estimate));
  const flat = flattensAt === null
    ? `The curve does not flatten within ${factor} = ${gains[0]!.from}..${gains.at(-1)!.to}: the last added unit`
      + ' still gains at least a tenth of the best step.'
    : `The curve flattens at ${factor} = ${flattensAt}: beyond it each added unit gains nothing`
      + `${reps >= 2 ? ' beyond its interval' : ''} or less than a tenth of the best step (${num(best)} per unit).`;
  return [`Marginal gain in ${metric} per added unit of ${factor}${how}: ${each.join('; ')}.`, flat];
}

/**
 * Findings for a sweep over one setting (grid or one-at-a-time); undefined for several settings or no metric.
 * @example
 * sweepFindings(manifest, records, 'priority_greedy')?.lines;
 */
export function sweepFindings(
  m: SweepManifest, records: readonly PointRecord[], leadPolicy: string,
): SweepFindings | undefined {
  if (m.factors.length !== 1 || (m.design !== 'grid' && m.design !== 'oat')) return undefined;
  const factor = m.factors[0]!.path;
  const recorded = metricNames(records);
  const d = m.scenario.decide;
  const metric = resolveMetric(d.objective.measure, recorded, leadPolicy);
  if (!metric) return undefined;
  const gains = marginalGains(records, m.points, factor, metric, d.confidence);
  const flattensAt = flatteningLevel(gains);
  const lines = gainLines(gains, flattensAt, metric, factor, d.confidence);
  const target = targetFinding(d.target, { recorded, leadPolicy, m, records, factor, confidence: d.confidence });
  if (target?.line) lines.push(target.line);
  return { factor, metric, gains, flattensAt, target: target?.finding ?? null, lines };
}

/** Mean and interval of `metric` at every point, sorted by the factor's level. */
function levelIntervals(m: SweepManifest, records: readonly PointRecord[], factor: string, metric: string,
  confidence: number): { x: number; ci: ReturnType<typeof meanCi> }[] {
  return m.points.map((p) => {
    const xs: number[] = [];
    for (const r of records) {
      const v = r.point === p.id ? r.metrics[metric] : undefined;
      if (typeof v === 'number' && Number.isFinite(v)) xs.push(v);
    }
    return { x: p.values[factor]!, ci: meanCi(xs, { level: confidence }) };
  }).filter((p) => p.ci.n > 0).sort((a, b) => a.x - b.x);
}

function targetFinding(
  text: string,
  c: { recorded: readonly string[]; leadPolicy: string; m: SweepManifest; records: readonly PointRecord[];
    factor: string; confidence: number },
): { finding: SweepFindings['target']; line: string } | undefined {
  if (text.trim() === '') return undefined;
  const measures = [...c.recorded, ...c.recorded.map((r) => r.replace(/^sim\.[^.]+\./, ''))];
  const parsed = parseTarget(text, { measures });
  if (!parsed.ok) {
    return { finding: null, line: `The target "${text}" (decide.target) names no measure this sweep recorded.` };
  }
  const t = parsed.target;
  const metric = resolveMetric(t.measure, c.recorded, c.leadPolicy)!;
  const conf = percent(c.confidence);
  const clears = (lo: number, hi: number): boolean =>
    t.op === '>=' ? lo >= t.value : t.op === '>' ? lo > t.value : t.op === '<=' ? hi <= t.value : hi < t.value;
  const levels = levelIntervals(c.m, c.records, c.factor, metric, c.confidence);
  const ok = levels.find((p) => clears(p.ci.ciLow, p.ci.ciHigh));
  const estimate = ok ? { estimate: ok.ci.mean, ciLow: ok.ci.ciLow, ciHigh: ok.ci.ciHigh } : null;
  const line = ok
    ? `The cheapest level meeting the target ${text}: ${c.factor} = ${ok.x} (${metric} ${num(ok.ci.mean)}, ${conf}`
      + ` interval ${span(ok.ci)}${ok.ci.n < 2 ? '; one replication, so no interval' : ''}).`
    : `No level of ${c.factor} meets the target ${text} with its whole ${conf} interval.`;
  return { finding: { text, metric, cheapest: ok ? ok.x : null, estimate }, line };
}
