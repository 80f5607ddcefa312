/**
 * The sweep manifest: everything that defines a sweep (scenario, factors, design, points, replications,
 * seeds) and its id, a hash of all of it. Shards and resumed runs are matched by this id, and each shard's
 * share of the points is derived from it alone, so `--shard i/N` needs no coordination.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import type { DesignKind, SweepPoint } from './design.js';
import type { Factor } from './vary.js';

/** Bumped when the manifest or points.jsonl format changes. */
export const SWEEP_FORMAT = 1;

export interface SweepManifest {
  readonly format: number;
  /** 16 hex digits of SHA-256 over the rest of the manifest. */
  readonly sweepId: string;
  readonly scenarioFile: string;
  /** The filled-in base scenario every point starts from. */
  readonly scenario: Scenario;
  readonly design: DesignKind;
  readonly factors: readonly Factor[];
  readonly points: readonly SweepPoint[];
  readonly replications: number;
  /** Seed of replication r (the same at every point: common random numbers). */
  readonly seeds: readonly number[];
}

export interface Shard {
  /** 0-based, < count (Slurm `$SLURM_ARRAY_TASK_ID` with `--array=0-(N-1)`, Kubernetes `$JOB_COMPLETION_INDEX`). */
  readonly index: number;
  readonly count: number;
}

/** One unit of work: a point under one replication. */
export interface SweepTask {
  readonly point: SweepPoint;
  readonly replication: number;
  readonly seed: number;
}

/**
 * Seed of replication r: the scenario's seed for r = 0, then a hash of (seed, r) — the same at every point, so
 * points differ only by their settings (common random numbers). Cost: one SHA-256.
 */
export function replicationSeed(seed: number, r: number): number {
  if (r === 0) return seed;
  const h = createHash('sha256').update(`carestrata:${seed}:replication:${r}`).digest();
  return h.readUInt32BE(0) % 2 ** 31;
}

/** JSON with object keys sorted, so equal content hashes equally. */
export function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** Assemble the manifest and its id. Cost: O(points) plus a hash of the manifest's JSON. */
export function buildManifest(o: { scenario: Scenario; scenarioFile: string; design: DesignKind; factors: readonly Factor[]; points: readonly SweepPoint[]; replications: number }): SweepManifest {
  if (!Number.isInteger(o.replications) || o.replications < 1) throw new Error(`buildManifest: replications must be ≥ 1, got ${o.replications}`);
  const seeds = Array.from({ length: o.replications }, (_, r) => replicationSeed(o.scenario.seed, r));
  // The file name is not part of the identity: the same sweep started from a copied scenario is the same sweep.
  const body = { format: SWEEP_FORMAT, scenario: o.scenario, design: o.design, factors: o.factors, points: o.points, replications: o.replications, seeds };
  const sweepId = createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 16);
  return { format: SWEEP_FORMAT, sweepId, scenarioFile: o.scenarioFile, scenario: o.scenario, design: o.design, factors: o.factors, points: o.points, replications: o.replications, seeds };
}

/**
 * Parse `--shard i/N` (0-based i). Bad text or i ≥ N → {@link InputError} naming `--shard` (exit 2).
 * @example
 * parseShard('3/4'); // { index: 3, count: 4 }
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const bad = (message: string) => new InputError([{ code: 'bad_shard', path: '--shard', value: text, message }]);
  if (!m) throw bad('expected i/N with 0 ≤ i < N, e.g. 0/4 (Slurm: $SLURM_ARRAY_TASK_ID/N, Kubernetes: $JOB_COMPLETION_INDEX/N)');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw bad('N must be at least 1');
  if (index >= count) throw bad(`shard index ${index} must be less than the shard count ${count} (indices are 0-based)`);
  return { index, count };
}

/** The tasks of a shard (all tasks without one), point-major: points are dealt round-robin by index. O(points · replications). */
export function shardTasks(m: SweepManifest, shard?: Shard): SweepTask[] {
  const out: SweepTask[] = [];
  for (const point of m.points) {
    if (shard && point.index % shard.count !== shard.index) continue;
    for (let r = 0; r < m.replications; r++) out.push({ point, replication: r, seed: m.seeds[r]! });
  }
  return out;
}

/** Key of a task in points.jsonl. */
export function taskKey(pointId: string, replication: number): string {
  return `${pointId}#${replication}`;
}
