import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import type { Column, PatientTable } from '../../src/data/table.js';
import { streams } from '../../src/random/index.js';
import { applyRules } from '../../src/rules/apply.js';
import { learnRules } from '../../src/rules/learn.js';
import { ruleMetrics } from '../../src/rules/metrics.js';
import { conditionCount } from '../../src/rules/text.js';
import { rulesSection } from '../../src/scenario/sections/rules.js';
import { expectClose } from '../helpers/close.js';
import { expectHonestComparison } from './comparison.js';

/** Ratios in rules.json are rounded to 6 decimals (METRIC_DECIMALS). */
const METRIC_TOL = { abs: 1e-6 };

// Acceptance run: the synthetic cohort with its truth archetypes as segments. Bootstrap off to keep the suite lean
// (stability has its own test); n = 3000 gives ≈ 900 held-out patients, ≈ 90 in the smallest segment.
const N = 3000;
const cohort = synthesizeCohort(N, streams(42));
const settings = rulesSection.parse({ bootstrap: 0 });
const doc = learnRules(cohort.table, cohort.archetypes, settings, streams(42).child('rules'));

describe('learnRules on the synthetic cohort (truth archetypes as segments)', () => {
  it('median held-out F1 ≥ 0.85 with ≤ 3 conditions per term', () => {
    const f1 = doc.rules.map((r) => r.metrics.holdout!.f1).sort((a, b) => a - b);
    const median = (f1[2]! + f1[3]!) / 2;
    expect(doc.rules).toHaveLength(6);
    expect(median).toBeGreaterThanOrEqual(0.85);
    for (const r of doc.rules) for (const t of r.terms) expect(conditionCount(t)).toBeLessThanOrEqual(3);
  });

  it('on every segment, the recommended rule is the simpler learner unless the other is better beyond the interval', () => {
    for (const r of doc.rules) expectHonestComparison(r);
  });

  it('reported metrics match an independent application of the rules document', () => {
    // Round-trip through JSON, apply with applyRules, recount with the held-out split rebuilt from the counts.
    const parsed = JSON.parse(JSON.stringify(doc)) as typeof doc;
    const m = applyRules(parsed, cohort.table);
    parsed.rules.forEach((r, k) => {
      const match = m.matches[k]!;
      let support = 0;
      let tp = 0;
      let size = 0;
      match.forEach((x, i) => {
        const own = cohort.archetypes[i] === r.segment;
        if (own) size++;
        if (x) { support++; if (own) tp++; }
      });
      // Fit + held-out counts add up to counts over the whole cohort.
      const tr = r.metrics.train;
      const ho = r.metrics.holdout!;
      expect(tr.support + ho.support).toBe(support);
      expect(tr.true_positives + ho.true_positives).toBe(tp);
      expect(tr.segment_size + ho.segment_size).toBe(size);
      expectClose(ho.recall, ho.true_positives / ho.segment_size, METRIC_TOL);
      expectClose(ho.precision, ho.true_positives / ho.support, METRIC_TOL);
      expectClose(ho.f1, (2 * ho.true_positives) / (ho.support + ho.segment_size), METRIC_TOL);
      expectClose(ho.lift, ho.precision / (ho.segment_size / ho.patients), { abs: 1e-5 });
      expect(ho.captured_from.reduce((a, c) => a + c.count, 0)).toBe(ho.false_positives);
    });
  });

  it('metrics on a known held-out set equal ruleMetrics recomputed from scratch', () => {
    const names = [...new Set(cohort.archetypes)].sort();
    const codes = Int32Array.from(cohort.archetypes, (a) => names.indexOf(a));
    const all = Int32Array.from({ length: N }, (_, i) => i);
    const m = applyRules(doc, cohort.table);
    doc.rules.forEach((r, k) => {
      const whole = ruleMetrics(m.matches[k]!, codes, names.indexOf(r.segment), all, names);
      expect(whole.true_positives).toBe(r.metrics.train.true_positives + r.metrics.holdout!.true_positives);
    });
  });
});

/** A table with one planted rule: segment "target" ⇔ distance_km ≥ 25 AND alloantibodies = 0. */
function plantedTable(n: number): { table: PatientTable; labels: string[] } {
  const rng = streams(5).stream('planted');
  const distance = new Float64Array(n);
  const allo = new Float64Array(n);
  const noise = new Float64Array(n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    distance[i] = Math.round(rng.next() * 800) / 10; // 0–80 km, 0.1 km steps
    allo[i] = rng.next() < 0.3 ? 1 : 0;
    noise[i] = rng.next() * 100;
    labels.push(distance[i]! >= 25 && allo[i] === 0 ? 'target' : 'other');
  }
  const columns: Column[] = [
    { kind: 'numeric', name: 'distance_km', unit: 'km', values: distance },
    { kind: 'binary', name: 'alloantibodies', values: allo },
    { kind: 'numeric', name: 'noise', values: noise },
  ];
  return { table: { idColumn: 'patient_id', ids: labels.map((_, i) => `x${i}`), columns }, labels };
}

