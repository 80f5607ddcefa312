/**
 * `learnRules`: segments → one readable rule per segment, with metrics on the fit and held-out rows, bootstrap
 * stability, the IMM baseline side by side, and (optionally) a target-group recommendation.
 *
 *   labels ─► split (stratified) ─► bin columns ─► beam rule and CART per segment, each with its own inner
 *   validation ─► held-out comparison (recommended rule) ─► stability ─► IMM baseline ─► target
 *
 * Pure: no file access. Streams used: `rules/split`, `rules/inner` (inner validation folds), `rules/compare`
 * (paired bootstrap of the held-out comparison), `rules/bootstrap/<b>`.
 */
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import type { PatientTable } from '../data/table.js';
import type { Streams } from '../random/index.js';
import type { RulesSettings } from '../scenario/sections/rules.js';
import { immBaselines } from './baselines.js';
import { prepareFeatures } from './features.js';
import { compareLearners, fitLearner } from './learners.js';
import { MIN_SEGMENT_PATIENTS } from './labels.js';
import { round6, splitMetrics } from './metrics.js';
import { innerFolds } from './folds.js';
import { validateRecipes } from './select.js';
import { stratifiedSplit } from './split.js';
import { cartSurrogates } from './surrogate.js';
import { bootstrapStability } from './stability.js';
import { preferenceWeights, rankTargets } from './target.js';
import { rulesText } from './text.js';
import type { FitData, Recipe, RecipeScore, RuleSelection, RulesDocument, SegmentRule } from './types.js';
import { dict } from '../data/dict.js';

export interface LearnOptions {
  /** Segment confidence per row in [0, 1] (e.g. consensus share); weights rows when `weight_by_confidence`. */
  readonly confidence?: ArrayLike<number>;
  /** Segment centres in column units (`{segment: {column: value}}`) for the IMM tree; absent → segment means. */
  readonly centroids?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Progress lines (stderr); never receives patient ids. */
  readonly log?: (message: string) => void;
}

/** The result is the `rules.json` document itself. */
export type RulesResult = RulesDocument;

/** The document form of a segment's model choice. */
function selectionRecord(
  recipe: Recipe | null, scores: readonly RecipeScore[] | null, folds: number,
): RuleSelection | null {
  if (!recipe) return null;
  const candidates = scores?.map((c) => ({
    source: c.source, terms: c.terms, f_beta: round6(c.f_beta), conditions: round6(c.conditions), score: round6(c.score),
  })) ?? null;
  return { source: recipe.source, terms: recipe.terms, folds, candidates };
}

/** Columns the rules may use, or an InputError naming the bad `rules.features` / `rules.exclude` entries. */
export function usableColumns(table: PatientTable, settings: RulesSettings): string[] {
  const names = table.columns.map((c) => c.name);
  const issues: InputIssue[] = [];
  const check = (list: readonly string[], path: string): void => list.forEach((f, i) => {
    if (!names.includes(f)) issues.push({ code: 'unknown_column', path: `${path}[${i}]`, value: f, message: 'no such column in the data' });
  });
  if (settings.features) check(settings.features, 'rules.features');
  check(settings.exclude, 'rules.exclude');
  if (issues.length) throw new InputError(issues);
  const wanted = settings.features ?? names;
  const usable = names.filter((n) => wanted.includes(n) && !settings.exclude.includes(n));
  if (usable.length === 0) throw new InputError([{ code: 'no_columns', path: 'rules.features', message: 'no column left for the rules to use' }]);
  return usable;
}

/**
 * Learn one rule per segment.
 * Cost: O(segments × terms × depth × beam × n × columns) for the fit, × (1 + inner_folds) for the model choice
 * (on at most `inner_max_rows` rows), + bootstrap refits on at most
 * `bootstrap_max_rows` rows; baselines O(segments × depth × n × columns) after an O(columns × n log n) sort.
 * @example
 * const { table, archetypes } = synthesizeCohort(2000, streams(1));
 * const doc = learnRules(table, archetypes, rulesSection.parse({}), streams(1).child('rules'));
 * doc.rules[0].text; // 'diagnosis is thalassaemia AND …'
 */
