import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

// One small cohort for every CLI case: 500 patients, truth archetypes as the segments file.
const dir = tempDir('carestrata-rules-');
const cohort = join(dir, 'cohort.csv');
const truth = join(dir, 'truth.csv');
const learnArgs = (out: string, extra: string[] = []): string[] =>
  ['rules', '--data', cohort, '--segments', truth, '--schema', 'builtin', '--bootstrap', '2', '--seed', '4', '--out', out, ...extra];

/** The CSV without one column. */
function dropColumn(text: string, name: string): string {
  const lines = text.trim().split('\n').map((l) => l.split(','));
  const j = lines[0]!.indexOf(name);
  return lines.map((l) => l.filter((_, k) => k !== j).join(',')).join('\n') + '\n';
}

beforeAll(() => {
  const r = runCli(['synth', '--patients', '500', '--seed', '11', '--out', cohort, '--truth', truth]);
  expect(r.code).toBe(0);
});

describe('carestrata rules (CLI)', () => {
  it('writes rules.json and rules.md; the same seed gives a byte-identical rules.json; stderr carries no ids', () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const r1 = runCli(learnArgs(a, ['--target', 'distance_km:high,reactions_12m:low']));
    expect(r1.stderr).not.toMatch(/P\d{6}/);
    expect(r1.code).toBe(0);
    expect(listFiles(a)).toEqual(['rules.json', 'rules.md']);
    expect(runCli(learnArgs(b, ['--target', 'distance_km:high,reactions_12m:low'])).code).toBe(0);
    expect(readFileSync(join(a, 'rules.json'), 'utf8')).toBe(readFileSync(join(b, 'rules.json'), 'utf8'));
    const doc = JSON.parse(readFileSync(join(a, 'rules.json'), 'utf8'));
    expect(doc.rules).toHaveLength(6);
    const r0 = doc.rules[0];
    expect(Object.keys(r0)).toEqual(expect.arrayContaining(['segment', 'terms', 'metrics', 'stability', 'baseline']));
    expect(['>=', '<', 'in', '==']).toEqual(expect.arrayContaining(r0.terms.flat().map((c: { op: string }) => c.op)));
    expect(doc.targeting.chosen).toHaveLength(1);
    const md = readFileSync(join(a, 'rules.md'), 'utf8');
    expect(md).toMatch(/the rule catches \d+% of the segment/);
    expect(md).toMatch(/Target group: /);
  });

  it('--apply writes per-patient matches that agree with the learned rules', () => {
    const out = join(dir, 'screen');
    const learned = join(dir, 'a', 'rules.json');
    const r = runCli(['rules', '--apply', learned, '--data', cohort, '--schema', 'builtin', '--out', out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(out, 'matches.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(501);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['patient_id', 'matched', 'n_matched']);
    expect(header).toContain('target');
    // n_matched equals the number of 1s in the rule_ columns on every row.
    const ruleCols = header.map((h, j) => (h.startsWith('rule_') ? j : -1)).filter((j) => j >= 0);
    for (const l of lines.slice(1)) {
      const f = l.split(',');
      expect(Number(f[2])).toBe(ruleCols.reduce((a, j) => a + Number(f[j]), 0));
    }
  });

  it('segments whose ids do not match the data → exit 2, row named, nothing written', () => {
    const bad = join(dir, 'bad-ids.csv');
    writeFileSync(bad, readFileSync(truth, 'utf8').replace('P000003,', 'Q999999,'));
    const out = join(dir, 'out-ids');
    const r = runCli(['rules', '--data', cohort, '--segments', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-ids\.csv, row 4, column patient_id: patient id is not in the data file/);
    expect(r.stderr).toMatch(/cohort\.csv, row 4, column patient_id: patient has no segment/);
    expect(r.stderr).not.toMatch(/Q999999|P000003/);
    expect(existsSync(out) ? listFiles(out) : []).toEqual([]);
  });

  it('a segment with one patient → exit 2 naming the segment, nothing written', () => {
    const bad = join(dir, 'one.csv');
    const lines = readFileSync(truth, 'utf8').trim().split('\n');
    lines[1] = lines[1]!.replace(/,[^,]+$/, ',lonely');
    writeFileSync(bad, lines.join('\n') + '\n');
    const out = join(dir, 'out-one');
    const r = runCli(['rules', '--data', cohort, '--segments', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one\.csv, column archetype: segment has 1 patient; at least 2 are needed \(value "lonely"\)/);
    expect(existsSync(out) ? listFiles(out) : []).toEqual([]);
  });

  it('--apply on data lacking a rule column → exit 2 naming file and column, nothing written', () => {
    const learned = join(dir, 'a', 'rules.json');
    const doc = JSON.parse(readFileSync(learned, 'utf8'));
    const used: string = doc.rules[0].terms[0][0].feature;
    const newCsv = join(dir, 'new.csv');
    writeFileSync(newCsv, dropColumn(readFileSync(cohort, 'utf8'), used));
    const out = join(dir, 'out-apply');
    const r = runCli(['rules', '--apply', learned, '--data', newCsv, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`new.csv, column ${used}: column used by the rule for segment`);
    expect(existsSync(out) ? listFiles(out) : []).toEqual([]);
  });

  it('bad options and a malformed rules file → exit 2 with the option or JSON path', () => {
    const r1 = runCli(learnArgs(join(dir, 'x'), ['--max-conditions', '0']));
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--max-conditions: /);
    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, JSON.stringify({ rules: [{ segment: 'a', terms: [[{ feature: 'x', op: '>', value: 1 }]] }] }));
    const r2 = runCli(['rules', '--apply', badJson, '--data', cohort, '--out', join(dir, 'y')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/bad\.json, rules\[0\]\.terms\[0\]\[0\]\.op/);
  });

  it('--help explains every option', () => {
    const r = runCli(['rules', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--data', '--segments', '--apply', '--out', '--id', '--schema', '--missing', '--scenario', '--seed', '--max-conditions', '--max-terms', '--beta', '--holdout', '--bootstrap', '--target', '--groups', '--exclude']) {
      expect(r.stdout).toContain(o);
    }
  });
});
