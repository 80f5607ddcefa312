import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/carestrata.js');
/** Smallest scenario that runs every stage (60 patients, 6 simulated weeks, 3 policies). */
const QUICK = 'test/sweep/tiny.yaml';
const VARY = ['--vary', 'program.nurses=1..3', '--vary', 'program.home_units_per_day=2,8'];
/** Four sweeps at once: 120 s was exceeded on 2 cores shared with other jobs (load average 20+). */
const SHARDS_TIMEOUT_MS = 400_000;
const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
const lines = (f: string) => read(f).split('\n').filter((l) => l.trim() !== '');
const runAsync = (args: string[]) => new Promise<number>((done) => spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' }).once('exit', (code) => done(code ?? -1)));

describe('carestrata sweep / merge', () => {
  const root = tempDir('carestrata-sweep-');
  const one = join(root, 'one');
  const ref = runCli(['sweep', QUICK, ...VARY, '--replications', '2', '--out', one, '--workers', '2']);

  it('one process: points.jsonl, sweep.csv (6 points × 2 replications), summary, charts, sweep.html', () => {
    expect(ref.code, ref.stderr).toBe(0);
    const files = listFiles(one);
    for (const f of ['manifest.json', 'points.jsonl', 'sweep.csv', 'sweep_summary.csv', 'sweep_quantiles.csv', 'sweep.html', 'charts/sweep_home_transfusions.svg', 'charts/sweep_home_transfusions.png', 'charts/sweep_home_transfusions.vl.json']) expect(files).toContain(f);
    const csv = lines(join(one, 'sweep.csv'));
    const header = csv[0]!.split(',');
    expect(header.slice(0, 5)).toEqual(['point', 'replication', 'seed', 'program.nurses', 'program.home_units_per_day']);
    expect(header).toContain('sim.priority_greedy.home_transfusions');
    expect(csv).toHaveLength(1 + 12);
    // common random numbers: the cohort (hence demand, and clinic-only outcomes) is identical at every point of a replication
    for (const column of ['demand_episodes_per_week', 'sim.clinic_only.days_below_trigger']) {
      const col = header.indexOf(column);
      const byRep = new Map<string, Set<string>>();
      for (const row of csv.slice(1)) {
        const c = row.split(',');
        (byRep.get(c[1]!) ?? byRep.set(c[1]!, new Set()).get(c[1]!)!).add(c[col]!);
      }
      expect([...byRep.values()].map((s) => s.size), column).toEqual([1, 1]);
    }
    // more nurses never lower the capacity check
    const nurses = header.indexOf('program.nurses');
    const visits = header.indexOf('home_visits_per_week');
    const at = (n: number) => csv.slice(1).map((r) => r.split(',')).filter((c) => c[nurses] === String(n) && c[1] === '0' && c[4] === '8').map((c) => Number(c[visits]))[0]!;
    for (let n = 2; n <= 3; n++) expect(at(n)).toBeGreaterThanOrEqual(at(n - 1));
  });

  it('4 shards merged equal the one-process sweep (identical sweep.csv, sweep_summary.csv, manifest.json)', async () => {
    const shards = [0, 1, 2, 3].map((i) => join(root, `shard-${i}`));
    // the shards run at the same time, as array tasks would
    const codes = await Promise.all(shards.map((dir, i) => runAsync(['sweep', QUICK, ...VARY, '--replications', '2', '--out', dir, '--shard', `${i}/4`, '--workers', '1'])));
    expect(codes).toEqual([0, 0, 0, 0]);
    for (const dir of shards) expect(existsSync(join(dir, 'sweep.csv'))).toBe(false);
    const merged = join(root, 'merged');
    const m = runCli(['merge', ...shards, '--out', merged]);
    expect(m.code, m.stderr).toBe(0);
    for (const f of ['sweep.csv', 'sweep_summary.csv', 'manifest.json']) expect(read(merged, f), f).toBe(read(one, f));
    const strip = (f: string) => lines(f).map((l) => { const o = JSON.parse(l) as { ms?: number }; delete o.ms; return JSON.stringify(o); });
    expect(strip(join(merged, 'points.jsonl'))).toEqual(strip(join(one, 'points.jsonl')));
  }, SHARDS_TIMEOUT_MS);

  it('merge refuses an incomplete set of shards, naming the unfinished shard; nothing written', () => {
    const out = join(root, 'partial');
    const r = runCli(['merge', join(root, 'shard-0'), join(root, 'shard-2'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unfinished shards: 1\/4, 3\/4/);
    expect(existsSync(out)).toBe(false);
  });

  it('merge refuses shards of different sweeps; nothing written', () => {
    const other = join(root, 'other');
    expect(runCli(['sweep', QUICK, '--vary', 'program.nurses=1..3', '--out', other, '--shard', '0/4', '--workers', '0']).code).toBe(0);
    const out = join(root, 'mixed');
    const r = runCli(['merge', join(root, 'shard-0'), other, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*other: belongs to another sweep/m);
    expect(existsSync(out)).toBe(false);
  });

  it('resumes: with some results already in points.jsonl (and a torn line) only the rest run, same sweep.csv', () => {
    const dir = join(root, 'resume');
    mkdirSync(dir);
    writeFileSync(join(dir, 'manifest.json'), read(one, 'manifest.json'));
    const done = lines(join(one, 'points.jsonl')).slice(0, 5);
    writeFileSync(join(dir, 'points.jsonl'), done.join('\n') + '\n{"sweep":"x","po');
    const r = runCli(['sweep', QUICK, ...VARY, '--replications', '2', '--out', dir, '--workers', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/5 already finished, 7 to run/);
    expect(read(dir, 'sweep.csv')).toBe(read(one, 'sweep.csv'));
  });

  it('a sweep killed mid-run completes on re-run without redoing finished points', async () => {
    const dir = join(root, 'killed');
    const args = [BIN, 'sweep', QUICK, '--vary', 'program.nurses=1..12', '--out', dir, '--workers', '1'];
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    const pointsFile = join(dir, 'points.jsonl');
    const t0 = Date.now();
    while (Date.now() - t0 < 60_000) {
      if (existsSync(pointsFile) && lines(pointsFile).length >= 3) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = lines(pointsFile).length;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(12); // killed before the end, or the test proves nothing
    const r = runCli(args.slice(1));
    expect(r.code, r.stderr).toBe(0);
    const finished = Number(/(\d+) already finished/.exec(r.stderr)?.[1]);
    expect(finished).toBeGreaterThanOrEqual(before - 1); // a torn last line may be dropped
    expect(r.stderr).toContain(`${finished} already finished, ${12 - finished} to run`);
    const keys = lines(pointsFile).map((l) => (JSON.parse(l) as { point: string }).point);
    expect(keys).toHaveLength(12);
    expect(new Set(keys).size).toBe(12);
  });

  it('bad input → one clear line, exit 2, nothing written', () => {
    const cases: [string[], RegExp][] = [
      [['--vary', 'program.nurse=1..3'], /--vary: no setting program\.nurse in the scenario/],
      [['--vary', 'program.nurses=1..3', '--shard', '4/4'], /--shard: shard index 4 must be less than the shard count 4/],
      [['--vary', 'program.nurses=1..3', '--design', 'lhs'], /--points: an lhs design needs --points N/],
      [['--vary', 'program.nurses=1..3', '--design', 'sobol', '--points', '1'], /--points: a sobol design needs --points N/],
      [['--vary', 'program.nurses=1..3', '--replications', '0'], /--replications: must be a positive integer/],
    ];
    for (const [extra, message] of cases) {
      const out = join(root, `bad-${Math.random().toString(36).slice(2)}`);
      const r = runCli(['sweep', QUICK, ...extra, '--out', out]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('a folder holding another sweep is refused, and left untouched', () => {
    const before = read(one, 'manifest.json');
    const r = runCli(['sweep', QUICK, '--vary', 'program.nurses=1..2', '--out', one]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/folder holds another sweep/);
    expect(read(one, 'manifest.json')).toBe(before);
  });

  it('oat draws a tornado chart; lhs draws scatter plots', () => {
    const oat = join(root, 'oat');
    expect(runCli(['sweep', QUICK, '--vary', 'program.nurses=1..3', '--vary', 'program.home_units_per_day=2,12', '--design', 'oat', '--out', oat, '--workers', '0']).code).toBe(0);
    expect(listFiles(oat)).toContain('charts/tornado_home_transfusions.svg');
    const lhs = join(root, 'lhs');
    expect(runCli(['sweep', QUICK, '--vary', 'program.shift_hours=6..10', '--design', 'lhs', '--points', '5', '--out', lhs, '--workers', '0']).code).toBe(0);
    expect(lines(join(lhs, 'sweep.csv'))).toHaveLength(6);
    expect(listFiles(lhs)).toContain('charts/lhs_home_transfusions_program_shift_hours.svg');
  });
});
