/**
 * What a sweep shows: marginal gains against hand-computed paired t-intervals, the flattening level, the
 * cheapest level meeting decide.target, warnings listed once, p5/p50/p95 against R-7 by hand, and Sobol
 * indices on the sweep path (sobol design → point summaries → indices) against Ishigami's closed form.
 * Reference quantile: Student t, 0.975, 2 degrees of freedom = 4.302653 (tables).
 */
import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { parseScenario } from '../../src/scenario/load.js';
import { quantiles3, summarizePoints } from '../../src/sweep/aggregate.js';
import { gridDesign, sobolDesign } from '../../src/sweep/design.js';
import { flatteningLevel, marginalGains, sweepFindings } from '../../src/sweep/findings.js';
import { buildManifest } from '../../src/sweep/manifest.js';
import type { PointRecord } from '../../src/sweep/points.js';
import { sweepSensitivity } from '../../src/sweep/sensitivity.js';
import type { Factor } from '../../src/sweep/vary.js';
import { dedupeWarnings } from '../../src/sweep/warnings.js';
import { expectClose } from '../helpers/close.js';

const T975_DF2 = 4.302653;
const loaded = parseScenario('seed: 5\ndecide: { target: "home_share >= 0.5", confidence: 0.95 }\n', 's.yaml');
const nurses: Factor = { path: 'program.nurses', levels: [1, 2, 3, 4], lo: 1, hi: 4, integer: true, base: 1 };
const HOME = 'sim.priority_greedy.home_transfusions', SHARE = 'sim.priority_greedy.home_share';
// replications × levels: home transfusions and home share (a saturating curve)
const Y = [[10, 30, 40, 41], [12, 31, 43, 42], [11, 35, 41, 44]];
const S = [[0.2, 0.45, 0.6, 0.61], [0.22, 0.5, 0.62, 0.6], [0.21, 0.52, 0.64, 0.66]];

function records(): PointRecord[] {
  const pts = gridDesign([nurses]);
  return Y.flatMap((row, r) => pts.map((p, i) => ({
    sweep: 'x', point: p.id, replication: r, seed: r, values: p.values,
    metrics: { [HOME]: row[i]!, [SHARE]: S[r]![i]! }, warnings: [],
  })));
}

function gridManifest() {
  return buildManifest({
    scenario: loaded.scenario, scenarioFile: 's.yaml', design: 'grid', factors: [nurses], points: gridDesign([nurses]),
    replications: 3,
  });
}

/** Paired mean and 95% half-width by hand, n = 3. */
function paired(a: number[], b: number[]): { mean: number; half: number } {
  const d = a.map((v, i) => b[i]! - v);
  const mean = d.reduce((s, v) => s + v, 0) / 3;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
  return { mean, half: (T975_DF2 * sd) / Math.sqrt(3) };
}

describe('marginal gains on a constructed sweep', () => {
  const m = gridManifest();
  const gains = marginalGains(records(), m.points, nurses.path, HOME, 0.95);

  it('gives each step its paired interval (hand: 1→2 mean 21, sd 2.65)', () => {
    expect(gains.map((g) => [g.from, g.to])).toEqual([[1, 2], [2, 3], [3, 4]]);
    for (let i = 0; i < 3; i++) {
      const hand = paired(Y.map((r) => r[i]!), Y.map((r) => r[i + 1]!));
      expectClose(gains[i]!.perUnit.estimate, hand.mean, { abs: 1e-12 });
      expectClose(gains[i]!.perUnit.ciHigh - hand.mean, hand.half, { rel: 1e-5 });
    }
    expect(gains.map((g) => g.gains)).toEqual([true, true, false]); // 3→4: d = 1, −1, 3 straddles zero
  });

  it('flattens where each further step gains nothing or under a tenth of the best; not when the last gains', () => {
    expect(flatteningLevel(gains)).toBe(3);
    expect(flatteningLevel(gains.slice(0, 2))).toBeNull(); // 2→3 gains 9.33 (upper end 16.9 ≥ 2.1)
    const step = (from: number, estimate: number, half: number) => ({
      from, to: from + 1, perUnit: { estimate, ciLow: estimate - half, ciHigh: estimate + half }, n: 3,
      gains: estimate - half > 0,
    });
    // the staffing sweep's tail: best 218; 10→11 reaches 39 (≥ 21.8), 11→12 at most 13.4 → flattens at 11
    expect(flatteningLevel([step(1, 218, 2), step(9, 75.7, 50), step(10, 22.7, 16.4), step(11, 9.5, 3.9)])).toBe(11);
  });

  it('names the cheapest level whose whole interval meets the target (hand: level 3, share 0.62 ± 0.05)', () => {
    const f = sweepFindings(m, records(), 'priority_greedy')!;
    expect(f.metric).toBe(HOME);
    expect(f.target?.cheapest).toBe(3); // level 2: mean 0.49, below 0.5 already
    expect(f.lines.join('\n')).toMatch(/flattens at program\.nurses = 3/);
    expect(f.lines.join('\n')).toMatch(/cheapest level meeting the target home_share >= 0.5: program\.nurses = 3/);
  });
});

