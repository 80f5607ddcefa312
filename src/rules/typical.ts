/**
 * The most typical of several fits of one recipe. The beam search picks among a vast number of boxes, so its
 * rule refit on all fit rows can land on an unusual combination that the fits on each inner fold's training rows
 * do not share. Among the full fit and the fold fits, the rule whose matched patients overlap most with the
 * others' (mean Jaccard over the fit rows) is the medoid: the choice the data support most consistently.
 * Like SIRUS (Bénard et al. 2021), which keeps the rules that recur across resampled trees, it trades a little
 * in-sample fit for stability.
 *
 * Cost: O(candidates × n × conditions + candidates² × n).
 */
import type { PatientTable } from '../data/table.js';
import { matchTerms } from './apply.js';
import type { Term } from './types.js';

/** Jaccard overlap of two match vectors over `rows` (1 when both match nobody). O(rows). */
export function jaccard(a: Uint8Array, b: Uint8Array, rows: Int32Array): number {
  let both = 0;
  let either = 0;
  for (const r of rows) {
    if (a[r] || b[r]) either++;
    if (a[r] && b[r]) both++;
  }
  return either ? both / either : 1;
}

/**
 * Index of the candidate with the highest mean Jaccard overlap with the other candidates on `rows`; ties keep
 * the earlier one (pass the full fit first).
 * @example
 * typicalRule([fullFit, ...foldFits], table, fitRows); // 0 unless a fold's rule is more central
 */
export function typicalRule(candidates: readonly (readonly Term[])[], table: PatientTable, rows: Int32Array): number {
  const matches = candidates.map((t) => matchTerms(t, table));
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  matches.forEach((m, i) => {
    let sum = 0;
    matches.forEach((o, j) => { if (j !== i) sum += jaccard(m, o, rows); });
    if (sum > bestScore + 1e-12) { bestScore = sum; best = i; }
  });
  return best;
}
