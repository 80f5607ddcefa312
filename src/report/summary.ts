/**
 * `summary.json`: the run's findings as data, for scripts and for comparing runs. Same seed → identical file,
 * on a quiet or a busy machine: stage timings go to the log (stderr), never into a file.
 */
import { decideMeasures } from '../decide/index.js';
import type { PipelineResult } from '../pipeline.js';
import type { PolicyMetricRow } from '../sim/index.js';
import type { FaceValidityCheck } from './faceValidity.js';
import { faceValidity } from './faceValidity.js';
import { versions } from './meta.js';
import { countedDays, perYear } from './stages.js';
import type { ReportModel } from './model.js';

/** Bumped when the summary's shape changes incompatibly. */
export const SUMMARY_FORMAT = 1;

/**
 * The summary object (serialise with `JSON.stringify(x, null, 2)`). Cost: O(1) beyond the stage summaries.
 * @example
 * JSON.stringify(summaryJson(result, reportModel(result), ['summary.json']), null, 2);
 */
export function summaryJson(r: PipelineResult, model: ReportModel, outputs: readonly string[]): Record<string, unknown> {
  const c = r.cohort;
  return {
    format: SUMMARY_FORMAT,
    versions: versions(),
    scenario: { name: r.scenario.name, file: r.scenarioFile, seed: r.scenario.seed },
    cohort: { source: c.source, patients: c.table.ids.length, columns: c.table.columns.length, pseudonymized: c.pseudonymized, ingest: c.ingest ?? null },
    capacity: r.capacity,
    priority: r.priority
      ? {
          patients: r.priority.result.score.length,
          eligible: r.priority.result.order.length,
          excluded_by_reason: r.priority.result.countByReason,
          capacity_line: r.priority.capacity,
          robustness: r.priority.robustness ? { draws: r.priority.robustness.draws, kendall_tau_mean: r.priority.robustness.kendallTau.mean, unstable: r.priority.robustness.unstableCount } : null,
        }
      : null,
    simulation: r.simulation
      ? {
          policies: r.simulation.policies,
          best_heuristic: r.simulation.bestHeuristic ?? null,
          events: r.simulation.events,
          home_transfusions: countsByPolicy(r, 'home_transfusions'),
          days_below_trigger: countsByPolicy(r, 'days_below_trigger'),
          counted_days: countedDays(r.scenario.simulation),
          warmup_days: r.scenario.simulation.warmup_days,
          face_validity: faceValidityJson(r),
        }
      : null,
    decision: r.decision
      ? { status: r.decision.status, recommended: r.decision.recommended, tied: r.decision.tied, decided_by: r.decision.decidedBy, confidence: r.decision.confidence,
          checks: r.decision.checks.map((c) => ({ policy: c.policy, constraint: c.label, estimate: c.interval.estimate, ci_low: c.interval.ciLow, ci_high: c.interval.ciHigh, slack: c.slack, passed: c.passed })) }
      : null,
    uncertainty: r.uncertainty
      ? { outer_replications: r.uncertainty.outer.length, rows: r.uncertainty.rows.filter((x) => decideMeasures(r.scenario.decide).includes(x.metric)).map((x) => ({ policy: x.policy, metric: x.metric, mean: x.mean, noise_variance: x.noiseVariance, input_variance: x.inputVariance, combined_ci: [x.combined.ciLow, x.combined.ciHigh], noise_ci: [x.noiseOnly.ciLow, x.noiseOnly.ciHigh] })) }
      : null,
    recommendation: model.recommendation,
    warnings: model.warnings,
    pending_stages: r.pending,
    outputs,
  };
}

/** A simulated count per policy: mean and CI over the counted days (after the warm-up), and the mean per year. */
function countsByPolicy(r: PipelineResult, metric: string): Record<string, unknown> {
  const sim = r.scenario.simulation;
  const rows = r.simulation?.table.filter((x) => x.metric === metric) ?? [];
  const entry = (x: PolicyMetricRow) => ({
    mean: x.mean, ci_low: x.ciLow, ci_high: x.ciHigh, counted_days: countedDays(sim), per_year: perYear(x.mean, sim),
  });
  return Object.fromEntries(rows.map((x) => [x.policy, entry(x)]));
}

/** The face-validity checks (null without clinic_only's per-patient history). */
function faceValidityJson(r: PipelineResult): Record<string, unknown> | null {
  const b = r.simulation?.baseline;
  if (!b) return null;
  const fv = faceValidity(r.cohort.table, b);
  const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const check = (c: FaceValidityCheck) => ({
    measure: c.measure, column: c.column, recorded: num(c.recorded), simulated: num(c.simulated), patients: c.patients,
    bound: c.bound, holds: c.holds,
  });
  return { holds: fv.holds, counted_days: fv.countedDays, replications: fv.replications, checks: fv.checks.map(check) };
}
