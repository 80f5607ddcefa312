import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';
import { expectClose } from '../helpers/close.js';

/** Printed contributions have ≤ 4 decimals and add up to the printed score up to float noise. */
const PRINTED_SUM_TOL = { abs: 1e-9 };

let dir: string;
let cohort: string;
let truth: string;

beforeAll(() => {
  dir = tempDir('carestrata-priority-');
  cohort = join(dir, 'cohort.csv');
  truth = join(dir, 'truth.csv');
  const r = runCli(['synth', '-n', '400', '--seed', '3', '--out', cohort, '--truth', truth]);
  expect(r.code).toBe(0);
});

function scenario(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('carestrata priority', () => {
  it('writes priority.csv and priority.json; contributions add up to the score; same inputs → identical CSV', () => {
    const out1 = join(dir, 'p1');
    const out2 = join(dir, 'p2');
    const a = runCli(['priority', '--data', cohort, '--truth', truth, '--draws', '30', '--out', out1]);
    expect(a.code, a.stderr).toBe(0);
    expect(runCli(['priority', '--data', cohort, '--truth', truth, '--draws', '30', '--out', out2]).code).toBe(0);
    expect(listFiles(out1)).toEqual(['priority.csv', 'priority.json']);
    const csv = readFileSync(join(out1, 'priority.csv'), 'utf8');
    expect(readFileSync(join(out2, 'priority.csv'), 'utf8')).toBe(csv);
    const [header, ...rows] = csv.trim().split('\n');
    const cols = header!.split(',');
    expect(cols.slice(0, 5)).toEqual(['patient_id', 'eligible', 'exclusion_reasons', 'score', 'rank']);
    const pointCols = cols.flatMap((c, j) => (c.endsWith('_points') ? [j] : []));
    expect(pointCols.length).toBe(7);
    for (const row of rows) {
      const f = row.split(',');
      expectClose(pointCols.reduce((s, j) => s + Number(f[j]), 0), Number(f[3]), PRINTED_SUM_TOL);
      expect(f[1] === '1' ? f[2] === '' && f[4] !== '' : f[2] !== '' && f[4] === '').toBe(true);
    }
    const json = JSON.parse(readFileSync(join(out1, 'priority.json'), 'utf8'));
    expect(json.robustness.draws).toBe(30);
    expect(json.by_group).toHaveLength(6);
    expect(a.stdout).toContain('mds_elderly_far');
    expect(a.stderr).not.toMatch(/P0\d{5}/); // no patient ids in logs
  });

  it('reads target segments from segments.csv', () => {
    const seg = join(dir, 'segments.csv');
    const ids = readFileSync(cohort, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    writeFileSync(seg, 'patient_id,segment,confidence\n' + ids.map((id, i) => `${id},${i % 2},1`).join('\n') + '\n');
    const s = scenario('target.yaml', 'priority:\n  target_segments: [1]\n  robustness: { draws: 0 }\n');
    const out = join(dir, 'p-seg');
    const r = runCli(['priority', '--data', cohort, '--segments', seg, '--scenario', s, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'priority.json'), 'utf8'));
    expect(json.target_membership).toContain('200 members');
  });

  const bad: [string, string, RegExp][] = [
    ['negative weight', 'priority:\n  weights: { travel_burden: -3, clinical_urgency: 5 }\n', /priority\.weights\.travel_burden: negative weight -3 for term "travel_burden" is not allowed/],
    ['all-zero weights', 'priority:\n  weights: { travel_burden: 0, clinical_urgency: 0 }\n', /priority\.weights: all term weights are zero/],
    ['unknown term', 'priority:\n  weights: { travel: 3 }\n', /priority\.weights\.travel: unknown term "travel"/],
    ['missing column', 'priority:\n  columns: { distance: km_to_clinic }\n  exclusions: { max_distance_km: null }\n', /column km_to_clinic, priority\.weights\.travel_burden: term "travel_burden" needs column "km_to_clinic"/],
  ];
  for (const [what, yaml, message] of bad) {
    it(`bad input (${what}) → one clear line, exit 2, nothing written`, () => {
      const out = join(dir, `bad-${what.replace(/\W/g, '')}`);
      const r = runCli(['priority', '--data', cohort, '--scenario', scenario(`${what}.yaml`, yaml), '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out) ? listFiles(out) : []).toEqual([]);
    });
  }
});
