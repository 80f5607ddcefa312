import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/close.js';
import { ingestTable } from '../../src/data/ingest.js';
import { InputError } from '../../src/errors.js';
import type { PreprocessSettings } from '../../src/segment/preprocess.js';
import { preprocess } from '../../src/segment/preprocess.js';

/** Means and variances of scaled columns are exact up to rounding. */
const ROUNDING = { abs: 1e-12 };

const BASE: PreprocessSettings = { features: [], exclude: [], scaling: 'zscore', redundancy: 0.9, pca: 0, indicatorScaling: 'mismatch', categoricalWeight: 1 };

function table(csv: string, schema = false) {
  return ingestTable(csv, {
    file: 't.csv', missing: 'keep',
    ...(schema ? { schema: { id: 'patient_id', columns: [{ name: 'dx', type: 'categorical' as const }, { name: 'age', type: 'numeric' as const }, { name: 'flag', type: 'binary' as const }] } } : {}),
  });
}

function issues(f: () => unknown): string[] {
  try { f(); } catch (e) { if (e instanceof InputError) return e.issues.map((i) => `${i.code}:${i.column ?? i.path}`); throw e; }
  return [];
}

describe('preprocess', () => {
  it('z-scores numeric columns (mean 0, population sd 1) and imputes the median', () => {
    const { table: t, report } = table('patient_id,a,b\np1,1,10\np2,2,\np3,3,30\np4,4,40\n');
    const fm = preprocess(t, { ...BASE, redundancy: 1 }, { inferredTypes: report.inferredTypes });
    expect(fm.names).toEqual(['a', 'b']);
    const a = [0, 1, 2, 3].map((i) => fm.data[i * 2]!);
    expectClose(a.reduce((s, v) => s + v, 0), 0, ROUNDING);
    expectClose(a.reduce((s, v) => s + v * v, 0) / 4, 1, ROUNDING);
    // b's missing value takes the median of 10, 30, 40 = 30, so rows 2 and 3 coincide on b
    expectClose(fm.data[1 * 2 + 1]!, fm.data[2 * 2 + 1]!, ROUNDING);
  });

  it('one-hot indicators with mismatch scaling put two different categories at squared distance 2·weight', () => {
    const { table: t } = table('patient_id,dx,age,flag\np1,a,70,0\np2,b,71,1\np3,c,72,0\np4,a,73,0\n', true);
    for (const w of [1, 2]) {
      const fm = preprocess(t, { ...BASE, features: ['dx'], categoricalWeight: w });
      const d = fm.d;
      let sq = 0;
      for (let f = 0; f < d; f++) sq += (fm.data[0 * d + f]! - fm.data[1 * d + f]!) ** 2;
      expectClose(sq, 2 * w, ROUNDING);
    }
    const flag = preprocess(t, { ...BASE, features: ['flag'] });
    expectClose((flag.data[0]! - flag.data[1]!) ** 2, 2, ROUNDING);
  });

  it('drops a numeric column collinear with an earlier one and says why', () => {
    const { table: t } = table('patient_id,units,hours,other\np1,1,2.1,5\np2,2,4.0,3\np3,3,6.1,9\np4,4,8.0,1\n');
    const fm = preprocess(t, BASE);
    expect(fm.columns).toEqual(['units', 'other']);
    expect(fm.dropped[0]!.reason).toMatch(/redundant with units/);
  });

  it('PCA keeps the requested components and reports the variance kept', () => {
    const { table: t } = table('patient_id,a,b,c\np1,1,2,0\np2,2,4,1\np3,3,6,0\np4,4,8.5,1\n');
    const fm = preprocess(t, { ...BASE, redundancy: 1, pca: 2 });
    expect(fm.names).toEqual(['PC1', 'PC2']);
    expect(fm.varianceKept).toBeGreaterThan(0.99);
  });

  it('drops a constant column and an all-missing column with a warning naming each; a text column without a schema is an error', () => {
    const { table: t, report } = table('patient_id,const,empty,city,x\np1,5,,Rome,1\np2,5,,Oslo,2\np3,5,,Rome,3\n');
    expect(issues(() => preprocess(t, BASE, { inferredTypes: report.inferredTypes }))).toEqual(['non_numeric_feature:city']);
    const fm = preprocess(t, { ...BASE, exclude: ['city'] }, { inferredTypes: report.inferredTypes });
    expect(fm.columns).toEqual(['x']);
    expect(fm.warnings).toEqual(['column const dropped: constant: it cannot separate rows', 'column empty dropped: every value is missing']);
  });

  it('drops a column missing in more than half the rows, a near-constant one and an id-like one; keeps a continuous all-distinct one', () => {
    // 100 rows: miss has 55 missing (55% > 50%), rare is 1 in 5 rows (95% one value < 99%: kept), near differs in
    // one row (99%: dropped), code is integer and all distinct (id-like), x is continuous and all distinct
    const rows = Array.from({ length: 100 }, (_, i) => `p${i},${i < 55 ? '' : i},${i < 5 ? 1 : 0},${i === 3 ? 7 : 2},${1000 + 7 * i},${(i * 0.37) % 5}`);
    const { table: t } = table(['patient_id,miss,rare,near,code,x', ...rows].join('\n') + '\n');
    const fm = preprocess(t, BASE);
    expect(fm.columns).toEqual(['rare', 'x']);
    expect(fm.dropped.map((c) => c.column)).toEqual(['miss', 'near', 'code']);
    expect(fm.warnings[0]).toBe('column miss dropped: 55% of values missing (more than 50%)');
  });

  it('refuses when every column is unusable, naming the dropped ones', () => {
    const { table: t } = table('patient_id,a,b\np1,5,\np2,5,\np3,5,\n');
    expect(() => preprocess(t, BASE)).toThrow(/no feature columns left to cluster on; dropped a \(constant.*b \(every value is missing\)/);
  });

  it('rejects unknown feature names; unknown exclusions only when the user named them', () => {
    const { table: t } = table('patient_id,a,b\np1,1,2\np2,2,1\np3,3,5\n');
    expect(issues(() => preprocess(t, { ...BASE, features: ['a', 'nope'] }))).toEqual(['unknown_column:nope']);
    expect(preprocess(t, { ...BASE, exclude: ['abo_rh'] }).columns).toEqual(['a', 'b']);
    expect(issues(() => preprocess(t, { ...BASE, exclude: ['abo_rh'] }, { explicitExclude: true }))).toEqual(['unknown_column:abo_rh']);
  });
});
