/**
 * clinic_only's per-patient history as simulated, averaged over replications: what the face-validity check
 * (src/report/faceValidity.ts) sets against the cohort's recorded 12 months.
 *
 * Cost: O(replications · n).
 */
import type { PatientTotals } from './model/result.js';
import { emptyPatientTotals } from './model/result.js';
import type { ReplicationResult } from './replication.js';

/** Per-patient means over replications of clinic_only's totals, and the days they cover. */
export interface BaselineHistory {
  /**
   * Mean per replication: transfusions, units given and Σ pre-transfusion Hb of each patient (so a patient's
   * mean pre-transfusion Hb over all replications is preHbSum / transfusions).
   */
  readonly totals: PatientTotals;
  /** Days counted in each replication (horizon − warm-up). */
  readonly countedDays: number;
  readonly replications: number;
}

/**
 * Average clinic_only's per-patient totals over the replications that kept them; undefined when none did.
 * @example baselineHistory(result.replications, 337)?.totals.transfusions[0]; // e.g. 11.2 (mean over replications)
 */
export function baselineHistory(reps: readonly ReplicationResult[], countedDays: number): BaselineHistory | undefined {
  const kept = reps
    .map((r) => r.runs.find((run) => run.policy === 'clinic_only')?.patientTotals)
    .filter((t): t is PatientTotals => t !== undefined);
  const first = kept[0];
  if (!first) return undefined;
  const n = first.transfusions.length;
  const sum = emptyPatientTotals(n);
  for (const t of kept) {
    for (let i = 0; i < n; i++) {
      sum.transfusions[i]! += t.transfusions[i]!; sum.units[i]! += t.units[i]!; sum.preHbSum[i]! += t.preHbSum[i]!;
    }
  }
  const m = kept.length;
  const mean = (x: Float64Array): Float64Array => x.map((v) => v / m);
  const totals = { transfusions: mean(sum.transfusions), units: mean(sum.units), preHbSum: mean(sum.preHbSum) };
  return { totals, countedDays, replications: m };
}