describe('learnRules on a planted rule', () => {
  it('recovers distance_km ≥ 25 AND alloantibodies = 0 exactly (F1 = 1), with readable thresholds', () => {
    const { table, labels } = plantedTable(1500);
    const d = learnRules(table, labels, rulesSection.parse({ bootstrap: 5 }), streams(1).child('rules'));
    const target = d.rules.find((r) => r.segment === 'target')!;
    expect(target.terms).toHaveLength(1);
    expect([...target.terms[0]!].sort((a, b) => (a.feature < b.feature ? -1 : 1))).toEqual([
      { feature: 'alloantibodies', op: '==', value: 0 },
      { feature: 'distance_km', op: '>=', value: 25 },
    ]);
    expect(target.metrics.holdout!.f1).toBe(1);
    expect(target.text).toMatch(/distance_km ≥ 25 km/);
    // Stability: with a noise-free boundary every refit finds both conditions.
    const st = target.stability!;
    expect(st.refits).toBe(5);
    for (const c of st.conditions) expect(c.reappearance).toBe(1);
    expect(st.conditions.find((c) => c.feature === 'distance_km')!.threshold!.median).toBe(25);
  });

  it('same seed → identical document; another seed → a different held-out split', () => {
    const small = synthesizeCohort(600, streams(3));
    const s = rulesSection.parse({ bootstrap: 3 });
    const a = JSON.stringify(learnRules(small.table, small.archetypes, s, streams(9).child('rules')));
    const b = JSON.stringify(learnRules(small.table, small.archetypes, s, streams(9).child('rules')));
    const c = JSON.stringify({ ...learnRules(small.table, small.archetypes, s, streams(10).child('rules')), seed: 9 });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});

describe('learnRules weighted by confidence', () => {
  it('describes the segment core when peripheral members have low confidence', () => {
    // Core: x ≥ 25 (confidence 1). Periphery: 80% of 15 ≤ x < 25 also labelled "target" but with confidence 0.05.
    // Unweighted F1 prefers x ≥ 15 (hand: 0.98 vs 0.93); weighted prefers x ≥ 25 (0.996 vs 0.98).
    const n = 2000;
    const rng = streams(8).stream('core');
    const x = new Float64Array(n);
    const labels: string[] = [];
    const confidence = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = Math.round(rng.next() * 800) / 10;
      const periphery = x[i]! >= 15 && x[i]! < 25;
      const inSegment = x[i]! >= 25 || (periphery && rng.next() < 0.8);
      labels.push(inSegment ? 'target' : 'other');
      confidence[i] = periphery && inSegment ? 0.05 : 1;
    }
    const t: PatientTable = { idColumn: 'patient_id', ids: labels.map((_, i) => `c${i}`), columns: [{ kind: 'numeric', name: 'x', values: x }] };
    const base = { bootstrap: 0, holdout: 0, max_terms: 1, baselines: false };
    const rule = (weighted: boolean): unknown => learnRules(t, labels, rulesSection.parse({ ...base, weight_by_confidence: weighted }), streams(1).child('rules'), { confidence })
      .rules.find((r) => r.segment === 'target')!.terms;
    expect(rule(true)).toEqual([[{ feature: 'x', op: '>=', value: 25 }]]);
    expect(rule(false)).toEqual([[{ feature: 'x', op: '>=', value: 15 }]]);
  });
});

describe('learnRules with a one-patient segment (a clustering outcome)', () => {
  it('warns and gives that segment no rule instead of failing', () => {
    const small = synthesizeCohort(400, streams(6));
    const labels = [...small.archetypes];
    labels[0] = 'singleton';
    const d = learnRules(small.table, labels, rulesSection.parse({ bootstrap: 0 }), streams(1).child('rules'));
    const single = d.rules.find((r) => r.segment === 'singleton')!;
    expect(single.terms).toEqual([]);
    expect(d.warnings).toContain('segment singleton has 1 patient; too few to describe, no rule');
    expect(d.rules.filter((r) => r.terms.length > 0)).toHaveLength(6);
  });
});
