/**
 * Per-patient transfusion arithmetic on the episodes the SQL found (src/extract/sql/02, 03): counts, units,
 * mean interval, mean pre-transfusion Hb and the Hb decline between episodes. Pure; no database here.
 */

/** One transfusion episode with the Hb results around it; days are days since 1970-01-01, NaN when absent. */
export interface Episode {
  readonly startDay: number;
  readonly endDay: number;
  readonly units: number;
  readonly preDay: number;
  readonly preHb: number;
  readonly postDay: number;
  readonly postHb: number;
}

export interface EpisodeFeatures {
  readonly episodes: number;
  readonly units: number;
  readonly unitsPerEpisode: number;
  /** Mean days between consecutive episode starts; NaN with fewer than two episodes. */
  readonly intervalDaysMean: number;
  /** Mean of the pre-transfusion Hb values found; NaN when none. */
  readonly hbPreMean: number;
  /** Mean over consecutive pairs of (post Hb − next pre Hb) / weeks between them, floored at 0; NaN when no pair. */
  readonly hbDeclinePerWeek: number;
}

/**
 * Features of one patient's episodes, given in start order. Cost: O(episodes).
 * @example
 * episodeFeatures([{ startDay: 0, endDay: 0, units: 2, preDay: 0, preHb: 7.5, postDay: 1, postHb: 9.5 },
 *   { startDay: 29, endDay: 29, units: 2, preDay: 29, preHb: 7.5, postDay: 30, postHb: 9.5 }]);
 * // episodes 2, units 4, interval 29, hb decline (9.5 − 7.5) / 4 weeks = 0.5
 */
export function episodeFeatures(episodes: readonly Episode[]): EpisodeFeatures {
  const n = episodes.length;
  let units = 0;
  let preSum = 0;
  let preN = 0;
  let slopeSum = 0;
  let slopeN = 0;
  for (let k = 0; k < n; k++) {
    const e = episodes[k]!;
    if (k > 0 && e.startDay <= episodes[k - 1]!.startDay) throw new Error(`episodeFeatures: episodes out of order at ${k}`);
    units += e.units;
    if (!Number.isNaN(e.preHb)) {
      preSum += e.preHb;
      preN++;
    }
    const next = episodes[k + 1];
    if (next && !Number.isNaN(e.postHb) && !Number.isNaN(next.preHb) && next.preDay > e.postDay) {
      slopeSum += (e.postHb - next.preHb) / ((next.preDay - e.postDay) / 7);
      slopeN++;
    }
  }
  return {
    episodes: n,
    units,
    unitsPerEpisode: n ? units / n : Number.NaN,
    intervalDaysMean: n >= 2 ? (episodes[n - 1]!.startDay - episodes[0]!.startDay) / (n - 1) : Number.NaN,
    hbPreMean: preN ? preSum / preN : Number.NaN,
    hbDeclinePerWeek: slopeN ? Math.max(0, slopeSum / slopeN) : Number.NaN,
  };
}
