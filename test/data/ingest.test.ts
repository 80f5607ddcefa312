import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { ingestTable } from '../../src/data/ingest.js';
import type { TableSchema } from '../../src/data/schema.js';
import { getColumn } from '../../src/data/table.js';

const schema: TableSchema = {
  id: 'patient_id',
  columns: [
    { name: 'hb_pre_mean_g_dl', type: 'numeric', unit: 'g/dL', min: 3, max: 14 },
    { name: 'distance_km', type: 'numeric', unit: 'km', min: 0, max: 1000 },
    { name: 'diagnosis', type: 'categorical', categories: ['mds', 'thalassaemia'] },
    { name: 'lives_alone', type: 'binary' },
  ],
};
const header = 'patient_id,hb_pre_mean_g_dl,distance_km,diagnosis,lives_alone';

function issuesOf(text: string, opts: Partial<Parameters<typeof ingestTable>[1]> = {}): string[] {
  try {
    ingestTable(text, { file: 'in.csv', schema, ...opts });
  } catch (e) {
    if (e instanceof InputError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('ingestTable(text, {file, schema}) rejects bad input, naming file, row and column', () => {
  it('empty file', () => {
    expect(issuesOf('')).toEqual(['in.csv: file is empty']);
    expect(issuesOf('\ufeff \n')).toEqual(['in.csv: file is empty']);
  });
  it('header only', () => {
    expect(issuesOf(`${header}\n`)).toEqual(['in.csv: file has a header but no data rows']);
  });
  it('missing id column', () => {
    expect(issuesOf('id,hb_pre_mean_g_dl\n1,8\n')[0]).toMatch(/^in\.csv, column patient_id: id column "patient_id" not found/);
  });
  it('duplicate ids (named by row, never by the id itself)', () => {
    const lines = issuesOf(`${header}\nA,8,10,mds,0\nB,8,10,mds,0\nA,8,10,mds,0\n`);
    expect(lines).toEqual(['in.csv, row 4, column patient_id: duplicate id (first seen on row 2)']);
  });
  it('non-numeric in a numeric column', () => {
    expect(issuesOf(`${header}\nA,8,far,mds,0\n`)).toEqual(['in.csv, row 2, column distance_km: not a number in a numeric column (value "far")']);
  });
  it('values out of range: negative distance, Hb of 45', () => {
    expect(issuesOf(`${header}\nA,8,-3,mds,0\nB,45,10,mds,0\n`)).toEqual([
      'in.csv, row 2, column distance_km: out of range [0, 1000] km (value "-3")',
      'in.csv, row 3, column hb_pre_mean_g_dl: out of range [3, 14] g/dL (value "45")',
    ]);
  });
  it('unknown category', () => {
    expect(issuesOf(`${header}\nA,8,10,leukaemia,0\n`)[0]).toMatch(/^in\.csv, row 2, column diagnosis: unknown category; allowed: mds, thalassaemia \(value "leukaemia"\)$/);
  });
  it('ragged rows', () => {
    expect(issuesOf(`${header}\nA,8,10,mds\nB,8,10,mds,0,extra\n`)).toEqual([
      'in.csv, row 2: row has 4 fields, header has 5',
      'in.csv, row 3: row has 6 fields, header has 5',
    ]);
  });
  it('binary column with values other than 0/1/yes/no', () => {
    expect(issuesOf(`${header}\nA,8,10,mds,maybe\n`)).toEqual(['in.csv, row 2, column lives_alone: binary column takes 0/1/yes/no/true/false (value "maybe")']);
  });
  it('a required schema column missing from the header', () => {
    expect(issuesOf('patient_id,hb_pre_mean_g_dl,distance_km,diagnosis\nA,8,10,mds\n')).toContain('in.csv, column lives_alone: required column is missing from the header');
  });
  it('lists at most 20 problems, then a count', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `P${i},8,x,mds,0`).join('\n');
    const lines = issuesOf(`${header}\n${rows}\n`);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('... and 10 more problems');
  });
  it('unterminated quote is reported as malformed CSV', () => {
    expect(issuesOf(`${header}\nA,8,10,"mds,0\n`)[0]).toMatch(/^in\.csv.*malformed CSV/);
  });
});

describe('ingestTable reads the dialects analysts hand over', () => {
  it('semicolons with decimal commas, BOM, CRLF and quoted fields', () => {
    const text = '\ufeffpatient_id;hb_pre_mean_g_dl;distance_km;diagnosis;lives_alone\r\n"A";7,5;12;"mds";yes\r\nB;8;3,25;thalassaemia;no\r\n';
    const { table } = ingestTable(text, { file: 'x.csv', schema });
    expect(table.ids).toEqual(['A', 'B']);
    const hb = getColumn(table, 'hb_pre_mean_g_dl');
    const d = getColumn(table, 'distance_km');
    const alone = getColumn(table, 'lives_alone');
    expect(hb.kind === 'numeric' && Array.from(hb.values)).toEqual([7.5, 8]);
    expect(d.kind === 'numeric' && Array.from(d.values)).toEqual([12, 3.25]);
    expect(alone.kind === 'binary' && Array.from(alone.values)).toEqual([1, 0]);
  });

  it('infers types without a schema and honours --id', () => {
    const { table, report } = ingestTable('mrn,age,smoker,ward\nx1,70,0,A\nx2,65,1,B\nx3,,1,A\n', { file: 'u.csv', idColumn: 'mrn' });
    expect(table.idColumn).toBe('mrn');
    expect(report.inferredTypes).toEqual({ age: 'numeric', smoker: 'binary', ward: 'categorical' });
    const age = getColumn(table, 'age');
    // impute is the default: the median of 70 and 65
    expect(age.kind === 'numeric' && age.values[2]).toBe(67.5);
    expect(report.imputedByColumn).toEqual({ age: 1 });
  });

  it('drops rows with missing values when asked, and counts them', () => {
    const { table, report } = ingestTable(`${header}\nA,8,,mds,0\nB,8,10,,1\nC,8,10,mds,1\n`, { file: 'x.csv', schema, missing: 'drop' });
    expect(table.ids).toEqual(['C']);
    expect(report.rowsDropped).toBe(2);
    expect(report.missingByColumn).toMatchObject({ distance_km: 1, diagnosis: 1 });
  });

  it('imputes the mode for categorical columns', () => {
    const { table } = ingestTable(`${header}\nA,8,1,mds,0\nB,8,1,mds,0\nC,8,1,NA,0\n`, { file: 'x.csv', schema });
    const dx = getColumn(table, 'diagnosis');
    expect(dx.kind === 'categorical' && dx.levels[dx.codes[2]!]).toBe('mds');
  });
});

describe('schema YAML round trip', () => {
  it('schemaToYaml(COHORT_SCHEMA) reads back as the same schema', async () => {
    const { schemaToYaml } = await import('../../src/data/schemaYaml.js');
    const { COHORT_SCHEMA, schemaFileSchema, schemaFromFile } = await import('../../src/data/schema.js');
    const { parse } = await import('yaml');
    const back = schemaFromFile(schemaFileSchema.parse(parse(schemaToYaml(COHORT_SCHEMA))));
    expect(back).toEqual({ id: COHORT_SCHEMA.id, columns: COHORT_SCHEMA.columns.map((c) => ({ ...c, categories: c.categories ? [...c.categories] : undefined })).map((c) => JSON.parse(JSON.stringify(c)) as object) });
  });
});
