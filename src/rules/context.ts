/**
 * The search context of one segment: binned columns, row weights, the segment's rows and the search settings.
 *
 * Cost: O(features) to build.
 */
import type { RulesSettings } from '../scenario/sections/rules.js';
import type { FeatureView } from './features.js';
import type { SearchContext } from './types.js';

/** One segment's search context; a class so that every context has the same shape (cohort.ts's `CohortRecord`). */
class SearchContextRecord implements SearchContext {
  constructor(
    readonly features: readonly FeatureView[],
    readonly usable: readonly number[],
    readonly weight: Float64Array,
    readonly positive: Uint8Array,
    readonly totalPositive: number,
    readonly beta: number,
    readonly penalty: number,
    readonly maxConditions: number,
    readonly beamWidth: number,
  ) {}
}

/** The search context for one segment; `usable` defaults to every feature. O(features). */
export function searchContext(
  features: readonly FeatureView[], weight: Float64Array, positive: Uint8Array, totalPositive: number,
  settings: RulesSettings, usable: readonly number[] = features.map((_, i) => i),
): SearchContext {
  const { beta, condition_penalty: penalty, max_conditions: maxConditions, beam_width: beamWidth } = settings;
  return new SearchContextRecord(
    features, usable, weight, positive, totalPositive, beta, penalty, maxConditions, beamWidth,
  );
}
