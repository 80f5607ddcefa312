/**
 * Combine shard folders into the files a one-process sweep writes. Every folder must hold the same sweep
 * (same manifest id) and together they must cover every task; otherwise nothing is written (exit 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noteInput } from '../data/inputs.js';
import { InputError } from '../errors.js';
import type { InputIssue } from '../errors.js';
import { ensureWritableDir, writeOutputs } from '../report/outputs.js';
import { MANIFEST_FILE, sweepOutputs } from './finalize.js';
import type { Shard, SweepManifest } from './manifest.js';
import { shardTasks, taskKey } from './manifest.js';
import type { PointRecord } from './points.js';
import { POINTS_FILE, readPoints } from './points.js';
import { SHARD_FILE } from './folder.js';
import type { CapacityManifest } from './capacityManifest.js';
import { mergeCapacity } from './capacityRun.js';

export interface MergeOutcome {
  readonly manifest: SweepManifest;
  readonly records: number;
  readonly written: readonly string[];
}

function readManifest(dir: string): SweepManifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new InputError([{ code: 'not_a_sweep', path: dir, message: `no ${MANIFEST_FILE}: not a sweep or shard output folder` }]);
  noteInput(file);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SweepManifest;
  } catch (e) {
    throw new InputError([{ code: 'not_a_sweep', file, message: `unreadable manifest: ${(e as Error).message}` }]);
  }
}

/**
 * Merge shard folders into `out`. Cost: O(records) plus the final charts.
 * @example
 * await mergeShards(['sweep/shard-0', 'sweep/shard-1'], 'sweep/all');
 */
export async function mergeShards(dirs: readonly string[], out: string): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new InputError([{ code: 'bad_option', path: 'SHARD_DIR', message: 'name at least one shard folder' }]);
  const manifests = dirs.map(readManifest);
  const first = manifests[0]!;
  const issues: InputIssue[] = [];
  manifests.forEach((m, i) => {
    if (m.sweepId !== first.sweepId) issues.push({ code: 'sweep_mismatch', path: dirs[i]!, value: m.sweepId, message: `belongs to another sweep than ${dirs[0]} (${first.sweepId}): different scenario, --vary, design or replications` });
  });
  if (issues.length) throw new InputError(issues);
  const capacity = (first as unknown as { kind?: string }).kind === 'capacity';
  const records = new Map<string, PointRecord>();
  const shards: (Shard | null)[] = [];
  for (const dir of dirs) {
    const shardFile = join(dir, SHARD_FILE);
    shards.push(existsSync(shardFile) ? (JSON.parse(readFileSync(shardFile, 'utf8')) as Shard) : null);
    if (existsSync(join(dir, POINTS_FILE))) noteInput(join(dir, POINTS_FILE));
    for (const [k, r] of readPoints(join(dir, POINTS_FILE), first.sweepId)) if (!records.has(k)) records.set(k, r);
  }
  if (capacity) {
    const outcome = await mergeCapacity(first as unknown as CapacityManifest, records, out);
    return { manifest: first, records: records.size, written: outcome.written };
  }
  const missing = shardTasks(first).filter((t) => !records.has(taskKey(t.point.id, t.replication)));
  if (missing.length) {
    const count = shards.find((s) => s)?.count;
    const absent = count ? [...new Set(missing.map((t) => t.point.index % count))].sort((a, b) => a - b) : [];
    throw new InputError([{ code: 'incomplete_sweep', path: out, message: `${missing.length} task(s) of sweep ${first.sweepId} are in none of the folders${absent.length ? ` (unfinished shards: ${absent.map((i) => `${i}/${count}`).join(', ')})` : ''}; run or resume those shards first` }]);
  }
  ensureWritableDir(out);
  const written = writeOutputs(out, await sweepOutputs(first, [...records.values()]), { set: 'sweep' });
  return { manifest: first, records: records.size, written };
}
