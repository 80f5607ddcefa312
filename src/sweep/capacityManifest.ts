/**
 * The capacity search's manifest: everything that defines a search (scenario, capacity factors, the other
 * varied settings, target, confidence, policy, procedure and its replication schedule) and its id, a hash of
 * all of it. A resumed run or a shard is matched by this id; `points.jsonl` lines carry it.
 *
 * Rows: one answer per combination of the non-capacity settings (e.g. `cohort.growth_per_year=0,0.1,0.2`),
 * in lexicographic order; a shard `i/N` takes the rows whose index ≡ i (mod N).
 */
import { createHash } from 'node:crypto';
import type { Target } from '../decide/target.js';
import type { Scenario } from '../scenario/schema.js';
import type { SimPolicyName } from '../scenario/sections/simulation.js';
import { canonicalJson } from './manifest.js';
import type { Factor } from './vary.js';

/** Bumped when the capacity manifest or its points.jsonl lines change meaning. */
export const CAPACITY_FORMAT = 1;

/** `bisection` (one factor) / staircase (several), or `grid`: every level at equal confidence (the fallback). */
export type CapacityProcedure = 'bisection' | 'grid';

export interface CapacitySchedule {
  readonly initialReplications: number;
  readonly maxReplications: number;
  readonly growth: number;
}

export interface CapacityManifest {
  readonly format: number;
  readonly kind: 'capacity';
  /** 16 hex digits of SHA-256 over the rest (without the file name). */
  readonly sweepId: string;
  readonly scenarioFile: string;
  /** Filled-in base scenario (antithetic replications off: the search needs independent replications). */
  readonly scenario: Scenario;
  /** Capacity factors (`program.*` settings), searched; more must never hurt. */
  readonly capacity: readonly Factor[];
  /** Other varied settings: one answer per combination of their levels. */
  readonly outer: readonly Factor[];
  readonly target: Target;
  readonly confidence: number;
  readonly policy: SimPolicyName;
  readonly procedure: CapacityProcedure;
  readonly schedule: CapacitySchedule;
  /** Worsening with more capacity that still counts as flat (a plateau), in the measure's units. */
  readonly monotoneTolerance: number;
}

/** True for a setting the capacity search treats as capacity (searched), not as a scenario to answer for. */
export function isCapacityPath(path: string): boolean {
  return path.startsWith('program.');
}

/**
 * Assemble the manifest and its id. O(size of the scenario).
 * @example
 * capacityManifest({ scenario, scenarioFile: 's.yaml', capacity, outer: [], target, confidence: 0.95,
 *   policy: 'priority_greedy', procedure: 'bisection', schedule }).sweepId; // 'a3f0…' (16 hex digits)
 */
export function capacityManifest(o: Omit<CapacityManifest, 'format' | 'kind' | 'sweepId'>): CapacityManifest {
  const scenario = { ...o.scenario, simulation: { ...o.scenario.simulation, antithetic: false } };
  const body = { ...o, scenario, scenarioFile: undefined, format: CAPACITY_FORMAT, kind: 'capacity' as const };
  const sweepId = createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 16);
  return { ...o, scenario, format: CAPACITY_FORMAT, kind: 'capacity', sweepId };
}

/**
 * Every combination of the outer factors' levels, last fastest (one empty row when there are none). O(rows).
 * @example
 * outerRows([{ path: 'cohort.growth_per_year', levels: [0, 0.1] } as Factor]);
 * // [{ 'cohort.growth_per_year': 0 }, { 'cohort.growth_per_year': 0.1 }]
 */
export function outerRows(outer: readonly Factor[]): Record<string, number>[] {
  let rows: Record<string, number>[] = [{}];
  for (const f of outer) rows = rows.flatMap((r) => f.levels.map((v) => ({ ...r, [f.path]: v })));
  return rows;
}

/**
 * A point's id from its values, stable and readable: `path=value` pairs in path order. O(k log k).
 * @example
 * pointId({ 'program.nurses': 3 }); // 'program.nurses=3'
 */
export function pointId(values: Readonly<Record<string, number>>): string {
  return Object.keys(values).sort().map((k) => `${k}=${values[k]}`).join(';');
}

/** Label of a row for logs and the report: `growth=0.1, …` or `base scenario`. */
export function rowLabel(row: Readonly<Record<string, number>>): string {
  const keys = Object.keys(row);
  return keys.length ? keys.map((k) => `${k} = ${row[k]}`).join(', ') : 'base scenario';
}
