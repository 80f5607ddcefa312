/**
 * Issue 17, item 7 (statistics): one statistics module, the Student t quantile against printed t tables,
 * antithetic pairs averaged before the interval, intervals of non-negative measures never below 0.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanCi, median, pairMeans, quantileSorted, tQuantile } from '../../src/stats/index.js';
import { summarizePolicies } from '../../src/sim/summarize.js';
import type { ReplicationResult } from '../../src/sim/replication.js';
import { summarizePoints } from '../../src/sweep/aggregate.js';
import type { SweepManifest } from '../../src/sweep/manifest.js';
import type { PointRecord } from '../../src/sweep/points.js';
import { expectClose } from '../helpers/close.js';

/** t tables print three decimals. */
const TABLE_3DP = 5e-4;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('tQuantile(p, df) against t tables (any statistics table, two-sided 95%)', () => {
  it.each([[1, 12.706], [10, 2.228], [30, 2.042], [40, 2.021], [100, 1.984]])('t(0.975, %i) = %f', (df, table) => {
    expectClose(tQuantile(0.975, df), table, { abs: TABLE_3DP });
  });
  it('one-sided 95%: t(0.95, 4) = 2.132, and symmetry t(0.025, df) = −t(0.975, df)', () => {
    expectClose(tQuantile(0.95, 4), 2.132, { abs: TABLE_3DP });
    expect(tQuantile(0.025, 7)).toBe(-tQuantile(0.975, 7));
  });
});

describe('quantileSorted and median (simple-statistics underneath)', () => {
  it('R-7 quantile by hand: [1, 2, 3, 4] at 0.25 → 1 + 0.75·1 = 1.75', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });
  it('median is the proper median (mean of the two middles), NaN skipped; equal infinities kept', () => {
    expect(median(Float64Array.of(4, Number.NaN, 1, 3, 2))).toBe(2.5);
    expect(median([Infinity, Infinity, 1, 2, Infinity, Infinity])).toBe(Infinity);
  });
});

describe('intervals', () => {
  it('a count interval never goes below 0 (hand: 0, 0, 9 → mean 3, lower 3 − 4.303·√27/√3 < 0 → 0)', () => {
    const ci = meanCi([0, 0, 9], { nonNegative: true });
    expect(ci.ciLow).toBe(0);
    expectClose(ci.ciHigh, 3 + 4.30265 * 3, { abs: 1e-4 });
  });

  const manifest = { points: [{ id: 'p0000', values: {} }], factors: [] } as unknown as SweepManifest;
  const record = (x: number, r: number): PointRecord => ({ sweep: 's', point: 'p0000', replication: r, seed: r, values: {}, metrics: { units_wasted: x }, warnings: [] }) as PointRecord;

  it('sweep summary: the lower bound of a count is ≥ 0', () => {
    const s = summarizePoints(manifest, [0, 0, 0, 12].map(record))[0]!;
    expect(s.metrics.units_wasted!.lo).toBe(0);
  });

  it('sweep summary past 30 replications uses t(0.975, n − 1), not 1.96 (41 replications: t = 2.021)', () => {
    const xs = Array.from({ length: 41 }, (_, i) => 100 + (i % 2 ? 1 : -1));
    const s = summarizePoints(manifest, xs.map(record))[0]!.metrics.units_wasted!;
    const sd = Math.sqrt((41 - 1 / 41) / 40); // 20 of +1, 21 of −1 around 100: Σ(x − x̄)² = 41 − 1/41
    expectClose(s.hi - s.mean, (2.021 * sd) / Math.sqrt(41), { abs: 1e-4 });
  });

  it('antithetic pairs are averaged first: 4 replications = 2 observations (hand: [1, 3, 10, 20] → [2, 15])', () => {
    expect(Array.from(pairMeans([1, 3, 10, 20]))).toEqual([2, 15]);
    const reps = [1, 3, 10, 20].map((v, rep) => ({ rep, runs: [{ metrics: Float64Array.of(v) }] })) as unknown as ReplicationResult[];
    const [row] = summarizePolicies(reps, ['clinic_only'], ['transfusions'], { antitheticPairs: true });
    expect(row!.n).toBe(2);
    expect(row!.mean).toBe(8.5);
    // sd of {2, 15} = 13/√2; half-width t(0.975, 1)·sd/√2 = 12.706·6.5
    expectClose(row!.ciHigh, 8.5 + 12.7062 * 6.5, { abs: 1e-3 });
    expect(row!.ciLow).toBe(0);
  });
});

describe('one statistics module', () => {
  const files = sourceFiles('src').filter((f) => !f.startsWith(join('src', 'stats')));
  const text = (f: string): string => readFileSync(f, 'utf8');

  it('no t table, t quantile, R-7 quantile or median is written outside src/stats', () => {
    const offenders = files.filter((f) => /\b(T_?975|T95)\s*=|function (tQuantile|t975|tCdf|median\w*|quantile)\b|\?\? 1\.96/.test(text(f)));
    expect(offenders).toEqual([]);
  });
  it('the MIP gap is defined once (src/optimize/gap.ts)', () => {
    const offenders = files.filter((f) => !f.endsWith('gap.ts') && /Math\.abs\(bound - \w+\) \/ Math\.max\(Math\.abs/.test(text(f)));
    expect(offenders).toEqual([]);
  });
  it('simple-statistics is used by src/stats; ml-kmeans is a dev dependency only', () => {
    expect(sourceFiles(join('src', 'stats')).some((f) => text(f).includes("from 'simple-statistics'"))).toBe(true);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.dependencies['ml-kmeans']).toBeUndefined();
    expect(pkg.devDependencies['ml-kmeans']).toBeDefined();
    expect(files.filter((f) => text(f).includes("from 'ml-kmeans'"))).toEqual([]);
  });
});
