/**
 * `carestrata capacity` end to end on the tiny scenario (60 patients, 6 simulated weeks): the answer against
 * the simulator's own policy table at the levels around it, the output files, resume, workers-independence,
 * shards + merge, one answer per level of a non-capacity setting, and bad input (exit 2, one line, nothing
 * written).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { setPath } from '../../src/sweep/vary.js';
import { validateScenario } from '../../src/scenario/load.js';
import { simulationInputs } from '../../src/pipeline.js';
import { simulatePolicies } from '../../src/sim/index.js';
import { chunks } from '../../src/sweep/capacityRun.js';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

const TINY = 'test/sweep/tiny.yaml';
const TARGET = 'served_within_14d >= 0.55';
const ARGS = ['--target', TARGET, '--vary', 'program.nurses=1..4'];
/** Several CLI runs of the simulator on 2 shared cores. */
const SLOW_MS = 400_000;
const read = (...p: string[]) => readFileSync(join(...p), 'utf8');

describe('carestrata capacity (tiny scenario, served within 14 days ≥ 0.55 over nurses 1..4)', () => {
  const root = tempDir('carestrata-capacity-');
  const a = join(root, 'a');
  const first = runCli(['capacity', TINY, ...ARGS, '--out', a, '--workers', '2']);

  it('answers 2 nurses, the level the simulator\'s policy table puts first above the target', { timeout: SLOW_MS }, async () => {
    expect(first.code, first.stderr).toBe(0);
    const json = JSON.parse(read(a, 'capacity.json'));
    expect(json.answers).toHaveLength(1);
    expect(json.answers[0].status).toBe('found');
    expect(json.answers[0].answer).toEqual({ 'program.nurses': 2 });
    // reference: simulatePolicies' table (its own means) at 1 and 2 nurses, 20 replications
    const loaded = loadScenarioFile(TINY);
    const mean = async (nurses: number) => {
      const l = validateScenario(setPath(loaded.scenario, 'program.nurses', nurses), loaded.file, loaded.baseDir);
      const { cohort, settings } = await simulationInputs(l);
      const res = await simulatePolicies(cohort, settings, l.scenario.seed, { policies: ['priority_greedy'], replications: 20 });
      return res.table.find((r) => r.policy === 'priority_greedy' && r.metric === 'served_within_14d')!.mean;
    };
    expect(await mean(1)).toBeLessThan(0.55);
    expect(await mean(2)).toBeGreaterThan(0.55);
    expect(first.stdout).toMatch(/^base scenario: Level 2 is the smallest shown to meet served_within_14d >= 0.55 at 95% confidence/m);
  });

  it('writes capacity.csv (every level tried), capacity.json, the chart and capacity.html; progress on stderr', () => {
    const files = listFiles(a);
    for (const f of ['manifest.json', 'points.jsonl', 'capacity.csv', 'capacity.json', 'capacity.html', 'charts/capacity.svg', 'charts/capacity.vl.json']) expect(files).toContain(f);
    const csv = read(a, 'capacity.csv').trim().split('\n');
    expect(csv[0]).toBe('program.nurses,order,replications,looks,mean,sd,ci_low,ci_high,interval_confidence,verdict,answer');
    const rows = csv.slice(1).map((l) => l.split(','));
    // bisection over 1..4: 4, 1, then 2 (and 3 only if 2 failed)
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '4']);
    expect(rows.find((r) => r[0] === '2')![10]).toBe('1');
    const spent = rows.reduce((t, r) => t + Number(r[2]), 0);
    expect(read(a, 'points.jsonl').trim().split('\n')).toHaveLength(spent);
    expect(read(a, 'capacity.html')).toContain('<svg');
    expect(first.stderr).toMatch(/program\.nurses=4: replications 1–10/);
  });

  it('resumes: the same command again runs nothing and writes the same files; 0 workers gives the same files', { timeout: SLOW_MS }, () => {
    const again = runCli(['capacity', TINY, ...ARGS, '--out', a, '--workers', '0']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/\(0 replications run, \d+ reused\)/);
    const b = join(root, 'b');
    const inline = runCli(['capacity', TINY, ...ARGS, '--out', b, '--workers', '0']);
    expect(inline.code, inline.stderr).toBe(0);
    for (const f of ['capacity.csv', 'capacity.json', 'points.jsonl']) expect(read(b, f), f).toBe(read(a, f));
  });

  it('gives one answer per level of a non-capacity setting; shards split those answers and merge rebuilds the files', { timeout: SLOW_MS }, () => {
    const grow = [...ARGS, '--vary', 'cohort.patients=40,60', '--max-replications', '40'];
    const whole = join(root, 'whole');
    const r = runCli(['capacity', TINY, ...grow, '--out', whole, '--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(read(whole, 'capacity.json'));
    expect(json.answers.map((x: { row: object }) => x.row)).toEqual([{ 'cohort.patients': 40 }, { 'cohort.patients': 60 }]);
    const shards = [0, 1].map((i) => join(root, `shard-${i}`));
    shards.forEach((dir, i) => expect(runCli(['capacity', TINY, ...grow, '--out', dir, '--workers', '1', '--shard', `${i}/2`]).code).toBe(0));
    expect(existsSync(join(shards[0]!, 'capacity.csv'))).toBe(false);
    const merged = join(root, 'merged');
    const m = runCli(['merge', ...shards, '--out', merged]);
    expect(m.code, m.stderr).toBe(0);
    expect(read(merged, 'capacity.csv')).toBe(read(whole, 'capacity.csv'));
  });
});

describe('carestrata capacity: bad input → exit 2, one line naming the flag, nothing written', () => {
  const root = tempDir('carestrata-capacity-bad-');
  const cases: [string, string[], RegExp][] = [
    ['unknown measure', ['--target', 'served_within_99x >= 0.9', '--vary', 'program.nurses=1..4'], /^error: --target: .*unknown measure/],
    ['confidence outside (0, 1)', ['--target', TARGET, '--confidence', '1.5', '--vary', 'program.nurses=1..4'], /^error: --confidence: /],
    ['a --vary key that is not a scenario number', ['--target', TARGET, '--vary', 'name=1..4'], /^error: --vary: .*name is not a number/],
    ['no capacity setting varied', ['--target', TARGET, '--vary', 'cohort.patients=40,60'], /^error: --vary: vary at least one capacity setting/],
  ];
  for (const [name, args, pattern] of cases) {
    it(name, () => {
      const out = join(root, name.replace(/\W+/g, '_'));
      const r = runCli(['capacity', TINY, ...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('a measure that worsens with capacity where bisection was asked (paid idle hours ≤ 40): exit 2, no result files', { timeout: SLOW_MS }, () => {
    const out = join(root, 'non-monotone');
    const r = runCli(['capacity', TINY, '--target', 'nurse_paid_idle_hours <= 40', '--vary', 'program.nurses=1..4', '--out', out, '--workers', '1']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^error: --vary program\.nurses: base scenario: The measure is not monotone.*--procedure grid/m);
    for (const f of ['capacity.csv', 'capacity.json', 'capacity.html']) expect(existsSync(join(out, f))).toBe(false);
  });
});

describe('chunks', () => {
  it('splits replication indices into contiguous ranges of about n/parts, breaking at gaps', () => {
    expect(chunks([0, 1, 2, 3, 7, 8], 2)).toEqual([[0, 3], [3, 4], [7, 9]]);
    expect(chunks([], 4)).toEqual([]);
    expect(chunks([5, 6, 7, 8], 1)).toEqual([[5, 9]]);
  });
});
