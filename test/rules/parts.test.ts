import { describe, expect, it } from 'vitest';
import { ingestTable } from '../../src/data/ingest.js';
import type { Column, PatientTable } from '../../src/data/table.js';
import { InputError } from '../../src/errors.js';
import { matchTerms } from '../../src/rules/apply.js';
import { cartRule, sortColumns } from '../../src/rules/cart.js';
import { prepareFeatures } from '../../src/rules/features.js';
import { immRules, segmentCentres } from '../../src/rules/imm.js';
import { alignSegments } from '../../src/rules/labels.js';
import { ruleMetrics } from '../../src/rules/metrics.js';
import { snapThreshold } from '../../src/rules/snap.js';
import { rankTargets } from '../../src/rules/target.js';
import { expectClose } from '../helpers/close.js';

const table = (cols: Column[]): PatientTable => ({ idColumn: 'patient_id', ids: Array.from({ length: (cols[0] as { values: Float64Array }).values.length }, (_, i) => `p${i}`), columns: cols });
const num = (name: string, xs: number[]): Column => ({ kind: 'numeric', name, values: Float64Array.from(xs) });

describe('snapThreshold(t, halfWidth)', () => {
  it('moves a cut to the roundest number within the window (hand-checked)', () => {
    expect(snapThreshold(24.73, 2.5)).toBe(25); // 20 and 30 are > 2.5 away; 25 is a multiple of 5
    expect(snapThreshold(0.83, 0.045)).toBe(0.8);
    expect(snapThreshold(1834, 150)).toBe(1800);
    expect(snapThreshold(3.465, 0.13)).toBe(3.5);
    expect(snapThreshold(7.13, 0)).toBe(7.13); // empty window: unchanged
  });
});

describe('ruleMetrics(match, codes, s, rows, names)', () => {
  it('counts support, recall, precision, F1, lift and wrongly captured segments', () => {
    // 10 rows: segment 0 = rows 0–3; rule matches rows 0, 1, 2, 5, 6 (6 is segment 2). Hand: tp 3, fp 2, fn 1.
    const codes = Int32Array.from([0, 0, 0, 0, 1, 1, 2, 2, 1, 2]);
    const match = Uint8Array.from([1, 1, 1, 0, 0, 1, 1, 0, 0, 0]);
    const m = ruleMetrics(match, codes, 0, Int32Array.from({ length: 10 }, (_, i) => i), ['a', 'b', 'c']);
    expect([m.support, m.true_positives, m.false_positives, m.false_negatives]).toEqual([5, 3, 2, 1]);
    expect(m.recall).toBe(0.75);
    expect(m.precision).toBe(0.6);
    expectClose(m.f1, 6 / 9, { abs: 1e-6 });
    expect(m.lift).toBe(1.5); // 0.6 / (4 / 10)
    expect(m.captured_from).toEqual([{ segment: 'b', count: 1 }, { segment: 'c', count: 1 }]);
  });
});

describe('cartRule (one-vs-rest Gini tree)', () => {
  it('splits at the midpoint between neighbouring values and ORs the positive leaves', () => {
    // Segment = x ≥ 10 OR y ≥ 5: depth 2 tree recovers both boxes; thresholds at midpoints 9.5 / 4.5 (hand).
    const xs: number[] = [];
    const ys: number[] = [];
    const pos: number[] = [];
    for (let x = 0; x < 20; x++) for (let y = 0; y < 10; y++) { xs.push(x); ys.push(y); pos.push(x >= 10 || y >= 5 ? 1 : 0); }
    const t = table([num('x', xs), num('y', ys)]);
    const fit = Int32Array.from(xs.map((_, i) => i));
    const features = prepareFeatures(t, ['x', 'y'], fit, Int32Array.from(pos), 2, 4, []);
    const terms = cartRule(t, features, sortColumns(t, features, fit), fit, new Float64Array(xs.length).fill(1), Uint8Array.from(pos), 2);
    const match = matchTerms(terms, t);
    expect([...match]).toEqual(pos);
    expect([...new Set(terms.flat().map((c) => c.value))].sort()).toEqual([4.5, 9.5]);
  });
});

