/**
 * `carestrata extract` on bad input: exit 2, one line naming the table, row and column, nothing written, no
 * person id in any message. Person ids in these copies of the fixture are 4242001…4242005 so a leak is
 * visible. Also: pseudonyms and date shifts.
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/omop5');

/** A copy of the fixture with every person_id shifted by 4242000. */
function fixtureCopy(): string {
  const dir = tempDir('carestrata-omop-');
  cpSync(FIXTURE, dir, { recursive: true });
  for (const f of readdirSync(dir)) {
    const lines = readFileSync(join(dir, f), 'utf8').trimEnd().split('\n');
    const j = lines[0]!.split(',').indexOf('person_id');
    if (j < 0) continue;
    const out = lines.map((l, i) => (i === 0 ? l : l.split(',').map((c, k) => (k === j ? String(4242000 + Number(c)) : c)).join(',')));
    writeFileSync(join(dir, f), out.join('\n') + '\n');
  }
  return dir;
}

function appendRow(dir: string, file: string, row: string): number {
  const text = readFileSync(join(dir, file), 'utf8');
  writeFileSync(join(dir, file), text + row + '\n');
  return text.trimEnd().split('\n').length + 1; // file row of the new line (header is row 1)
}

function extractBad(dir: string, extra: string[] = []): { stderr: string; out: string } {
  const out = join(tempDir('carestrata-out-'), 'cohort.csv');
  const r = runCli(['extract', '--omop', dir, '--as-of', '2025-06-30', '--out', out, ...extra]);
  expect(r.code).toBe(2);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(join(out, '..'))).toEqual([]);
  expect(r.stderr).not.toMatch(/42420/);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
  return { stderr: r.stderr, out };
}

describe('carestrata extract: bad input → exit 2, nothing written, no ids', () => {
  it('a missing required table names the table', () => {
    const dir = fixtureCopy();
    rmSync(join(dir, 'measurement.csv'));
    expect(extractBad(dir).stderr).toMatch(/measurement\.csv: required OMOP table measurement not found/);
  });

  it('a value of the wrong type names table, row and column', () => {
    const dir = fixtureCopy();
    const row = appendRow(dir, 'measurement.csv', '99,4242001,3000963,yesterday,7.1,718-7,');
    expect(extractBad(dir).stderr).toMatch(new RegExp(`measurement\\.csv, row ${row}, column measurement_date: table measurement: value is not a date`));
  });

  it('events of a person not in person name the row and person_id column', () => {
    const dir = fixtureCopy();
    const row = appendRow(dir, 'condition_occurrence.csv', '99,987654,0,2024-01-01,D46');
    const { stderr } = extractBad(dir);
    expect(stderr).toMatch(new RegExp(`condition_occurrence\\.csv, row ${row}, column person_id: table condition_occurrence: person not in table person`));
    expect(stderr).not.toMatch(/987654/);
  });

  it('a date before birth names the row and date column', () => {
    const dir = fixtureCopy();
    const row = appendRow(dir, 'procedure_occurrence.csv', '99,4242002,0,1989-12-31,1,116863004');
    expect(extractBad(dir).stderr).toMatch(new RegExp(`procedure_occurrence\\.csv, row ${row}, column procedure_date: .*before the person's birth`));
  });

  it('an unknown concept-file key names its YAML path', () => {
    const dir = fixtureCopy();
    const concepts = join(dir, 'concepts.yaml');
    const text = readFileSync(resolve(import.meta.dirname, '../../src/extract/concepts.yaml'), 'utf8');
    writeFileSync(concepts, text.replace('  hb:\n', '  hbb: { codes: { "718-7": "typo" } }\n  hb:\n'));
    expect(extractBad(dir, ['--concepts', concepts]).stderr).toMatch(/concepts\.yaml, events\.hbb: unknown key/);
  });
});

describe('carestrata extract: privacy options', () => {
  it('--pseudonymize writes keyed pseudonyms (the same for the same key) in both files', () => {
    const dir = fixtureCopy();
    const out = join(tempDir(), 'c.csv');
    expect(runCli(['extract', '--omop', dir, '--as-of', '2025-06-30', '--out', out, '--pseudonymize', '--pseudonym-key', 'k']).code).toBe(0);
    const text = readFileSync(out, 'utf8') + readFileSync(out.replace('.csv', '.excluded.csv'), 'utf8');
    expect(text).not.toMatch(/42420/);
    expect(text.match(/^P-[0-9a-f]{12},/gm)).toHaveLength(5);
  });

  it('--shift-dates keeps intervals, units and Hb features of every patient', () => {
    const dir = fixtureCopy();
    const a = join(tempDir(), 'a.csv');
    const b = join(tempDir(), 'b.csv');
    expect(runCli(['extract', '--omop', dir, '--as-of', '2025-06-30', '--out', a]).code).toBe(0);
    expect(runCli(['extract', '--omop', dir, '--as-of', '2025-06-30', '--out', b, '--shift-dates', '--shift-days', '3']).code).toBe(0);
    // ±3 days moves no event of the fixture across a window edge, so the file is the same
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
  });
});

describe('carestrata synth --format omop → extract (the command line end to end)', () => {
  it('extracts every generated patient; counts equal the --truth file exactly', () => {
    const dir = tempDir();
    expect(runCli(['synth', '--format', 'omop', '-n', '40', '--seed', '3', '--out', join(dir, 'omop'), '--truth', join(dir, 'truth.csv')]).code).toBe(0);
    const r = runCli(['extract', '--omop', join(dir, 'omop'), '--as-of', '2025-06-30', '--out', join(dir, 'cohort.csv')]);
    expect(r.code).toBe(0);
    const parse = (f: string) => readFileSync(join(dir, f), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
    const got = parse('cohort.csv');
    const want = parse('truth.csv');
    expect(got[0]).toEqual(want[0]);
    expect(got.map((row) => row[0])).toEqual(want.map((row) => row[0]));
    for (const col of ['age', 'sex', 'diagnosis', 'episodes_12m', 'units_12m', 'charlson_index', 'ed_visits_12m', 'reactions_12m']) {
      const j = want[0]!.indexOf(col);
      expect(got.map((row) => row[j]), col).toEqual(want.map((row) => row[j]));
    }
  });
});