export function learnRules(table: PatientTable, labels: readonly string[], settings: RulesSettings, rngs: Streams, options: LearnOptions = {}): RulesResult {
  const n = table.ids.length;
  if (labels.length !== n) throw new Error(`learnRules: ${labels.length} labels for ${n} rows`);
  if (settings.target) preferenceWeights(table, settings.target); // fail fast on a bad goal
  const log = options.log ?? (() => {});
  const warnings: string[] = [];
  const names = [...new Set(labels)].sort();
  const codeOf = new Map(names.map((s, k) => [s, k]));
  const codes = Int32Array.from(labels, (l) => codeOf.get(l)!);
  const split = stratifiedSplit(codes, names.length, settings.holdout, rngs.stream('split'));
  const columns = usableColumns(table, settings);
  // A segment too small to describe (a clustering outcome, not bad input: labels files are checked by
  // alignSegments) keeps its patients in "the rest" but gets no rule and a warning.
  const sizes = names.map((_, s) => codes.filter((c) => c === s).length);
  const skip = Uint8Array.from(sizes, (k) => (k < MIN_SEGMENT_PATIENTS ? 1 : 0));
  sizes.forEach((k, s) => { if (skip[s]) warnings.push(`segment ${names[s]} has ${k} patient${k === 1 ? '' : 's'}; too few to describe, no rule`); });
  const useConfidence = settings.weight_by_confidence && options.confidence !== undefined;
  const weight = new Float64Array(n);
  for (const r of split.fit) weight[r] = useConfidence ? Math.max(0, options.confidence![r]!) : 1;
  // The CART surrogate's splits (as readable equivalents) join the search grid, so CART's leaf paths are rules on it.
  const plain = prepareFeatures(table, columns, split.fit, codes, names.length, settings.quantiles, []);
  const cart = cartSurrogates(table, plain, codes, names.length, split.fit, weight, settings.max_conditions);
  const features = prepareFeatures(table, columns, split.fit, codes, names.length, settings.quantiles, warnings, cart.cuts);
  const data: FitData = { features, usable: features.map((_, i) => i), codes, nSegments: names.length, skip };
  const folds = settings.inner_folds >= 2 ? innerFolds(codes, split.fit, settings.inner_folds, settings.inner_max_rows, rngs.stream('inner'), settings.inner_repeats) : undefined;
  log(`rules: fitting ${names.length} segments on ${split.fit.length} patients (${split.holdout.length} held out), ${features.length} columns${folds ? `, ${settings.inner_folds}-fold inner validation` : ''}`);
  const choices = folds ? validateRecipes({ table, columns, codes, nSegments: names.length, skip }, folds, weight, settings) : null;
  // Two separate learners, each with its own validated budget; the held-out comparison picks the recommended one.
  const fits = {
    beam: fitLearner('beam', data, table, split.fit, weight, settings, choices),
    cart: fitLearner('cart', data, table, split.fit, weight, settings, choices),
  };
  const units = dict<string>();
  for (const f of features) if (f.unit) units[f.name] = f.unit;
  const rows = { table, codes, names, split, skip };
  const { comparisons, matches } = compareLearners(fits, rows, units, settings.comparison_resamples, rngs.stream('compare'));
  const chosen = comparisons.map((c) => c?.recommended ?? 'beam');
  const finals = chosen.map((source, s) => fits[source].terms[s]!);
  const recipes = chosen.map((source, s) => fits[source].recipes[s] ?? null);
  finals.forEach((rule, s) => { if (rule.length === 0 && !skip[s]) warnings.push(`segment ${names[s]}: no condition separates it from the rest; no rule`); });
  const stability = settings.bootstrap > 0 ? bootstrapStability(data, split.fit, split.holdout, weight, finals, recipes, settings, rngs.child('bootstrap'), log) : null;
  const imm = settings.baselines ? immBaselines(table, data, split, names, options.centroids, warnings) : null;
  const rules: SegmentRule[] = names.map((segment, s) => ({
    segment,
    terms: finals[s]!,
    text: rulesText(finals[s]!, units),
    metrics: splitMetrics(matches[chosen[s]!][s]!, codes, s, split, names),
    stability: stability?.[s] ?? null,
    selection: selectionRecord(recipes[s] ?? null, choices?.[s]?.scores ?? null, folds ? settings.inner_folds : 0),
    comparison: comparisons[s] ?? null,
    baseline: { imm: imm?.[s] ?? null },
  }));
  const targeting = settings.target ? rankTargets(table, codes, names, rules, settings.target, units) : null;
  return {
    format: 'carestrata-rules',
    version: 1,
    seed: rngs.seed,
    settings: settings as unknown as Record<string, unknown>,
    data: {
      patients: n,
      fit_patients: split.fit.length,
      holdout_patients: split.holdout.length,
      features: features.map((f) => f.name),
      units,
      segments: names.map((segment, s) => ({ segment, size: sizes[s]! })),
      weighted_by_confidence: useConfidence,
      centroids: !settings.baselines ? 'none' : options.centroids ? 'given' : 'segment_means',
    },
    rules,
    targeting,
    warnings,
  };
}
