/**
 * Run a capacity search (or one shard of its rows) into a folder, resumably, on the sweep machinery:
 *
 *   1 manifest ──► 2 check the folder (same search?) ──► 3 read finished replications (points.jsonl)
 *     ──► 4 every row's procedure, its requests evaluated on worker threads (rows side by side), each
 *         replication appended as it finishes ──► 5 whole search: capacity.csv/.json, chart, capacity.html
 *
 * The procedures are deterministic given the values, so a resumed run replays the finished replications from
 * points.jsonl and asks the workers only for the rest. A non-monotone factor (bisection asked) is an input
 * error: exit 2, no result files (the journal stays for a `--procedure grid` rerun to reuse).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { ReplicationRequest } from '../decide/index.js';
import { runProcedureAsync } from '../decide/index.js';
import { InputError } from '../errors.js';
import { ensureWritableDir, writeOutputs } from '../report/outputs.js';
import type { LoadedScenario } from '../scenario/load.js';
import { sharedWorkerData } from '../optimize/shareHighs.js';
import type { CapacityTaskInput, CapacityTaskOutput } from './capacityEvaluate.js';
import { evaluateCapacityTask } from './capacityEvaluate.js';
import type { CapacityManifest } from './capacityManifest.js';
import { outerRows, pointId } from './capacityManifest.js';
import { capacityOutputs } from './capacityOutputs.js';
import type { RowAnswer } from './capacityRows.js';
import { rowPlan } from './capacityRows.js';
import { MANIFEST_FILE, manifestJson } from './finalize.js';
import type { Shard } from './manifest.js';
import { taskKey } from './manifest.js';
import type { PointRecord } from './points.js';
import { appendPoint, POINTS_FILE, readPoints } from './points.js';
import { workerFile } from './run.js';
import type { FolderWording } from './folder.js';
import { checkRunFolder, SHARD_FILE } from './folder.js';

export interface CapacityRunOptions {
  readonly loaded: LoadedScenario;
  readonly manifest: CapacityManifest;
  readonly out: string;
  /** Worker threads; 0 evaluates in this thread (tests). */
  readonly workers: number;
  readonly shard?: Shard;
}

export interface CapacityHooks {
  readonly log?: (message: string) => void;
}

export interface CapacityOutcome {
  readonly answers: readonly RowAnswer[];
  /** Replications run now / found finished in the folder. */
  readonly evaluated: number;
  readonly reused: number;
  readonly written: readonly string[];
}

type Evaluator = (input: CapacityTaskInput) => Promise<CapacityTaskOutput>;

/** How `capacity` words its folder refusals (folder.ts); an unreadable manifest counts as another run. */
const CAPACITY_FOLDER: FolderWording = {
  otherRun: (id) => `folder holds another sweep or search (this one is ${id}); choose another --out`,
  otherShard: () => 'folder holds another shard layout of this search; use the same --shard or another --out',
};

/**
 * Run the search's rows (a shard's share of them) and, for the whole search, write its result files.
 * Cost: the procedures' replications, spread over `workers` threads; steps 1–4 of the pipeline once per level
 * and thread.
 * @example
 * await runCapacity({ loaded, manifest, out: 'cap', workers: 2 }, { log: console.error });
 */
export async function runCapacity(o: CapacityRunOptions, hooks: CapacityHooks = {}): Promise<CapacityOutcome> {
  const log = hooks.log ?? (() => {});
  const m = o.manifest;
  checkRunFolder(o.out, m.sweepId, o.shard, CAPACITY_FOLDER);
  ensureWritableDir(o.out);
  const state = [{ name: MANIFEST_FILE, content: manifestJson(m as never) }];
  if (o.shard) state.push({ name: SHARD_FILE, content: JSON.stringify(o.shard) + '\n' });
  writeOutputs(o.out, state, { set: 'capacity', keepEarlier: true });
  const pointsFile = join(o.out, POINTS_FILE);
  const done = readPoints(pointsFile, m.sweepId, { repair: true });
  const reused = done.size;
  const rows = outerRows(m.outer).map((row, index) => ({ row, index }))
    .filter((r) => !o.shard || r.index % o.shard.count === o.shard.index);
  const share = o.shard ? ` (shard ${o.shard.index}/${o.shard.count})` : '';
  log(`capacity ${m.sweepId}: ${rows.length} answer(s) to find${share}; ${reused} replication(s) already in`
    + ` ${POINTS_FILE}; ${o.workers || 'no'} worker thread(s)`);
  let evaluated = 0;
  const answers = await withEvaluator(o.workers, async (evaluate) => {
    const batch = batchEvaluator(o, evaluate, done, (rec) => {
      appendPoint(pointsFile, rec);
      evaluated++;
    }, log);
    return Promise.all(rows.map(async ({ row }) => {
      const plan = rowPlan(m, row);
      const result = await runProcedureAsync(plan.procedure, (req) => batch(plan.valuesOf(req.level), req));
      const answer = plan.finish(result);
      log(`${answer.label}: ${answer.message} (${answer.replications} replications)`);
      return answer;
    }));
  });
  const bad = answers.find((a) => a.status === 'non_monotone');
  if (bad) {
    const paths = m.capacity.map((f) => `--vary ${f.path}`).join(', ');
    const message = `${bad.label}: ${bad.message} Rerun with --procedure grid (the replications in ${POINTS_FILE}`
      + ' are reused).';
    throw new InputError([{ code: 'non_monotone', path: paths, message }]);
  }
  if (o.shard) return { answers, evaluated, reused, written: [] };
  const records = [...readPoints(pointsFile, m.sweepId).values()];
  const written = writeOutputs(o.out, await capacityOutputs(m, answers, records), { set: 'capacity' });
  return { answers, evaluated, reused, written };
}