describe('sweep summaries', () => {
  it('report p5/p50/p95 with the R-7 rule (hand: 1..5 → 1.2, 3, 4.8)', () => {
    const q = quantiles3([5, 1, 4, 2, 3]);
    expectClose(q[0], 1.2, { abs: 1e-12 });
    expect(q[1]).toBe(3);
    expectClose(q[2], 4.8, { abs: 1e-12 });
    const m = gridManifest();
    const s = summarizePoints(m, records())[1]!.metrics[HOME]!; // 30, 31, 35
    expectClose(s.p50, 31, { abs: 1e-12 });
    expectClose(s.p95, 31 + 0.9 * 4, { abs: 1e-12 });
  });
});

describe('dedupeWarnings', () => {
  it('lists a warning once whatever its per-seed figures, with how many runs had it', () => {
    const out = dedupeWarnings([
      ['simulate: clinic chairs are short: extra sessions add 12% to the regular chair-hours', 'same everywhere'],
      ['simulate: clinic chairs are short: extra sessions add 15% to the regular chair-hours', 'same everywhere'],
      ['same everywhere'],
    ]);
    expect(out).toEqual([
      'simulate: clinic chairs are short: extra sessions add 12% to the regular chair-hours'
        + ' (in 2 of 3 runs; figures vary by run)',
      'same everywhere',
    ]);
  });
});

describe('Sobol indices on the sweep path (sobol design → summaries → indices) against Ishigami', () => {
  const A = 7, B = 0.1, PI = Math.PI;
  const V = A ** 2 / 8 + (B * PI ** 4) / 5 + (B ** 2 * PI ** 8) / 18 + 0.5;
  const V1 = (1 + (B * PI ** 4) / 5) ** 2 / 2, V2 = A ** 2 / 8, V13 = B ** 2 * PI ** 8 * (1 / 18 - 1 / 50);
  const FIRST = [V1 / V, V2 / V, 0], TOTAL = [(V1 + V13) / V, V2 / V, V13 / V];

  it('puts the analytic first-order and total indices inside their intervals (n = 2048)', () => {
    const factors: Factor[] = ['x1', 'x2', 'x3'].map((x) => ({
      path: `costs.${x}`, levels: [-PI, PI], lo: -PI, hi: PI, integer: false, base: 0,
    }));
    const points = sobolDesign(factors, 2048, streams(3).stream('sweep/sobol'));
    const m = buildManifest({
      scenario: loaded.scenario, scenarioFile: 's.yaml', design: 'sobol', factors, points, replications: 1,
    });
    const recs: PointRecord[] = points.map((p) => {
      const [x1, x2, x3] = factors.map((f) => p.values[f.path]!) as [number, number, number];
      const f = Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
      return { sweep: 'x', point: p.id, replication: 0, seed: 0, values: p.values, metrics: { f }, warnings: [] };
    });
    const [s] = sweepSensitivity(m, summarizePoints(m, recs), ['f']);
    const r = s!.result;
    for (let i = 0; i < 3; i++) {
      expect(r.first[i]!.ciLow).toBeLessThanOrEqual(FIRST[i]!);
      expect(r.first[i]!.ciHigh).toBeGreaterThanOrEqual(FIRST[i]!);
      expect(r.total[i]!.ciLow).toBeLessThanOrEqual(TOTAL[i]!);
      expect(r.total[i]!.ciHigh).toBeGreaterThanOrEqual(TOTAL[i]!);
      expect(r.total[i]!.ciHigh - r.total[i]!.ciLow).toBeLessThan(0.15); // informative: a wrong layout would miss
    }
  });
});
