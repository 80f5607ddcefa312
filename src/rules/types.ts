/**
 * The rules document (`rules.json`): plain, JSON-ready records. Terms are ORed; the conditions inside a term
 * are ANDed. `op` is `>=`, `<` (numbers), `==` (0/1 columns) or `in` (categorical levels).
 */
import { z } from 'zod';

export type ConditionOp = '>=' | '<' | '==' | 'in';

export interface Condition {
  readonly feature: string;
  readonly op: ConditionOp;
  /** A number for `>=`, `<`, `==`; the allowed levels for `in`. */
  readonly value: number | readonly string[];
}

/** Conditions ANDed together. */
export type Term = readonly Condition[];

/** How well a rule picks out its segment on one set of patients (counts are unweighted). */
export interface RuleMetrics {
  /** Patients evaluated. */
  readonly patients: number;
  /** Patients of the segment among them. */
  readonly segment_size: number;
  /** Patients the rule matches. */
  readonly support: number;
  readonly true_positives: number;
  readonly false_positives: number;
  readonly false_negatives: number;
  /** Share of the segment the rule catches. */
  readonly recall: number;
  /** Share of matched patients who belong to the segment. */
  readonly precision: number;
  readonly f1: number;
  /** precision / (segment_size / patients). */
  readonly lift: number;
  /** Other segments the rule wrongly captures, most first. */
  readonly captured_from: readonly { readonly segment: string; readonly count: number }[];
}

export interface ConditionStability {
  readonly feature: string;
  readonly op: ConditionOp;
  readonly value: number | readonly string[];
  /** Share of bootstrap refits whose rule has a condition on this feature in the same direction. */
  readonly reappearance: number;
  /** Spread of that condition's threshold across the refits where it reappeared (numbers only). */
  readonly threshold: { readonly p05: number; readonly median: number; readonly p95: number } | null;
  /** For `in` and `==`: share of refits with exactly the same levels / value. */
  readonly same_value: number | null;
}

export interface RuleStability {
  readonly refits: number;
  /** Rows drawn per refit. */
  readonly rows_per_refit: number;
  readonly conditions: readonly ConditionStability[];
  /** Held-out F1 of the refitted rules (null without a held-out split). */
  readonly holdout_f1: { readonly mean: number; readonly sd: number; readonly min: number } | null;
}

/** One candidate recipe's inner-validation figures. */
export interface RecipeFigures {
  readonly source: 'beam' | 'cart';
  /** Most ORed terms allowed. */
  readonly terms: number;
  /** F-beta pooled over the inner validation folds. */
  readonly f_beta: number;
  /** Mean conditions per fold rule. */
  readonly conditions: number;
  /** f_beta − condition_penalty × conditions. */
  readonly score: number;
}

export interface RuleSelection {
  readonly source: 'beam' | 'cart';
  readonly terms: number;
  /** Inner folds used (0 = chosen by the in-sample objective). */
  readonly folds: number;
  readonly candidates: readonly RecipeFigures[] | null;
}

export interface BaselineRule {
  readonly method: 'cart' | 'imm';
  readonly terms: readonly Term[];
  readonly metrics: { readonly train: RuleMetrics; readonly holdout: RuleMetrics | null };
}

export interface SegmentRule {
  readonly segment: string;
  readonly terms: readonly Term[];
  /** The rule in words, e.g. `distance_km ≥ 25 km AND alloantibodies = 0`. */
  readonly text: string;
  readonly metrics: { readonly train: RuleMetrics; readonly holdout: RuleMetrics | null };
  readonly stability: RuleStability | null;
  /**
   * How the rule was chosen: the learner (`beam` search or the `cart` surrogate's leaf paths on readable
   * thresholds) and term budget with the best inner-validation score inside the fit rows, and every candidate's
   * score (null without inner validation). Absent in documents from earlier versions.
   */
  readonly selection?: RuleSelection | null;
  readonly baseline: {
    readonly cart: BaselineRule | null;
    readonly imm: BaselineRule | null;
    /** Best held-out F1 (train F1 without a split) among rule, cart and imm; ties go to the rule. */
    readonly winner: 'rule' | 'cart' | 'imm';
  };
}

export interface TargetRanking {
  readonly segment: string;
  readonly score: number;
  /** Standardised mean of each preferred column in this segment. */
  readonly z: Readonly<Record<string, number>>;
}

export interface Targeting {
  readonly prefer: Readonly<Record<string, number>>;
  readonly ranking: readonly TargetRanking[];
  readonly chosen: readonly string[];
  /** One paragraph per chosen segment. */
  readonly recommendation: readonly string[];
}

export interface RulesDocument {
  readonly format: 'carestrata-rules';
  readonly version: 1;
  readonly seed: number;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly data: {
    readonly patients: number;
    readonly fit_patients: number;
    readonly holdout_patients: number;
    readonly features: readonly string[];
    /** Unit of each numeric column used, for display. */
    readonly units: Readonly<Record<string, string>>;
    readonly segments: readonly { readonly segment: string; readonly size: number }[];
    readonly weighted_by_confidence: boolean;
    readonly centroids: 'given' | 'segment_means' | 'none';
  };
  readonly rules: readonly SegmentRule[];
  readonly targeting: Targeting | null;
  readonly warnings: readonly string[];
}

const conditionSchema = z.strictObject({
  feature: z.string().min(1),
  op: z.enum(['>=', '<', '==', 'in']),
  value: z.union([z.number(), z.array(z.string())]),
}).refine((c) => (c.op === 'in') === Array.isArray(c.value), { message: '`in` takes a list of levels; other ops take a number' });

/** The part of `rules.json` that `--apply` needs; everything else is ignored. */
export const appliedRulesSchema = z.object({
  rules: z.array(z.object({ segment: z.string().min(1), terms: z.array(z.array(conditionSchema).min(1)).min(1) })).min(1),
  targeting: z.object({ chosen: z.array(z.string()) }).nullable().optional(),
});

/** The minimal rules shape {@link applyRules} reads (a {@link RulesDocument} satisfies it). */
export interface AppliedRules {
  readonly rules: readonly { readonly segment: string; readonly terms: readonly Term[] }[];
  readonly targeting?: { readonly chosen: readonly string[] } | null;
}
