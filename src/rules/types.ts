/**
 * The rules document (`rules.json`): plain, JSON-ready records. Terms are ORed; the conditions inside a term
 * are ANDed. `op` is `>=`, `<` (numbers), `==` (0/1 columns) or `in` (categorical levels).
 */
import { z } from 'zod';
import type { FeatureView } from './features.js';

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
  readonly method: 'imm';
  readonly terms: readonly Term[];
  readonly metrics: { readonly train: RuleMetrics; readonly holdout: RuleMetrics | null };
}

/** Held-out F1 of the beam's rule minus CART's, with a paired bootstrap interval. */
export interface F1Difference {
  readonly beam_minus_cart: number;
  /** Percentile interval of the paired bootstrap at `level`. */
  readonly low: number;
  readonly high: number;
  readonly level: number;
  /** Bootstrap resamples of the held-out patients (0 = no interval: low = high = the estimate). */
  readonly resamples: number;
}

/** One learner's rule for a segment, chosen on inner folds of the fit rows and refit on all of them. */
export interface LearnerRule {
  readonly terms: readonly Term[];
  readonly text: string;
  /** Conditions (an interval on one column counts once), summed over terms. */
  readonly conditions: number;
  /** The term budget chosen for this learner. */
  readonly budget: number;
  readonly metrics: { readonly train: RuleMetrics; readonly holdout: RuleMetrics | null };
}

/** The two learners side by side, the interval of their difference, and which rule is recommended. */
export interface RuleComparison {
  readonly beam: LearnerRule;
  readonly cart: LearnerRule;
  /** Null without held-out patients. */
  readonly difference: F1Difference | null;
  /** Fewer conditions, then fewer terms; a tie goes to the beam. */
  readonly simpler: 'beam' | 'cart';
  /** The simpler rule unless the other is better beyond the interval of the difference. */
  readonly recommended: 'beam' | 'cart';
}

export interface SegmentRule {
  readonly segment: string;
  /** The recommended rule (see `comparison`). */
  readonly terms: readonly Term[];
  /** The rule in words, e.g. `distance_km ≥ 25 km AND alloantibodies = 0`. */
  readonly text: string;
  readonly metrics: { readonly train: RuleMetrics; readonly holdout: RuleMetrics | null };
  readonly stability: RuleStability | null;
  /**
   * How the rule was made: its learner (`beam` search or `cart`, the CART surrogate's leaf paths on readable
   * thresholds), the term budget inner validation chose for that learner inside the fit rows, and every
   * candidate recipe's validated figures (null without inner validation). Absent in documents from earlier versions.
   */
  readonly selection?: RuleSelection | null;
  /** Beam rule and CART compared on the held-out patients; null when the segment has no rule. */
  readonly comparison: RuleComparison | null;
  readonly baseline: {
    readonly imm: BaselineRule | null;
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
  rules: z.array(z.object({ segment: z.union([z.string().min(1), z.number().transform(String)]), terms: z.array(z.array(conditionSchema).min(1)).min(1) })).min(1),
  targeting: z.object({ chosen: z.array(z.string()) }).nullable().optional(),
});

/** The minimal rules shape {@link applyRules} reads (a {@link RulesDocument} satisfies it). */
export interface AppliedRules {
  readonly rules: readonly { readonly segment: string; readonly terms: readonly Term[] }[];
  readonly targeting?: { readonly chosen: readonly string[] } | null;
}

// ---- Shared working types of the rules stage (search, model choice, refits); not part of rules.json. ----

/** A condition during the search: a mask over one column's bins, plus the bin range [lo, hi) for ordered columns. */
export interface BinCondition {
  /** Index into the feature list. */
  readonly f: number;
  /** 1 for bins that satisfy the condition; the missing bin is always 0. */
  readonly mask: Uint8Array;
  /** Ordered columns: bins [lo, hi). Categorical: −1. */
  readonly lo: number;
  readonly hi: number;
  /** Stable identity, for deduplication. */
  readonly key: string;
}

/** A rule during the search: terms ORed, each an AND of binned conditions. */
export type BinRule = readonly (readonly BinCondition[])[];

/** What a search for one segment's rule reads: binned columns, row weights and the segment's rows. */
export interface SearchContext {
  readonly features: readonly FeatureView[];
  /** Feature indices the rules may use. */
  readonly usable: readonly number[];
  /** Weight per table row (0 for rows outside the fit). */
  readonly weight: Float64Array;
  /** 1 for rows of the segment being described. */
  readonly positive: Uint8Array;
  /** Total segment weight in the fit (the recall denominator). */
  readonly totalPositive: number;
  readonly beta: number;
  readonly penalty: number;
  readonly maxConditions: number;
  readonly beamWidth: number;
}

export type RuleSource = 'beam' | 'cart';

/** A learner and its budget of ORed terms. */
export interface Recipe {
  readonly source: RuleSource;
  readonly terms: number;
}

/** One recipe's inner-validation figures (pooled over folds). */
export interface RecipeScore extends Recipe {
  /** Validated F-beta, weighted as the fit. */
  readonly f_beta: number;
  /** Mean conditions of the fold rules. */
  readonly conditions: number;
  /** f_beta − condition_penalty × conditions: what the choice maximises. */
  readonly score: number;
}

/** Inner folds over (a sample of) the fit rows: training and validation rows per fold. */
export interface InnerFolds {
  readonly train: readonly Int32Array[];
  readonly valid: readonly Int32Array[];
  /** Folds per repeat (train/valid hold repeats × k folds). */
  readonly k: number;
}

/** What stays fixed across refits: the binned columns and the labels. */
export interface FitData {
  readonly features: readonly FeatureView[];
  readonly usable: readonly number[];
  /** Segment code per table row. */
  readonly codes: Int32Array;
  readonly nSegments: number;
  /** 1 for segments that get no rule (too small). */
  readonly skip?: Uint8Array;
}

/** How one segment's rule was chosen: the recipe and, when chosen by inner validation, every recipe's score. */
export interface Selection {
  readonly recipe: Recipe;
  readonly scores: readonly RecipeScore[] | null;
}
