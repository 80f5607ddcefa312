import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { streams } from '../../src/random/index.js';
import { parseScenario } from '../../src/scenario/load.js';
import { summarizePoints } from '../../src/sweep/aggregate.js';
import { gridDesign, lhsDesign, oatDesign } from '../../src/sweep/design.js';
import { buildManifest, parseShard, replicationSeed, shardTasks } from '../../src/sweep/manifest.js';
import { readPoints } from '../../src/sweep/points.js';
import type { PointRecord } from '../../src/sweep/points.js';
import { getPath, parseVary, setPath } from '../../src/sweep/vary.js';
import { expectClose } from '../helpers/close.js';

const loaded = parseScenario('seed: 5\ncohort: { source: synthetic, patients: 50 }\nprogram: { nurses: 2 }\n', 's.yaml');

function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${i.path}: ${i.message} ${JSON.stringify(i.value)}`);
    throw e;
  }
  return [];
}

describe('parseVary(options, scenario)', () => {
  it('expands ranges, stepped ranges and lists, and knows integer settings', () => {
    const [a, b, c] = parseVary(['program.nurses=1..4', 'program.home_units_per_day=2..10:4', 'program.shift_hours=6,7.5,9'], loaded);
    expect(a!.levels).toEqual([1, 2, 3, 4]);
    expect(a!.integer).toBe(true);
    expect(a!.base).toBe(2);
    expect(b!.levels).toEqual([2, 6, 10]);
    expect(c!.levels).toEqual([6, 7.5, 9]);
    expect(c!.integer).toBe(false);
    expect([c!.lo, c!.hi]).toEqual([6, 9]);
  });
  it('rejects a path that is not in the scenario, naming --vary and the numeric settings nearby', () => {
    const issues = issuesOf(() => parseVary(['program.nurse=1..3'], loaded));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^--vary: no setting program\.nurse in the scenario \(numeric settings here: nurses, shift_hours/);
  });
  it('rejects levels the scenario schema rejects, and reports every bad option at once', () => {
    const issues = issuesOf(() => parseVary(['program.nurses=-1..2', 'name=1,2', 'program.nurses'], loaded));
    expect(issues).toHaveLength(3);
    expect(issues[0]).toMatch(/rejects this level/);
    expect(issues[1]).toMatch(/name is not a number/);
    expect(issues[2]).toMatch(/expected PATH=LEVELS/);
  });
  it('getPath/setPath address nested settings and array items without touching the original', () => {
    expect(getPath(loaded.scenario, 'program.working_days[4]')).toBe(5);
    const changed = setPath(loaded.scenario, 'program.nurses', 7);
    expect(changed.program.nurses).toBe(7);
    expect(loaded.scenario.program.nurses).toBe(2);
  });
});

describe('designs', () => {
  const factors = parseVary(['program.nurses=1..3', 'program.shift_hours=6,8'], loaded);
  it('grid: every combination, first factor slowest', () => {
    const pts = gridDesign(factors);
    expect(pts.map((p) => [p.values['program.nurses'], p.values['program.shift_hours']])).toEqual([[1, 6], [1, 8], [2, 6], [2, 8], [3, 6], [3, 8]]);
    expect(pts.map((p) => p.id)).toEqual(['p0000', 'p0001', 'p0002', 'p0003', 'p0004', 'p0005']);
  });
  it('oat: the base point, then each factor at its other levels with the rest at base', () => {
    const pts = oatDesign(factors);
    expect(pts.map((p) => [p.moved, p.values['program.nurses'], p.values['program.shift_hours']])).toEqual([[null, 2, 8], ['program.nurses', 1, 8], ['program.nurses', 3, 8], ['program.shift_hours', 2, 6]]);
  });
  it('lhs: one sample in each of the n strata of every continuous factor, reproducible from the seed', () => {
    const f = parseVary(['program.shift_hours=4..12', 'program.hours_per_unit=1..3'], loaded);
    const n = 16;
    const pts = lhsDesign(f, n, streams(1).stream('sweep/lhs'));
    for (const factor of f) {
      const strata = pts.map((p) => Math.floor(((p.values[factor.path]! - factor.lo) / (factor.hi - factor.lo)) * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(lhsDesign(f, n, streams(1).stream('sweep/lhs'))).toEqual(pts);
  });
  it('lhs rounds integer factors into their range', () => {
    const pts = lhsDesign(parseVary(['program.nurses=1..8'], loaded), 8, streams(2).stream('sweep/lhs'));
    expect(pts.every((p) => Number.isInteger(p.values['program.nurses']) && p.values['program.nurses']! >= 1 && p.values['program.nurses']! <= 8)).toBe(true);
  });
});

describe('manifest, shards and replications', () => {
  const factors = parseVary(['program.nurses=1..5'], loaded);
  const m = buildManifest({ scenario: loaded.scenario, scenarioFile: 's.yaml', design: 'grid', factors, points: gridDesign(factors), replications: 3 });
  it('parseShard accepts 0-based i/N and rejects i ≥ N or bad text, naming --shard', () => {
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(issuesOf(() => parseShard('4/4'))[0]).toMatch(/^--shard: shard index 4 must be less than the shard count 4/);
    expect(issuesOf(() => parseShard('1-4'))[0]).toMatch(/^--shard: expected i\/N/);
    expect(issuesOf(() => parseShard('0/0'))[0]).toMatch(/N must be at least 1/);
  });
  it('shards partition the tasks: disjoint, and together every task once', () => {
    const all = shardTasks(m).map((t) => `${t.point.id}#${t.replication}`);
    const parts = [0, 1, 2, 3].flatMap((i) => shardTasks(m, { index: i, count: 4 }).map((t) => `${t.point.id}#${t.replication}`));
    expect(parts.slice().sort()).toEqual(all.slice().sort());
    expect(new Set(parts).size).toBe(parts.length);
  });
  it('replication r has the same seed at every point (common random numbers); r = 0 is the scenario seed', () => {
    expect(m.seeds[0]).toBe(5);
    expect(new Set(m.seeds).size).toBe(3);
    for (const t of shardTasks(m)) expect(t.seed).toBe(m.seeds[t.replication]);
    expect(replicationSeed(5, 2)).toBe(m.seeds[2]);
  });
  it('the sweep id changes with the design and not with the scenario file name', () => {
    const other = buildManifest({ scenario: loaded.scenario, scenarioFile: 'copy.yaml', design: 'grid', factors, points: gridDesign(factors), replications: 3 });
    expect(other.sweepId).toBe(m.sweepId);
    const fewer = buildManifest({ scenario: loaded.scenario, scenarioFile: 's.yaml', design: 'grid', factors, points: gridDesign(factors), replications: 2 });
    expect(fewer.sweepId).not.toBe(m.sweepId);
  });
  it('summarizePoints: mean and t-interval across replications (hand: 1, 2, 3 → 2 ± t(0.975, 2)/√3, t table 4.30265)', () => {
    const recs: PointRecord[] = [1, 2, 3].map((x, r) => ({ sweep: m.sweepId, point: 'p0000', replication: r, seed: m.seeds[r]!, values: {}, metrics: { a: x, b: null }, warnings: [] }));
    const s = summarizePoints(m, recs)[0]!;
    expectClose(s.metrics.a!.mean, 2, { abs: 1e-12 });
    expectClose(s.metrics.a!.hi - 2, 4.30265273 / Math.sqrt(3), { abs: 1e-8 });
    expect(s.metrics.b).toBeUndefined();
  });
});

