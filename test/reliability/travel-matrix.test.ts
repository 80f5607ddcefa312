/**
 * A travel matrix that does not match the cohort (scenario `routing.travel_matrix`): missing or extra ids, not
 * square, negative or non-numeric minutes → exit 2, one line naming the file and the row/column, nothing
 * written, and no patient id in the message.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { travelMatrix } from '../../src/data/routing.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { issueLines } from '../helpers/issues.js';
import { COHORT, cohortRows, csvScenario, csvText } from './fixtures.js';

const IDS = cohortRows().slice(1).map((r) => r[0]!);

/** A valid matrix over `ids`: |i − j| × 3 minutes. */
function matrixRows(ids: readonly string[]): string[][] {
  return [['patient_id', ...ids], ...ids.map((id, i) => [id, ...ids.map((_, j) => String(Math.abs(i - j) * 3))])];
}

function issuesOf(text: string): string[] {
  return issueLines(() => travelMatrix(text, 'm.csv', IDS, {}));
}

describe('travelMatrix(text, file, ids): checked against the cohort', () => {
  it('a matching matrix reads in cohort order, whatever its own order', () => {
    const rows = matrixRows(['b', 'a']); // header b, a
    const legs = travelMatrix(csvText(rows), 'm.csv', ['a', 'b'], {});
    expect(legs.kind === 'matrix' && Array.from(legs.minutes)).toEqual([Number.NaN, 3, 3, Number.NaN]);
    expect(issuesOf(csvText(matrixRows(IDS)))).toEqual([]);
  });
  it('an extra id in the header or a row, and a missing patient, are named by position, never by id', () => {
    const extra = matrixRows([...IDS, 'ZZ9']);
    const lines = issuesOf(csvText(extra));
    expect(lines).toContain('m.csv, row 1, column 42: header id is not a patient of the cohort (extra id)');
    expect(lines).toContain('m.csv, row 42, column 1: row id is not a patient of the cohort (extra id)');
    const missing = issuesOf(csvText(matrixRows(IDS.slice(0, 39))));
    expect(missing).toContain('m.csv, row 1: 1 cohort patient(s) missing from the header');
    expect(missing).toContain('m.csv: 1 cohort patient(s) have no row');
    for (const l of [...lines, ...missing]) for (const id of [...IDS, 'ZZ9']) expect(l).not.toContain(id);
  });
  it('not square: a row short, or a row too many', () => {
    const short = matrixRows(IDS);
    short[5] = short[5]!.slice(0, 30);
    expect(issuesOf(csvText(short))).toEqual(['m.csv, row 6: row has 30 fields, header has 41']);
    const rows = matrixRows(IDS);
    expect(issuesOf(csvText(rows.slice(0, 40)))[0]).toBe('m.csv: matrix is not square: 39 rows for 40 columns');
  });
  it('negative and non-numeric minutes are named by row and column', () => {
    const rows = matrixRows(IDS);
    rows[3]![7] = '-4';
    rows[10]![2] = 'soon';
    rows[11]![2] = '';
    expect(issuesOf(csvText(rows))).toEqual([
      'm.csv, row 4, column 8: minutes must not be negative (value -4)',
      'm.csv, row 11, column 3: minutes must be a number',
      'm.csv, row 12, column 3: minutes missing',
    ]);
  });
  it('a repeated id in the header is named without the id', () => {
    const rows = matrixRows(IDS);
    rows[0]![3] = rows[0]![2]!;
    const lines = issuesOf(csvText(rows));
    expect(lines[0]).toBe('m.csv, row 1: a patient id appears twice in the header');
    for (const l of lines) for (const id of IDS) expect(l).not.toContain(id);
  });
});