describe('immRules (threshold tree on centres)', () => {
  it('separates three centres with two cuts that make the fewest mistakes', () => {
    // Segments at x ≈ 0, 10, 20 (spread ±2), y pure noise: every cut is on x, between the centres.
    const xs: number[] = [];
    const ys: number[] = [];
    const codes: number[] = [];
    for (let s = 0; s < 3; s++) for (let k = 0; k < 50; k++) { xs.push(10 * s + ((k % 5) - 2)); ys.push((k * 7) % 11); codes.push(s); }
    const t = table([num('x', xs), num('y', ys)]);
    const fit = Int32Array.from(xs.map((_, i) => i));
    const c = Int32Array.from(codes);
    const features = prepareFeatures(t, ['x', 'y'], fit, c, 3, 10, []);
    const rules = immRules(features, segmentCentres(t, features, fit, c, ['a', 'b', 'c']), fit, c, 3);
    rules.forEach((terms, s) => {
      expect(terms.flat().every((cond) => cond.feature === 'x')).toBe(true);
      const m = matchTerms(terms, t);
      codes.forEach((code, i) => expect(m[i]).toBe(code === s ? 1 : 0));
    });
  });
});

describe('rankTargets', () => {
  it('scores segments by weighted standardised means (hand-computed)', () => {
    // distance: segment a = [10, 10], b = [30, 30]; mean 20, sd = sqrt(400/3) = 11.547. z_a = −0.866, z_b = +0.866.
    const t = table([num('distance_km', [10, 10, 30, 30])]);
    const codes = Int32Array.from([0, 0, 1, 1]);
    const fake = (segment: string) => ({ segment, terms: [], text: 'x', metrics: { train: { recall: 1, precision: 1, f1: 1, lift: 2, captured_from: [] } as never, holdout: null }, stability: null, comparison: null, baseline: { imm: null } });
    const r = rankTargets(t, codes, ['a', 'b'], [fake('a'), fake('b')], { prefer: { distance_km: 'high' }, groups: 1 }, {});
    expect(r.chosen).toEqual(['b']);
    expectClose(r.ranking[0]!.score, 0.866025, { abs: 1e-6 });
    expect(r.recommendation[0]).toMatch(/^Target group: b \(2 patients, 50% of the cohort\)\. Refer patients with x\./);
    expect(() => rankTargets(t, codes, ['a', 'b'], [fake('a'), fake('b')], { prefer: { nope: 'low' }, groups: 1 }, {})).toThrow(/rules\.target\.prefer\.nope: no such column/);
  });
});

describe('alignSegments(text, file, table)', () => {
  const { table: data } = ingestTable('patient_id,x\np1,1\np2,2\np3,3\np4,4\n', { file: 'data.csv' });
  it('accepts any second column as the segment and reads confidence, aligned to data rows', () => {
    const l = alignSegments('patient_id,archetype\np3,b\np1,a\np4,b\np2,a\n', 'truth.csv', data);
    expect(l.labels).toEqual(['a', 'a', 'b', 'b']);
    expect(l.column).toBe('archetype');
    const c = alignSegments('patient_id,segment,confidence\np1,a,0.5\np2,a,1\np3,b,0.75\np4,b,0\n', 's.csv', data);
    expect([...c.confidence!]).toEqual([0.5, 1, 0.75, 0]);
  });
  it('rejects a confidence outside [0, 1] and a duplicate id, naming rows only', () => {
    expect(() => alignSegments('patient_id,segment,confidence\np1,a,2\np2,a,1\np3,b,1\np4,b,1\n', 's.csv', data)).toThrow(/s\.csv, row 2, column confidence: confidence must be a number in \[0, 1\]/);
    expect(() => alignSegments('patient_id,segment\np1,a\np1,a\np2,a\np3,b\np4,b\n', 's.csv', data)).toThrow(InputError);
  });
});
