/**
 * Silent corruption: numbers a double cannot hold, ±Infinity and NaN are errors (with or without a schema),
 * and column names that are also JavaScript prototype keys survive as plain data.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ingestTable } from '../../src/data/ingest.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { cohortRows, csvText } from './fixtures.js';

function issuesOf(text: string): string[] {
  try {
    ingestTable(text, { file: 'x.csv' });
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${i.code} row ${i.row} ${i.column}`);
    throw e;
  }
  return [];
}

describe('overflow, infinity and NaN are errors', () => {
  for (const token of ['1e400', '-1e400', 'Infinity', '-inf', 'NaN', 'nan']) {
    it(`"${token}" in an inferred numeric column → not_finite on its row`, () => {
      expect(issuesOf(`patient_id,age,w\nA,70,1\nB,${token},2\nC,60,3\n`)).toEqual(['not_finite row 3 age']);
    });
  }

  it('the CLI exits 2 on 1e400 with the built-in schema and without one; nothing written', () => {
    const dir = tempDir('rel-corrupt-');
    const rows = cohortRows();
    rows[4]![1] = '1e400';
    const data = join(dir, 'big.csv');
    writeFileSync(data, csvText(rows));
    for (const schema of [['--schema', 'builtin'], ['--exclude', 'sex,diagnosis,abo_rh']]) {
      const r = runCli(['segment', '--data', data, ...schema, '--k', '2', '--out', join(dir, 'seg')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/big\.csv, row 5, column age: infinite, NaN or beyond the range/);
    }
  });
});

describe('column names are plain data', () => {
  it('__proto__, constructor and toString columns keep their values through ingest and segment profiles', () => {
    const { table, report } = ingestTable('patient_id,__proto__,constructor,toString\nA,1.5,2,3\nB,2.5,,4\nC,3.5,4,5\n', { file: 'x.csv' });
    expect(table.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.keys(report.missingByColumn)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(report.missingByColumn['constructor']).toBe(1);
    expect(report.imputedByColumn['constructor']).toBe(1);
    expect(Object.keys(report.inferredTypes)).toEqual(['__proto__', 'constructor', 'toString']);

    const dir = tempDir('rel-proto-');
    const rows = cohortRows();
    rows.forEach((r, i) => r.push(i === 0 ? '__proto__' : String(i % 5), i === 0 ? 'constructor' : String(i % 3)));
    const data = join(dir, 'proto.csv');
    writeFileSync(data, csvText(rows));
    const out = join(dir, 'seg');
    const r = runCli(['segment', '--data', data, '--exclude', 'sex,diagnosis,abo_rh', '--k', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const seg = JSON.parse(readFileSync(join(out, 'segmentation.json'), 'utf8')) as { profiles: { numeric: Record<string, unknown> }[] };
    for (const p of seg.profiles) {
      expect(Object.keys(p.numeric)).toContain('__proto__');
      expect(Object.keys(p.numeric)).toContain('constructor');
    }
  });
});
