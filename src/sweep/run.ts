/**
 * Run a sweep (or one shard of it) into a folder, resumably:
 *
 *   1 design + manifest ──► 2 check the folder (same sweep?) ──► 3 skip finished tasks (points.jsonl)
 *     ──► 4 evaluate the rest on worker threads, appending each result ──► 5 whole sweep done: final files
 *
 * A shard stops after step 4; `carestrata merge` does step 5 over all shards.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { InputError } from '../errors.js';
import { streams } from '../random/index.js';
import { ensureWritableDir, writeOutputs } from '../report/outputs.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { DesignKind, SweepPoint } from './design.js';
import { gridDesign, lhsDesign, oatDesign, sobolDesign } from './design.js';
import type { EvaluateInput, EvaluateOutput } from './evaluate.js';
import { evaluatePoint, variedScenario } from './evaluate.js';
import type { UpstreamResult } from '../pipeline.js';
import { upstreamKeyOf } from '../pipeline.js';
import { runScheduled } from './schedule.js';
import { sharedWorkerData } from '../optimize/shareHighs.js';
import { MANIFEST_FILE, manifestJson, sweepOutputs } from './finalize.js';
import type { Shard, SweepManifest, SweepTask } from './manifest.js';
import { buildManifest, shardTasks, taskKey } from './manifest.js';
import type { PointRecord } from './points.js';
import { appendPoint, POINTS_FILE, readPoints } from './points.js';
import type { FolderWording } from './folder.js';
import { checkRunFolder, SHARD_FILE } from './folder.js';
import type { Factor } from './vary.js';


export interface SweepOptions {
  readonly loaded: LoadedScenario;
  readonly factors: readonly Factor[];
  readonly design: DesignKind;
  /** LHS sample size (required for `lhs`, ignored otherwise). */
  readonly points?: number;
  readonly replications: number;
  readonly out: string;
  /** Worker threads; 0 evaluates in this thread (tests, debugging). */
  readonly workers: number;
  readonly shard?: Shard;
}

export interface SweepHooks {
  readonly log?: (message: string) => void;
  /** Called after each finished task with counts for this run's share. */
  readonly progress?: (done: number, total: number) => void;
  /** Wall-clock milliseconds of each evaluated task (for benchmarks; never written to a file). */
  readonly taskMs?: (ms: number) => void;
}

export interface SweepOutcome {
  readonly manifest: SweepManifest;
  /** Tasks in this run's share, already finished before it started, and evaluated now. */
  readonly tasks: number;
  readonly skipped: number;
  readonly evaluated: number;
  /** Final files written (empty for a shard). */
  readonly written: readonly string[];
}

/** Points of the chosen design. */
export function designFor(o: Pick<SweepOptions, 'factors' | 'design' | 'points' | 'loaded'>): SweepPoint[] {
  if (o.design === 'grid') return gridDesign(o.factors);
  if (o.design === 'oat') return oatDesign(o.factors);
  if (o.points === undefined) throw new InputError([{ code: 'bad_option', path: '--points', message: `an ${o.design} design needs --points N` }]);
  if (o.design === 'sobol') return sobolDesign(o.factors, o.points, streams(o.loaded.scenario.seed).stream('sweep/sobol'));
  return lhsDesign(o.factors, o.points, streams(o.loaded.scenario.seed).stream('sweep/lhs'));
}

/** The manifest a sweep with these options has (pure: no files touched). */
export function sweepManifest(o: Pick<SweepOptions, 'factors' | 'design' | 'points' | 'loaded' | 'replications'>): SweepManifest {
  return buildManifest({ scenario: o.loaded.scenario, scenarioFile: o.loaded.file, design: o.design, factors: o.factors, points: designFor(o), replications: o.replications });
}

/** How `sweep` words its folder refusals (folder.ts). */
const SWEEP_FOLDER: FolderWording = {
  otherRun: (id) => `folder holds another sweep (this one is ${id}: different scenario, --vary, design or replications); choose another --out`,
  unreadable: 'not a carestrata sweep manifest; choose an empty --out folder',
  otherShard: (prior) => `folder holds ${prior ? `shard ${prior.index}/${prior.count}` : 'an unsharded run'} of this sweep; use the same --shard or another --out`,
};

/** The compiled worker: next to this file in dist/, or dist/'s copy when running from TypeScript sources. */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'worker.js');
  return resolve(dirname(here), '../../dist/src/sweep/worker.js');
}

/**
 * Evaluate `todo` on the pool. A task whose point has a measured time (a replication finished during this run;
 * no timing is written to points.jsonl) waits until every task of unknown time has started, then runs longest first.
 */
