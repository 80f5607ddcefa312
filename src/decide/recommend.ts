/**
 * The recommendation rule: maximise (or minimise) one objective measure over the policies that satisfy every
 * constraint, and name a single policy only when the data say so.
 *
 * 1. Check every policy against every constraint (`constraints.ts`, intervals at the stated confidence);
 *    the admissible policies pass all of them.
 * 2. Among the admissible, take the one with the best objective mean and compare it with each other one by
 *    paired differences under common random numbers, with a Bonferroni split of α over the comparisons
 *    (a conservative form of multiple comparisons with the best: Hsu 1984, Annals of Statistics 12(3),
 *    1136–1144; paired-t under CRN: Law 2015, §10.2.2).
 * 3. If every comparison's interval lies wholly on the better side of zero, that policy is recommended;
 *    otherwise the best and every policy whose interval overlaps zero are reported as tied — never one best.
 * 4. What decided: a constraint when it excluded a policy with a better objective mean than the recommended
 *    (or tied) ones — the best such, with its shortfall; otherwise the objective, with the difference to the
 *    closest competitor.
 *
 * Cost: O(p·c·n + p·n) for p policies, c constraints, n replications.
 */
import type { Estimate } from './bootstrap.js';
import type { Constraint, ConstraintCheck, PolicySamples } from './constraints.js';
import { checkConstraint, samples } from './constraints.js';
import { mean, meanCi } from '../stats/index.js';

export interface Objective {
  readonly measure: string;
  readonly sense: 'max' | 'min';
}

/** A paired comparison of the leader with another policy (positive = the leader is better). */
export interface Comparison {
  readonly versus: string;
  readonly difference: Estimate;
}

export type DecidedBy =
  | {
    readonly kind: 'objective';
    readonly measure: string;
    /** The closest competitor (`null` when only one policy is admissible). */
    readonly versus: string | null;
    readonly difference: Estimate | null;
  }
  | { readonly kind: 'constraint'; readonly policy: string; readonly label: string; readonly shortfall: number };

export interface Recommendation {
  readonly status: 'recommended' | 'tied' | 'none_admissible';
  /** The single recommended policy, only when `status` is `recommended`. */
  readonly recommended: string | null;
  /** Policies that cannot be told apart on the objective (the leader first), when `tied`. */
  readonly tied: readonly string[];
  readonly decidedBy: DecidedBy | null;
  readonly checks: readonly ConstraintCheck[];
  readonly comparisons: readonly Comparison[];
  readonly confidence: number;
  readonly message: string;
}

/**
 * Apply the rule to per-replication samples of every policy (same replication count, CRN-paired).
 * @example
 * recommend(policies, { objective: { measure: 'home_transfusions', sense: 'max' },
 *   constraints: [{ kind: 'non_inferior', measure: 'days_below_floor', reference: 'current', margin: 2,
 *   better: 'lower' }] });
 * // { status: 'tied', tied: ['priority', 'nearest'], … } when their paired interval overlaps zero
 */
export function recommend(
  policies: readonly PolicySamples[],
  rule: { objective: Objective; constraints?: readonly Constraint[]; confidence?: number },
): Recommendation {
  const confidence = rule.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`recommend: confidence must be in (0, 1), got ${confidence}`);
  }
  const constraints = rule.constraints ?? [];
  checkShapes(policies, rule.objective, constraints);
  const checks = policies.flatMap((p) => constraints.map((c) => checkConstraint(p, c, policies, confidence)));
  const admissible = policies.filter((p) => checks.every((c) => c.policy !== p.name || c.passed));
  const sign = rule.objective.sense === 'max' ? 1 : -1;
  const score = (p: PolicySamples): number => sign * mean(Array.from(samples(p, rule.objective.measure)));
  const byScore = (list: readonly PolicySamples[]): PolicySamples[] =>
    list.slice().sort((a, b) => score(b) - score(a));
  const base = { checks, confidence };
  if (admissible.length === 0) {
    return { ...base, status: 'none_admissible', recommended: null, tied: [], comparisons: [], decidedBy: null,
      message: 'No policy satisfies every constraint; nothing is recommended.' };
  }
  const [leader, ...rest] = byScore(admissible);
  const alpha = (1 - confidence) / Math.max(1, rest.length);
  const comparisons = rest.map((p) => compare(leader!, p, rule.objective.measure, sign, 1 - alpha));
  const tiedWith = comparisons.filter((c) => !(c.difference.ciLow > 0));
  const excludedBetter = byScore(policies).filter((p) => !admissible.includes(p) && score(p) > score(leader!));
  const decidedBy = decide(excludedBetter[0], checks, rule.objective.measure, comparisons);
  if (tiedWith.length > 0) {
    const tied = [leader!.name, ...tiedWith.map((c) => c.versus)];
    return { ...base, status: 'tied', recommended: null, tied, comparisons, decidedBy,
      message: `Tied on ${rule.objective.measure}: ${tied.join(', ')} (paired intervals overlap zero).` };
  }
  return { ...base, status: 'recommended', recommended: leader!.name, tied: [], comparisons, decidedBy,
    message: `Recommended: ${leader!.name}; ${describe(decidedBy)}.` };
}

function compare(
  leader: PolicySamples, other: PolicySamples, measure: string, sign: number, level: number,
): Comparison {
  const a = samples(leader, measure), b = samples(other, measure);
  const d = Float64Array.from(a, (v, r) => sign * (v - b[r]!));
  const ci = meanCi(d, { level });
  return { versus: other.name, difference: { estimate: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh } };
}

function decide(
  excluded: PolicySamples | undefined, checks: readonly ConstraintCheck[], measure: string,
  comparisons: readonly Comparison[],
): DecidedBy {
  if (excluded) {
    const failed = checks.filter((c) => c.policy === excluded.name && !c.passed).sort((a, b) => a.slack - b.slack)[0]!;
    return { kind: 'constraint', policy: excluded.name, label: failed.label, shortfall: -failed.slack };
  }
  const closest = comparisons.slice().sort((a, b) => a.difference.ciLow - b.difference.ciLow)[0];
  return { kind: 'objective', measure, versus: closest?.versus ?? null, difference: closest?.difference ?? null };
}

function describe(d: DecidedBy): string {
  if (d.kind === 'constraint') {
    return `decided by the constraint "${d.label}", which ${d.policy} fails by ${d.shortfall.toPrecision(3)}`;
  }
  if (!d.versus || !d.difference) return `the only admissible policy`;
  const { estimate, ciLow, ciHigh } = d.difference;
  return `decided by ${d.measure}: better than ${d.versus} by ${estimate.toPrecision(3)}`
    + ` (interval ${ciLow.toPrecision(3)} to ${ciHigh.toPrecision(3)})`;
}

function checkShapes(
  policies: readonly PolicySamples[], objective: Objective, constraints: readonly Constraint[],
): void {
  if (policies.length === 0) throw new Error('recommend: no policies');
  const measures = [objective.measure, ...constraints.map((c) => c.measure)];
  const n = samples(policies[0]!, objective.measure).length;
  if (n < 2) throw new Error(`recommend: need at least 2 replications, got ${n}`);
  for (const p of policies) {
    for (const m of measures) {
      const len = samples(p, m).length;
      if (len !== n) throw new Error(`recommend: policy "${p.name}" has ${len} replications of "${m}", expected ${n}`);
    }
  }
}
