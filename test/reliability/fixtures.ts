/**
 * Small hostile inputs for the reliability tests, built from the 40-patient fixture so every case is a real
 * cohort with one thing wrong.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const COHORT = resolve(import.meta.dirname, '../fixtures/cohort-small.csv');

/** The fixture as rows of cells (it has no quoted fields). */
export function cohortRows(): string[][] {
  return readFileSync(COHORT, 'utf8').trim().split('\n').map((l) => l.split(','));
}

/** CSV text from rows, quoting cells that need it (RFC 4180), as a planner's tool would write them. */
export function csvText(rows: readonly (readonly string[])[]): string {
  const q = (c: string): string => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(q).join(',')).join('\n') + '\n';
}

/** Write `rows` with patient ids replaced by `ids` (in order) to `dir/name`; returns the path. */
export function cohortWithIds(dir: string, name: string, ids: readonly string[]): string {
  const rows = cohortRows();
  ids.forEach((id, i) => (rows[i + 1]![0] = id));
  const path = join(dir, name);
  writeFileSync(path, csvText(rows));
  return path;
}

/** A scenario reading `cohort` (small settings so optimize/priority run in seconds). */
export function csvScenario(dir: string, cohort: string, extra = ''): string {
  const path = join(dir, 'scenario.yaml');
  writeFileSync(path, `name: rel
seed: 3
cohort: { source: csv, path: ${JSON.stringify(cohort)}, schema: builtin }
program: { nurses: 1, home_units_per_day: 4 }
priority:
  robustness: { draws: 0 }
  target_segments: ['1']
optimize: { horizon_days: 7, solver: highs }
${extra}`);
  return path;
}
