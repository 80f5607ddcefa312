import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

// These run the compiled CLI (npm test builds before vitest starts).
let dir: string;
beforeAll(() => {
  dir = tempDir();
});

describe('carestrata --help', () => {
  it('lists the commands that exist', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['synth', 'validate', 'run']) expect(r.stdout).toMatch(new RegExp(`carestrata ${c}\\b`));
  });
  it('exits 2 on an unknown command', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
  });
});

describe('carestrata synth', () => {
  it('writes byte-identical files for the same seed, another cohort for another seed', () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const c = join(dir, 'c.csv');
    expect(runCli(['synth', '--patients', '300', '--seed', '5', '--out', a, '--truth', join(dir, 'truth.csv')]).code).toBe(0);
    expect(runCli(['synth', '--patients', '300', '--seed', '5', '--out', b]).code).toBe(0);
    expect(runCli(['synth', '--patients', '300', '--seed', '6', '--out', c]).code).toBe(0);
    expect(readFileSync(a)).toEqual(readFileSync(b));
    expect(readFileSync(a)).not.toEqual(readFileSync(c));
    const truth = readFileSync(join(dir, 'truth.csv'), 'utf8').split('\n');
    expect(truth[0]).toBe('patient_id,archetype');
    expect(truth).toHaveLength(302);
    expect(readFileSync(a, 'utf8')).not.toMatch(/archetype/);
  });

  it('uses the defaults N = 1200, seed 42', () => {
    const out = join(dir, 'default.csv');
    const r = runCli(['synth', '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(1201);
    expect(r.stderr).toMatch(/1200 patients.*seed 42/);
  });

  it('refuses a non-writable output place with exit 2 and writes nothing', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file, not a folder');
    const r = runCli(['synth', '--out', join(blocker, 'sub', 'x.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/blocker\/sub: output folder is not writable/);
  });

  it('rejects --patients 0', () => {
    const r = runCli(['synth', '--patients', '0', '--out', join(dir, 'zero.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--patients: must be a positive integer/);
    expect(existsSync(join(dir, 'zero.csv'))).toBe(false);
  });
});

/** A scenario reading `csvText` through the built-in schema; returns the CLI result and the output folder. */
function runOnCsv(name: string, csvText: string, schema = 'builtin'): { code: number; stderr: string; out: string } {
  const case_ = join(dir, name);
  mkdirSync(case_, { recursive: true });
  writeFileSync(join(case_, 'data.csv'), csvText);
  writeFileSync(join(case_, 's.yaml'), `cohort:\n  source: csv\n  path: data.csv\n  schema: ${schema}\n`);
  const out = join(case_, 'out');
  const r = runCli(['run', join(case_, 's.yaml'), '--out', out]);
  return { code: r.code, stderr: r.stderr, out };
}

describe('carestrata run on bad CSV input: exit 2, the place named, nothing written', () => {
  const good = readFileSync(new URL('../fixtures/cohort-small.csv', import.meta.url), 'utf8');
  const [header, first, second] = good.split('\n') as [string, string, string];
  const cols = header.split(',');
  const setCell = (line: string, column: string, value: string): string => {
    const cells = line.split(',');
    cells[cols.indexOf(column)] = value;
    return cells.join(',');
  };
  const cases: [string, string, RegExp][] = [
    ['empty', '', /data\.csv: file is empty/],
    ['header-only', `${header}\n`, /data\.csv: file has a header but no data rows/],
    ['no-id', `${header.replace('patient_id', 'id')}\n${first}\n`, /data\.csv, column patient_id: id column "patient_id" not found/],
    ['duplicate', `${header}\n${first}\n${first}\n`, /data\.csv, row 3, column patient_id: duplicate id/],
    ['non-numeric', `${header}\n${setCell(first, 'age', 'old')}\n`, /data\.csv, row 2, column age: not a number in a numeric column \(value "old"\)/],
    ['negative-distance', `${header}\n${setCell(first, 'distance_km', '-4')}\n`, /data\.csv, row 2, column distance_km: out of range/],
    ['hb-45', `${header}\n${first}\n${setCell(second, 'hb_pre_mean_g_dl', '45')}\n`, /data\.csv, row 3, column hb_pre_mean_g_dl: out of range \[3, 14\] g\/dL \(value "45"\)/],
    ['unknown-category', `${header}\n${setCell(first, 'diagnosis', 'flu')}\n`, /data\.csv, row 2, column diagnosis: unknown category/],
    ['ragged', `${header}\n${first},9\n`, /data\.csv, row 2: row has 27 fields, header has 26/],
    ['binary', `${header}\n${setCell(first, 'lives_alone', '2')}\n`, /data\.csv, row 2, column lives_alone: binary column takes/],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      const r = runOnCsv(name, text);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(r.out) ? listFiles(r.out) : []).toEqual([]);
    });
  }

  it('a good extract runs', () => {
    const r = runOnCsv('good', good);
    expect(r.code, r.stderr).toBe(0);
    expect(listFiles(r.out)).toContain('summary.json');
  });
});

describe('carestrata validate / run on a bad scenario', () => {
  it('names a typo\'d key and a string where a number belongs, exit 2', () => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, 'seed: 1\nprogramm:\n  nurses: 2\ncohort:\n  source: synthetic\n  patients: many\n');
    const r = runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml, programm: unknown key/);
    expect(r.stderr).toMatch(/bad\.yaml, cohort\.patients: .*expected number/);
    const out = join(dir, 'bad-out');
    expect(runCli(['run', f, '--out', out]).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses simulation.home_stock_units (no longer read) with exit 2, one line, nothing written', () => {
    const f = join(dir, 'stock.yaml');
    writeFileSync(f, 'simulation:\n  home_stock_units: 4\n');
    const out = join(dir, 'stock-out');
    const r = runCli(['run', f, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/stock\.yaml, simulation\.home_stock_units: removed: .*blood\.stock_days/);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing scenario file is named', () => {
    const r = runCli(['validate', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: scenario file not found/);
  });

  it('run refuses an output folder that cannot be written, before any work', () => {
    const blocker = join(dir, 'blocker2');
    writeFileSync(blocker, '');
    chmodSync(blocker, 0o444);
    const r = runCli(['run', 'scenarios/quick.yaml', '--out', join(blocker, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/output folder is not writable/);
  });
});
