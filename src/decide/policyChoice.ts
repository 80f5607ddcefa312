/**
 * The scenario's recommendation rule (`decide.objective`, `decide.constraints`) applied to simulated policies:
 * per-replication samples are gathered per policy (replication r of every policy ran on the same random
 * streams — common random numbers, src/sim/replication.ts), relative non-inferiority margins are resolved
 * against the reference policy's mean, and `recommend` decides. With antithetic variates the pairs are averaged
 * first; with outer replications (input uncertainty) each outer replication's mean is one sample, so the
 * deciding intervals carry both the input and the simulation doubt.
 *
 * Cost: O(policies · measures · replications).
 */
import type { InputIssue } from '../errors.js';
import type { DecideSettings } from '../scenario/sections/decide.js';
import { mean } from '../stats/index.js';
import type { Constraint, PolicySamples } from './constraints.js';
import { samples } from './constraints.js';
import type { Objective, Recommendation } from './recommend.js';
import { recommend } from './recommend.js';

/** Replications as the simulator returns them (only what the rule needs). */
export interface ReplicationMeasures {
  readonly runs: readonly { readonly policy: string; readonly metrics: ArrayLike<number> }[];
}

/**
 * Per policy, the values of `wanted` measures over replications (pairs averaged when `antitheticPairs`).
 * @example
 * policySamples(sim.replications, sim.policies, sim.metrics, ['home_transfusions'])[1].measures.home_transfusions;
 */
export function policySamples(
  reps: readonly ReplicationMeasures[], policies: readonly string[], metrics: readonly string[],
  wanted: readonly string[], opts: { antitheticPairs?: boolean } = {},
): PolicySamples[] {
  return policies.map((name, p) => {
    const measures: Record<string, Float64Array> = {};
    for (const m of new Set(wanted)) {
      const j = metrics.indexOf(m);
      if (j < 0) throw new Error(`policySamples: no measure "${m}"`);
      const raw = Float64Array.from(reps, (r) => r.runs[p]!.metrics[j]!);
      measures[m] = opts.antitheticPairs ? pairMeans(raw) : raw;
    }
    return { name, measures };
  });
}

function pairMeans(x: Float64Array): Float64Array {
  return Float64Array.from({ length: Math.floor(x.length / 2) }, (_, i) => (x[2 * i]! + x[2 * i + 1]!) / 2);
}

/** Measures the rule reads: the objective's and every constraint's. */
export function decideMeasures(decide: Pick<DecideSettings, 'objective' | 'constraints'>): string[] {
  return [...new Set([decide.objective.measure, ...decide.constraints.map((c) => c.measure)])];
}

/**
 * Bad-input issues for a rule naming a measure the simulator does not produce, or a reference policy that
 * is not simulated (YAML paths under `decide`).
 * @example
 * decideIssues(scenario.decide, metricNames(cohort), ['clinic_only', 'priority_greedy']); // [] when all known
 */
export function decideIssues(
  decide: Pick<DecideSettings, 'objective' | 'constraints'>, measures: readonly string[], policies: readonly string[],
): InputIssue[] {
  const issues: InputIssue[] = [];
  const known = `known: ${measures.slice(0, 8).join(', ')}, …`;
  if (!measures.includes(decide.objective.measure)) {
    const { measure } = decide.objective;
    const message = `not a simulator measure (${known})`;
    issues.push({ code: 'unknown_measure', path: 'decide.objective.measure', value: measure, message });
  }
  decide.constraints.forEach((c, i) => {
    if (!measures.includes(c.measure)) {
      const message = `not a simulator measure (${known})`;
      issues.push({ code: 'unknown_measure', path: `decide.constraints.${i}.measure`, value: c.measure, message });
    }
    if (c.kind === 'non_inferior' && !policies.includes(c.reference)) {
      const message = 'the reference policy is not simulated (simulation.policies)';
      issues.push({ code: 'unknown_policy', path: `decide.constraints.${i}.reference`, value: c.reference, message });
    }
  });
  return issues;
}

/**
 * The rule with relative margins turned into absolute ones (margin + margin_relative × |reference mean|).
 * @example
 * decisionRule(scenario.decide, samples).constraints[0]; // { kind: 'non_inferior', margin: 2.2, … }
 */
export function decisionRule(
  decide: Pick<DecideSettings, 'objective' | 'constraints'>, policies: readonly PolicySamples[],
): { objective: Objective; constraints: Constraint[] } {
  const constraints = decide.constraints.map((c): Constraint => {
    if (c.kind !== 'non_inferior') return { kind: c.kind, measure: c.measure, value: c.value };
    const ref = policies.find((p) => p.name === c.reference);
    if (!ref) throw new Error(`decisionRule: no reference policy "${c.reference}"`);
    const refMean = c.margin_relative > 0 ? Math.abs(mean(Array.from(samples(ref, c.measure)))) : 0;
    const margin = c.margin + c.margin_relative * refMean;
    return { kind: 'non_inferior', measure: c.measure, reference: c.reference, margin, better: c.better };
  });
  return { objective: { measure: decide.objective.measure, sense: decide.objective.sense }, constraints };
}

/**
 * Apply the scenario's rule at `decide.confidence`. Cost: see {@link recommend}.
 * @example
 * recommendPolicy(policySamples(reps, policies, metrics, decideMeasures(d)), d).status; // 'tied' | …
 */
export function recommendPolicy(
  policies: readonly PolicySamples[], decide: Pick<DecideSettings, 'objective' | 'constraints' | 'confidence'>,
): Recommendation {
  return recommend(policies, { ...decisionRule(decide, policies), confidence: decide.confidence });
}