async function evaluateAll(
  o: SweepOptions,
  m: SweepManifest,
  todo: readonly SweepTask[],
  onDone: (t: SweepTask, r: EvaluateOutput) => void,
): Promise<void> {
  const input = (t: SweepTask): EvaluateInput => ({ scenario: m.scenario, scenarioFile: o.loaded.file, baseDir: o.loaded.baseDir, values: t.point.values, seed: t.seed });
  if (o.workers === 0) {
    for (const t of todo) onDone(t, await evaluatePoint(input(t)));
    return;
  }
  const filename = workerFile();
  if (!existsSync(filename)) throw new Error(`sweep: compiled worker ${filename} is missing; run \`npm run build\``);
  const pool = new Piscina<EvaluateInput & { upstreamOnly?: boolean }, EvaluateOutput | UpstreamResult>({ filename, minThreads: o.workers, maxThreads: o.workers, idleTimeout: 1000, workerData: sharedWorkerData() });
  try {
    // Segment + rules once per upstream input that several tasks share (typically one per replication seed),
    // as jobs of their own ahead of the point tasks; each task then carries its share instead of every thread
    // recomputing it. No barrier: a point task starts as soon as its own upstream job has finished.
    const keys = todo.map((t) => upstreamKeyOf(variedScenario(input(t))));
    const count = new Map<string, number>();
    for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
    type Job = { readonly after?: number; readonly upstreamOf?: SweepTask; readonly task?: SweepTask; readonly key: string };
    const jobs: Job[] = [];
    const upstreamJob = new Map<string, number>();
    todo.forEach((t, i) => {
      const key = keys[i]!;
      if (count.get(key)! > 1 && !upstreamJob.has(key)) upstreamJob.set(key, jobs.push({ upstreamOf: t, key }) - 1);
    });
    todo.forEach((t, i) => {
      const after = upstreamJob.get(keys[i]!);
      jobs.push(after === undefined ? { task: t, key: keys[i]! } : { task: t, key: keys[i]!, after });
    });
    const upstream = new Map<string, UpstreamResult>();
    const left = new Map(count);
    // the longest time each point has taken so far
    const pointMs = new Map<string, number>();
    const noteMs = (point: string, ms: number) => pointMs.set(point, Math.max(ms, pointMs.get(point) ?? 0));
    const priority = (i: number): number => {
      const t = jobs[i]!.task;
      const ms = t ? pointMs.get(t.point.id) : undefined;
      return ms ?? Infinity; // upstream jobs and tasks of unknown time first, in list order
    };
    await runScheduled(jobs, o.workers, async (job) => {
      if (job.upstreamOf) {
        upstream.set(job.key, (await pool.run({ ...input(job.upstreamOf), upstreamOnly: true })) as UpstreamResult);
        return;
      }
      const t = job.task!;
      const u = upstream.get(job.key);
      const r = (await pool.run(u ? { ...input(t), upstream: u } : input(t))) as EvaluateOutput;
      // the last task of a key lets its upstream go
      const n = left.get(job.key)! - 1;
      left.set(job.key, n);
      if (n === 0) upstream.delete(job.key);
      noteMs(t.point.id, r.ms);
      onDone(t, r);
    }, { priority });
  } finally {
    await pool.destroy();
  }
}

/**
 * Run the sweep's (or shard's) unfinished tasks and, for a whole sweep, write its final files.
 * Cost: one pipeline run per unfinished task, spread over `workers` threads.
 * @example
 * await runSweep({ loaded, factors: parseVary(['program.nurses=1..4'], loaded), design: 'grid', replications: 1, out: 'sweep', workers: 2 });
 */
export async function runSweep(o: SweepOptions, hooks: SweepHooks = {}): Promise<SweepOutcome> {
  const log = hooks.log ?? (() => {});
  // 1. design + manifest
  const m = sweepManifest(o);
  // 2. check the folder before writing anything
  checkRunFolder(o.out, m.sweepId, o.shard, SWEEP_FOLDER);
  ensureWritableDir(o.out);
  const files = [{ name: MANIFEST_FILE, content: manifestJson(m) }];
  if (o.shard) files.push({ name: SHARD_FILE, content: JSON.stringify(o.shard) + '\n' });
  writeOutputs(o.out, files, { set: 'sweep', keepEarlier: true });
  // 3. skip finished tasks
  const pointsFile = join(o.out, POINTS_FILE);
  const done = readPoints(pointsFile, m.sweepId, { repair: true });
  const mine = shardTasks(m, o.shard);
  // replication-major order: the first replication runs first and gives every point a measured time, by which
  // the rest then run longest first (each task carries its seed's segment + rules, so the order costs nothing)
  const todo = mine.filter((t) => !done.has(taskKey(t.point.id, t.replication))).sort((a, b) => a.replication - b.replication || a.point.index - b.point.index);
  const skipped = mine.length - todo.length;
  log(`sweep ${m.sweepId}: ${m.points.length} points × ${m.replications} replication(s)${o.shard ? `, shard ${o.shard.index}/${o.shard.count} has ${mine.length} tasks` : ''}; ${skipped} already finished, ${todo.length} to run on ${o.workers || 'no'} worker thread(s)`);
  // 4. evaluate, appending each result as it arrives
  let finished = 0;
  hooks.progress?.(0, todo.length);
  await evaluateAll(o, m, todo, (t, r) => {
    const rec: PointRecord = { sweep: m.sweepId, point: t.point.id, replication: t.replication, seed: t.seed, values: t.point.values, metrics: r.metrics, warnings: r.warnings };
    appendPoint(pointsFile, rec);
    done.set(taskKey(t.point.id, t.replication), rec);
    hooks.taskMs?.(r.ms);
    hooks.progress?.(++finished, todo.length);
  });
  // 5. final files (whole sweeps only; shards are combined by merge)
  if (o.shard) return { manifest: m, tasks: mine.length, skipped, evaluated: todo.length, written: [] };
  const written = writeOutputs(o.out, await sweepOutputs(m, [...done.values()]), { set: 'sweep' });
  return { manifest: m, tasks: mine.length, skipped, evaluated: todo.length, written };
}