/** A pool of sweep workers (or the inline evaluator) for the duration of `body`. */
async function withEvaluator<T>(workers: number, body: (evaluate: Evaluator) => Promise<T>): Promise<T> {
  if (workers === 0) return body(evaluateCapacityTask);
  const filename = workerFile();
  if (!existsSync(filename)) throw new Error(`capacity: compiled worker ${filename} is missing; run \`npm run build\``);
  const pool = new Piscina({
    filename, minThreads: workers, maxThreads: workers, idleTimeout: 1000, workerData: sharedWorkerData(),
  });
  try {
    return await body((input) => pool.run({ ...input, capacity: true }) as Promise<CapacityTaskOutput>);
  } finally {
    await pool.destroy();
  }
}

/**
 * The procedures' batch callback: values of replications from … to − 1 at `values`, taken from points.jsonl
 * where finished, the rest split into one chunk per worker and evaluated side by side.
 */
function batchEvaluator(
  o: CapacityRunOptions, evaluate: Evaluator, done: Map<string, PointRecord>, record: (r: PointRecord) => void,
  log: (message: string) => void,
): (values: Record<string, number>, req: ReplicationRequest) => Promise<number[]> {
  const m = o.manifest;
  return async (values, req) => {
    const id = pointId(values);
    const missing: number[] = [];
    for (let r = req.from; r < req.to; r++) if (!done.has(taskKey(id, r))) missing.push(r);
    if (missing.length) log(`${id}: replications ${req.from + 1}–${req.to} (${missing.length} to run)`);
    const runs = chunks(missing, Math.max(1, o.workers)).map(([from, to]) => {
      const input: CapacityTaskInput = {
        scenario: m.scenario, scenarioFile: m.scenarioFile, baseDir: o.loaded.baseDir, values, policy: m.policy,
        from, to,
      };
      return evaluate(input).then((res) => res.metrics.forEach((metrics, j) => {
        const rec: PointRecord = {
          sweep: m.sweepId, point: id, replication: from + j, seed: m.scenario.seed, values, metrics,
          warnings: res.warnings,
        };
        done.set(taskKey(id, rec.replication), rec);
        record(rec);
      }));
    });
    await Promise.all(runs);
    const out: number[] = [];
    for (let r = req.from; r < req.to; r++) {
      const v = done.get(taskKey(id, r))!.metrics[m.target.measure];
      if (v === null || v === undefined) {
        const message = `the measure has no value at ${id} (replication ${r + 1}): nothing to count`;
        throw new InputError([{ code: 'no_value', path: '--target', value: m.target.measure, message }]);
      }
      out.push(v);
    }
    return out;
  };
}

/**
 * Split increasing replication indices into contiguous [from, to) ranges, about `parts` of them. O(n).
 * @example
 * chunks([0, 1, 2, 3, 7, 8], 2); // [[0, 3], [3, 4], [7, 9]]
 */
export function chunks(indices: readonly number[], parts: number): [number, number][] {
  const size = Math.max(1, Math.ceil(indices.length / parts));
  const out: [number, number][] = [];
  let from = -1, to = -1;
  for (const r of indices) {
    if (from >= 0 && r === to && to - from < size) to++;
    else {
      if (from >= 0) out.push([from, to]);
      from = r;
      to = r + 1;
    }
  }
  if (from >= 0) out.push([from, to]);
  return out;
}

/**
 * Combine the shard folders of one capacity search: every row's procedure is replayed from the union of their
 * journals (nothing is simulated); a replication no folder holds is an input error (exit 2, nothing written).
 * Cost: O(records) plus the outputs.
 * @example
 * await mergeCapacity([m0, m1], [recordsOf0, recordsOf1], 'cap/all');
 */
export async function mergeCapacity(
  m: CapacityManifest, records: ReadonlyMap<string, PointRecord>, out: string,
): Promise<CapacityOutcome> {
  const answers: RowAnswer[] = [];
  for (const row of outerRows(m.outer)) {
    const plan = rowPlan(m, row);
    const result = await runProcedureAsync(plan.procedure, (req) => {
      const id = pointId(plan.valuesOf(req.level));
      const values: number[] = [];
      for (let r = req.from; r < req.to; r++) {
        const v = records.get(taskKey(id, r))?.metrics[m.target.measure];
        if (v === undefined || v === null) {
          const message = `replication ${r + 1} of ${id} is in none of the folders; run or resume every shard first`;
          throw new InputError([{ code: 'incomplete_sweep', path: out, message }]);
        }
        values.push(v);
      }
      return values;
    });
    answers.push(plan.finish(result));
  }
  ensureWritableDir(out);
  const written = writeOutputs(out, await capacityOutputs(m, answers, [...records.values()]), { set: 'capacity' });
  return { answers, evaluated: 0, reused: records.size, written };
}
