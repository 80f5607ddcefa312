/**
 * `points.jsonl`: one JSON line per finished task (point × replication), appended as results arrive, so a
 * killed sweep loses at most the tasks in flight. Re-running reads it, drops a torn last line, and skips every
 * task already there. No timing is stored: the file is byte-identical on a quiet and a busy machine (older files
 * with an `ms` field are read, and the field is dropped when a line is written again).
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { taskKey } from './manifest.js';

export interface PointRecord {
  readonly sweep: string;
  readonly point: string;
  readonly replication: number;
  readonly seed: number;
  readonly values: Readonly<Record<string, number>>;
  /** Flat metrics; null where a stage had nothing to report. */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly warnings: readonly string[];
}

export const POINTS_FILE = 'points.jsonl';

function isRecord(x: unknown): x is PointRecord {
  const r = x as PointRecord;
  return !!r && typeof r === 'object' && typeof r.sweep === 'string' && typeof r.point === 'string' && Number.isInteger(r.replication) && typeof r.metrics === 'object';
}

/**
 * Read finished tasks keyed `point#replication`. A line that does not parse (a write cut short by a kill) is
 * dropped (and, with `repair`, the file rewritten without it: only a sweep repairs its own folder, never
 * `merge` an input shard); a line of another sweep is an {@link InputError}. Cost: O(file).
 */
export function readPoints(file: string, sweepId: string, options: { readonly repair?: boolean } = {}): Map<string, PointRecord> {
  const out = new Map<string, PointRecord>();
  if (!existsSync(file)) return out;
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let dropped = 0;
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      dropped++;
      continue;
    }
    if (!isRecord(rec)) {
      dropped++;
      continue;
    }
    if (rec.sweep !== sweepId) {
      throw new InputError([{ code: 'sweep_mismatch', file, row: i + 1, message: `line belongs to sweep ${rec.sweep}, not ${sweepId}` }]);
    }
    const key = taskKey(rec.point, rec.replication);
    if (!out.has(key)) kept.push(line);
    out.set(key, rec);
  }
  if (options.repair && (dropped > 0 || (text.length > 0 && !text.endsWith('\n')) || kept.length !== out.size)) {
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, kept.map((l) => l + '\n').join(''));
    renameSync(tmp, file);
  }
  return out;
}

/** One record as its JSON line, fields in a fixed order and nothing else (no timing). O(record). */
export function pointLine(r: PointRecord): string {
  const { sweep, point, replication, seed, values, metrics, warnings } = r;
  return JSON.stringify({ sweep, point, replication, seed, values, metrics, warnings }) + '\n';
}

/** Append one finished task as a line (one write call). */
export function appendPoint(file: string, rec: PointRecord): void {
  appendFileSync(file, pointLine(rec));
}

/** Records in canonical order: by point index (the id is zero-padded), then replication. */
export function sortedRecords(records: Iterable<PointRecord>): PointRecord[] {
  return [...records].sort((a, b) => (a.point < b.point ? -1 : a.point > b.point ? 1 : a.replication - b.replication));
}
