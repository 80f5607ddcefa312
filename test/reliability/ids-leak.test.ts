/**
 * Ids leak: no patient id in any log, error or progress line; rows are named by file and row number.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { cohortRows, cohortWithIds, csvScenario, csvText } from './fixtures.js';

const dir = tempDir('rel-ids-');
const IDS = cohortRows().slice(1).map((_, i) => `SECRET${String(i).padStart(4, '0')}X`);
const data = cohortWithIds(dir, 'cohort.csv', IDS);

function leaked(text: string): string[] {
  return IDS.filter((id) => text.includes(id));
}

describe('no patient id reaches stderr', () => {
  it('a duplicate id is reported by row, exit 2', () => {
    const rows = cohortRows();
    IDS.forEach((id, i) => (rows[i + 1]![0] = id));
    rows[5]![0] = IDS[2]!;
    const dup = join(dir, 'dup.csv');
    writeFileSync(dup, csvText(rows));
    const r = runCli(['segment', '--data', dup, '--schema', 'builtin', '--out', join(dir, 'seg-dup')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dup\.csv, row 6, column patient_id: duplicate id \(first seen on row 4\)/);
    expect(leaked(r.stderr)).toEqual([]);
  });

  it('a segments file without a header line is refused without echoing its first row (rules, priority)', () => {
    const seg = join(dir, 'seg');
    expect(runCli(['segment', '--data', data, '--schema', 'builtin', '--k', '2', '--out', seg]).code).toBe(0);
    const headerless = join(dir, 'headerless.csv');
    writeFileSync(headerless, readFileSync(join(seg, 'segments.csv'), 'utf8').split('\n').slice(1).join('\n'));
    const rules = runCli(['rules', '--data', data, '--segments', headerless, '--schema', 'builtin', '--out', join(dir, 'rules')]);
    expect(rules.code).toBe(2);
    expect(leaked(rules.stderr)).toEqual([]);
    const prio = runCli(['priority', '--data', data, '--scenario', csvScenario(dir, data), '--segments', headerless, '--out', join(dir, 'prio')]);
    expect(prio.code).toBe(2);
    expect(prio.stderr).toMatch(/headerless\.csv, row 1: segments file needs columns patient_id and segment/);
    expect(leaked(prio.stderr)).toEqual([]);
  });

  it('bad cells, unknown and unlabelled patients: every message names rows, never ids', () => {
    const rows = cohortRows();
    IDS.forEach((id, i) => (rows[i + 1]![0] = id));
    rows[3]![0] = '';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, csvText(rows));
    const r = runCli(['segment', '--data', bad, '--schema', 'builtin', '--out', join(dir, 'seg-bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv, row 4, column patient_id: id is empty/);
    const labels = join(dir, 'labels.csv');
    writeFileSync(labels, `patient_id,segment\n${IDS.slice(0, 20).map((id, i) => `${id},${i % 2}`).join('\n')}\nNOT-A-PATIENT-77,1\n`);
    const rr = runCli(['rules', '--data', data, '--segments', labels, '--schema', 'builtin', '--out', join(dir, 'rules2')]);
    expect(rr.code).toBe(2);
    expect(rr.stderr).toMatch(/labels\.csv, row 22, column patient_id: patient id is not in the data file/);
    expect(rr.stderr).not.toContain('NOT-A-PATIENT-77');
    expect(leaked(r.stderr + rr.stderr)).toEqual([]);
  });
});