describe('readPoints(file, sweepId)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carestrata-points-'));
  const line = (p: string, r: number, sweep = 'abc') => JSON.stringify({ sweep, point: p, replication: r, seed: 1, values: {}, metrics: { x: 1 }, warnings: [], ms: 1 });
  it('drops a torn last line (a killed write); rewrites the file without it only when asked to repair', () => {
    const f = join(dir, 'a.jsonl');
    const torn = `${line('p0000', 0)}\n${line('p0001', 0)}\n{"sweep":"abc","poi`;
    writeFileSync(f, torn);
    expect([...readPoints(f, 'abc').keys()]).toEqual(['p0000#0', 'p0001#0']);
    expect(readFileSync(f, 'utf8')).toBe(torn); // an input (merge) is never modified
    const got = readPoints(f, 'abc', { repair: true });
    expect([...got.keys()]).toEqual(['p0000#0', 'p0001#0']);
    expect(readFileSync(f, 'utf8')).toBe(`${line('p0000', 0)}\n${line('p0001', 0)}\n`);
  });
  it('refuses lines of another sweep, naming the file and line', () => {
    const f = join(dir, 'b.jsonl');
    writeFileSync(f, `${line('p0000', 0)}\n${line('p0001', 0, 'zzz')}\n`);
    expect(issuesOf(() => readPoints(f, 'abc'))[0]).toMatch(/belongs to sweep zzz/);
  });
});
