import { describe, expect, it } from 'vitest';
import { checkConfidence, meets, parseTarget } from '../../src/decide/target.js';
import { formatIssues } from '../../src/errors.js';

const MEASURES = ['served_within_14d', 'served_home_share', 'wait_p90_days'];

describe('parseTarget', () => {
  it('parses "served_within_14d >= 0.90" into measure, operator and value', () => {
    expect(parseTarget('served_within_14d >= 0.90', { measures: MEASURES }))
      .toEqual({ ok: true, target: { measure: 'served_within_14d', op: '>=', value: 0.9 } });
  });

  it('accepts every operator with or without spaces', () => {
    for (const op of ['>=', '>', '<=', '<'] as const) {
      const r = parseTarget(`wait_p90_days${op}7`, { measures: MEASURES });
      expect(r).toEqual({ ok: true, target: { measure: 'wait_p90_days', op, value: 7 } });
    }
  });

  it('names an unknown measure and lists the known ones, without throwing', () => {
    const r = parseTarget('served_within_15d >= 0.9', { measures: MEASURES });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = { code: 'unknown_measure', path: '--target', value: 'served_within_15d' };
    expect(r.issues).toEqual([expect.objectContaining(issue)]);
    expect(formatIssues(r.issues)).toBe('--target: unknown measure; known: served_within_14d, served_home_share,'
      + ' wait_p90_days (value "served_within_15d")');
  });

  it('reports a bad operator and a bad number together, at the given path', () => {
    const r = parseTarget('served_within_14d => ninety', { measures: MEASURES, path: 'decide.target' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.code)).toEqual(['bad_operator', 'bad_number']);
    expect(r.issues.every((i) => i.path === 'decide.target')).toBe(true);
  });

  it('reports a missing operator, an empty threshold and a shapeless target', () => {
    const noOp = parseTarget('served_within_14d 0.9', { measures: MEASURES });
    expect(!noOp.ok && noOp.issues.map((i) => i.code)).toEqual(['bad_operator']);
    const noValue = parseTarget('served_within_14d >=', { measures: MEASURES });
    expect(!noValue.ok && noValue.issues.map((i) => i.code)).toEqual(['bad_number']);
    const shapeless = parseTarget('>= 0.9', { measures: MEASURES });
    expect(!shapeless.ok && shapeless.issues.map((i) => i.code)).toEqual(['bad_target']);
  });
});

describe('checkConfidence', () => {
  it('accepts values strictly inside (0, 1) and rejects the ends, outside values and non-numbers', () => {
    expect(checkConfidence(0.95)).toEqual([]);
    for (const bad of [0, 1, 1.2, -0.1, Number.NaN, '0.95']) {
      expect(checkConfidence(bad)).toEqual([expect.objectContaining({ code: 'out_of_range', path: '--confidence' })]);
    }
  });
});

describe('meets', () => {
  it('compares at the threshold as the operator says', () => {
    expect(meets({ op: '>=', value: 0.9 }, 0.9)).toBe(true);
    expect(meets({ op: '>', value: 0.9 }, 0.9)).toBe(false);
    expect(meets({ op: '<=', value: 7 }, 7)).toBe(true);
    expect(meets({ op: '<', value: 7 }, 7)).toBe(false);
  });
});