describe('carestrata simulate with a bad travel matrix', () => {
  it('exit 2, one line naming the file and the cell, nothing written', () => {
    const dir = tempDir('rel-matrix-');
    const rows = matrixRows(IDS);
    rows[3]![7] = '-4';
    writeFileSync(join(dir, 'travel.csv'), csvText(rows));
    const simulation = 'simulation: { horizon_days: 30, warmup_days: 5, replications: 2 }';
    const scenario = csvScenario(dir, COHORT, `routing: { travel_matrix: travel.csv }\n${simulation}\n`);
    const out = join(dir, 'out');
    const r = runCli(['simulate', '-s', scenario, '-o', out, '-w', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('travel.csv, row 4, column 8: minutes must not be negative (value -4)');
    expect(existsSync(out)).toBe(false);
    for (const id of IDS) expect(r.stderr).not.toContain(id);
  });
  it('coordinates and a matrix together are refused with the YAML path', () => {
    const dir = tempDir('rel-matrix-');
    const scenario = csvScenario(dir, COHORT, 'routing: { coordinates: xy_km, travel_matrix: travel.csv }\n');
    const r = runCli(['simulate', '-s', scenario, '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/routing\.travel_matrix: give routing\.coordinates or routing\.travel_matrix, not both/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
  it('coordinates the cohort does not have are refused with the YAML path', () => {
    const dir = tempDir('rel-matrix-');
    const scenario = csvScenario(dir, COHORT, 'routing: { coordinates: lat_lon }\n');
    const r = runCli(['simulate', '-s', scenario, '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/routing\.coordinates: needs numeric cohort column\(s\) lat, lon/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
  it('a latitude of 95° and a longitude of −200° are named by file, row and column, the coordinate itself not echoed', () => {
    const dir = tempDir('rel-matrix-');
    const rows = cohortRows().map((r, i) => [...r, ...(i === 0 ? ['lat', 'lon'] : [i === 3 ? '95' : '52.1', i === 7 ? '-200' : '4.3'])]);
    writeFileSync(join(dir, 'cohort.csv'), csvText(rows));
    const scenario = csvScenario(dir, join(dir, 'cohort.csv'), 'routing: { coordinates: lat_lon }\n');
    const r = runCli(['simulate', '-s', scenario, '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.some((l) => /cohort\.csv, row 4, column lat: is outside \[-90, 90\]/.test(l))).toBe(true);
    expect(lines.some((l) => /cohort\.csv, row 8, column lon: is outside \[-180, 180\]/.test(l))).toBe(true);
    expect(r.stderr).not.toMatch(/95|-200/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('carestrata simulate with a matching travel matrix or coordinates', () => {
  const sim = 'simulation: { horizon_days: 30, warmup_days: 5, replications: 2, policies: [priority_greedy] }\n';
  it('a matrix over the file\'s ids runs when the cohort\'s ids are pseudonymised (exit 0)', () => {
    const dir = tempDir('rel-matrix-');
    writeFileSync(join(dir, 'travel.csv'), csvText(matrixRows([...IDS].reverse())));
    const routing = 'routing: { travel_matrix: travel.csv }\nreport: { pseudonymize: true }\n';
    const scenario = csvScenario(dir, COHORT, `${routing}${sim}`);
    const r = runCli(['simulate', '-s', scenario, '-o', join(dir, 'out'), '-w', '1']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'out', 'policies.csv'))).toBe(true);
  });
  it('x_km / y_km columns added to the cohort run (exit 0)', () => {
    const dir = tempDir('rel-matrix-');
    const rows = cohortRows().map((r, i) => [...r, ...(i === 0 ? ['x_km', 'y_km'] : [String(i % 7), String(i % 5)])]);
    writeFileSync(join(dir, 'cohort.csv'), csvText(rows));
    const scenario = csvScenario(dir, join(dir, 'cohort.csv'), `routing: { coordinates: xy_km }\n${sim}`);
    const r = runCli(['simulate', '-s', scenario, '-o', join(dir, 'out'), '-w', '1']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
  });
});

describe('carestrata optimize with coordinates: chained trips in plan.csv', () => {
  it('each chained trip is two rows of one day and nurse naming each other; the LP file holds the chain columns; same input, same files', () => {
    const dir = tempDir('rel-chain-');
    const rows = cohortRows().map((r, i) => [...r, ...(i === 0 ? ['x_km', 'y_km'] : [String(i % 3), String(i % 2)])]);
    writeFileSync(join(dir, 'cohort.csv'), csvText(rows));
    // a 30-minute pick-up (DOMAIN's 3.45 h is a whole trip's overhead) so short visits chain
    const scenario = csvScenario(dir, join(dir, 'cohort.csv'), 'routing: { coordinates: xy_km }\n');
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('program: { nurses: 1, home_units_per_day: 4 }', 'program: { nurses: 2, home_units_per_day: 8, pickup_hours: 0.5 }'));
    const run = (out: string) => runCli(['optimize', '-s', scenario, '-o', join(dir, out), '--export-lp', join(dir, `${out}.lp`)]);
    const r = run('a');
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'a', 'plan.csv'), 'utf8');
    const lines = csv.trim().split('\n').slice(1).map((l) => l.split(','));
    const chained = lines.filter((l) => l[8] !== '');
    expect(chained.length).toBeGreaterThan(0);
    for (const [day, id, setting, nurse, , , , , stop, other] of chained) {
      expect(setting).toBe('home');
      const partner = chained.find((l) => l[0] === day && l[1] === other);
      expect(partner, `partner of a stop ${stop}`).toBeDefined();
      expect([partner![3], partner![9], partner![8]]).toEqual([nurse, id, stop === '1' ? '2' : '1']);
    }
    expect(readFileSync(join(dir, 'a.lp'), 'utf8')).toMatch(/chain_p\d+_e1_p\d+_e1_d\d+/);
    expect(run('b').code).toBe(0);
    expect(readFileSync(join(dir, 'b', 'plan.csv'), 'utf8')).toBe(csv);
  });
});
