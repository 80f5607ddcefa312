/**
 * A blood group outside the eight ABO/Rh groups is bad input (issue 16, item 5): the file, row and column are
 * named, exit 2, nothing written — with the built-in schema and with column types inferred.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestTable } from '../../src/data/ingest.js';
import { InputError } from '../../src/errors.js';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

const good = readFileSync(new URL('../fixtures/cohort-small.csv', import.meta.url), 'utf8');
const lines = good.split('\n');
const cols = lines[0]!.split(',');

/** The fixture with patient row `row` (file row, header = 1) given blood group `group`. */
function withGroup(row: number, group: string): string {
  const out = [...lines];
  const cells = out[row - 1]!.split(',');
  cells[cols.indexOf('abo_rh')] = group;
  out[row - 1] = cells.join(',');
  return out.join('\n');
}

describe('abo_rh outside the eight groups', () => {
  it('ingestTable names file, row and column when types are inferred (no schema)', () => {
    let message = '';
    try { ingestTable(withGroup(3, 'A2+'), { file: 'data.csv' }); } catch (e) { if (e instanceof InputError) message = e.message; }
    expect(message).toMatch(/^data\.csv, row 3, column abo_rh: unknown category; allowed: O\+, O-, A\+, A-, B\+, B-, AB\+, AB-/);
  });

  for (const schema of ['builtin', null]) {
    it(`carestrata run: exit 2, the place named, nothing written (schema: ${schema ?? 'inferred'})`, () => {
      const dir = tempDir('blood-group-');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'data.csv'), withGroup(4, 'Rh+'));
      writeFileSync(join(dir, 's.yaml'), `cohort:\n  source: csv\n  path: data.csv\n${schema ? `  schema: ${schema}\n` : ''}`);
      const out = join(dir, 'out');
      const r = runCli(['run', join(dir, 's.yaml'), '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/data\.csv, row 4, column abo_rh: unknown category/);
      expect(existsSync(out) ? listFiles(out) : []).toEqual([]);
    });
  }
});

describe('the blood section: bad values → exit 2, the YAML path named, nothing written', () => {
  const cases: [string, string, RegExp][] = [
    ['shares', 'blood:\n  group_shares: {O+: 0.5}\n', /s\.yaml, blood\.group_shares: shares must add up to 1, got 1\.12/],
    ['box', 'blood:\n  transport_box_min: -5\n', /s\.yaml, blood\.transport_box_min: /],
    ['stock', 'blood:\n  stock_days: 1e9\n', /s\.yaml, blood\.stock_days: /],
  ];
  for (const [name, yaml, message] of cases) {
    it(name, () => {
      const dir = tempDir('blood-yaml-');
      writeFileSync(join(dir, 's.yaml'), `cohort:\n  source: synthetic\n  patients: 50\n${yaml}`);
      const out = join(dir, 'out');
      const r = runCli(['simulate', '-s', join(dir, 's.yaml'), '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }
});
