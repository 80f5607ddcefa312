/**
 * Charlson comorbidity index from the groups a patient's conditions fall in (Charlson 1987 weights; ICD-10
 * groups after Quan 2005, listed in concepts.yaml). Unadjusted for age. Where a severe form is present its
 * milder form does not count as well.
 */
import type { CharlsonGroup } from './concepts.js';
import { CHARLSON_WEIGHTS } from './concepts.js';

/** [severe, milder]: the milder group is ignored when the severe one is present. */
export const CHARLSON_HIERARCHY: readonly (readonly [CharlsonGroup, CharlsonGroup])[] = [
  ['diabetes_complicated', 'diabetes'],
  ['severe_liver', 'mild_liver'],
  ['metastatic', 'malignancy'],
];

/**
 * Sum of weights over the groups present, hierarchy applied. Cost: O(groups).
 * @example
 * charlsonIndex(new Set(['diabetes', 'diabetes_complicated', 'heart_failure'])); // 3
 */
export function charlsonIndex(present: ReadonlySet<CharlsonGroup>): number {
  let score = 0;
  for (const g of present) score += CHARLSON_WEIGHTS[g];
  for (const [severe, mild] of CHARLSON_HIERARCHY) if (present.has(severe) && present.has(mild)) score -= CHARLSON_WEIGHTS[mild];
  return score;
}
