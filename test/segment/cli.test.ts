import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { tableToCsv } from '../../src/data/format.js';
import { streams } from '../../src/random/index.js';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

let dir: string;
let cohort: string;

beforeAll(() => {
  dir = tempDir('carestrata-segment-');
  cohort = join(dir, 'cohort.csv');
  writeFileSync(cohort, tableToCsv(synthesizeCohort(300, streams(11)).table));
});

const outputs = (out: string): string[] => (existsSync(out) ? listFiles(out) : []);

describe('carestrata segment', () => {
  it('writes segments.csv (patient_id,segment,confidence) and segmentation.json; same seed → identical CSV', () => {
    const args = (out: string) => ['segment', '--data', cohort, '--schema', 'builtin', '--k', '2..5', '--members', '6', '--seed', '3', '--out', out];
    const a = runCli(args(join(dir, 'a'))), b = runCli(args(join(dir, 'b')));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code).toBe(0);
    const csv = readFileSync(join(dir, 'a', 'segments.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('patient_id,segment,confidence');
    expect(csv.split('\n').length).toBe(302);
    expect(csv).toBe(readFileSync(join(dir, 'b', 'segments.csv'), 'utf8'));
    const json = JSON.parse(readFileSync(join(dir, 'a', 'segmentation.json'), 'utf8')) as { k: number; per_k: { k: number; pac: number }[]; profiles: { label: string }[] };
    expect(json.per_k.map((m) => m.k)).toEqual([2, 3, 4, 5]);
    expect(json.profiles).toHaveLength(json.k);
    expect(a.stderr).not.toMatch(/P0\d{5}/); // no patient ids in logs
  });

  it('works on any CSV: a different id column is written as patient_id', () => {
    const csv = join(dir, 'other.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `m${i},${(i % 2) * 10 + (i % 7) / 10},${i % 3}`);
    writeFileSync(csv, ['mrn,score,visits', ...rows].join('\n') + '\n');
    const out = join(dir, 'other');
    const r = runCli(['segment', '--data', csv, '--id', 'mrn', '--k', '2', '--members', '4', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(join(out, 'segments.csv'), 'utf8').split('\n');
    expect(lines[0]).toBe('patient_id,segment,confidence');
    expect(lines[1]).toMatch(/^m0,[12],/);
  });

  it('drops a constant column and a 60%-missing column with a warning naming each, and segments the rest (exit 0)', () => {
    const csv = join(dir, 'extract.csv');
    // 40 rows, two well-separated groups on score; const is 7 everywhere; sparse is missing in 24 of 40 rows (60%)
    const rows = Array.from({ length: 40 }, (_, i) => `m${i},${(i % 2) * 10 + (i % 7) / 10},7,${i < 24 ? '' : i % 5}`);
    writeFileSync(csv, ['mrn,score,const,sparse', ...rows].join('\n') + '\n');
    const out = join(dir, 'extract');
    const r = runCli(['segment', '--data', csv, '--id', 'mrn', '--k', '2', '--members', '4', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: column const dropped: constant/);
    expect(r.stderr).toMatch(/warning: column sparse dropped: 60% of values missing/);
    const json = JSON.parse(readFileSync(join(out, 'segmentation.json'), 'utf8')) as { features: { columns: string[] } };
    expect(json.features.columns).toEqual(['score']);
  });

  const bad: [string, string, string[], RegExp][] = [
    ['only unusable columns', 'patient_id,a,b\np1,5,\np2,5,\np3,5,\n', [], /no feature columns left to cluster on; dropped a \(constant/],
    ['k larger than n', 'patient_id,a\np1,1\np2,2\np3,3\n', ['--k', '5'], /--k: k exceeds the number of rows \(3\)/],
    ['fewer than 2 rows', 'patient_id,a\np1,1\n', ['--k', '2'], /at least 2 rows/],
    ['a text feature without a schema', 'patient_id,a,city\np1,1,Rome\np2,2,Oslo\np3,3,Rome\n', [], /column city: column holds text but no schema/],
    ['a malformed --k', 'patient_id,a\np1,1\np2,2\np3,3\n', ['--k', 'six'], /--k: give a number of segments/],
  ];
  for (const [what, text, extra, message] of bad) {
    it(`rejects ${what}: exit 2, one clear line, nothing written`, () => {
      const file = join(dir, `${what.replace(/\W+/g, '_')}.csv`);
      writeFileSync(file, text);
      const out = join(dir, `out_${what.replace(/\W+/g, '_')}`);
      const r = runCli(['segment', '--data', file, '--members', '3', ...extra, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(outputs(out)).toEqual([]);
    });
  }

  it('--help explains every option', () => {
    const r = runCli(['segment', '--help']);
    for (const option of ['--data', '--schema', '--id', '--exclude', '--features', '--k', '--members', '--consensus', '--scaling', '--seed', '--out', '--json']) {
      expect(r.stdout).toContain(option);
    }
  });
});
