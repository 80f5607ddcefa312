/**
 * Episode windows from the deterministic Hb model (DOMAIN.md, Haemoglobin dynamics):
 *
 *   Hb before any transfusion on day t = hbNow − δ·t + inc·u·N(t−1),   δ = decline per day,
 *
 * where N(t−1) counts the transfusions before day t. Hb is linear in the count, so the k-th transfusion of the
 * horizon has a fixed window: not before Hb (with k−1 transfusions given) reaches trigger + margin, not after
 * it would fall below the floor:
 *
 *   earliest_k = ⌈(hbNow + (k−1)·inc·u − trigger − margin) / δ⌉,   latest_k = ⌊(hbNow + (k−1)·inc·u − floor) / δ⌋.
 *
 * Windows do not depend on when the earlier transfusions happened, which is what makes an assignment
 * (episode → day) formulation exact. Cost: O(episodes) per patient.
 */
import { HB_TOL } from './tolerances.js';
import type { Episode, OptimizePatient } from './types.js';

/** Safety cap on episodes per patient within one horizon (a 1-day cycle over a year). */
export const MAX_EPISODES_PER_PATIENT = 400;

export interface EpisodeOptions {
  readonly horizonDays: number;
  readonly earlyMarginGDl: number;
  readonly overdueGraceDays: number;
}

/**
 * Windows of every transfusion patient `index` may receive within days 1..horizonDays.
 * @example
 * // Hb 8.5, decline 0.7 g/dL/week (0.1/day), trigger 8, floor 7, margin 0: due from day 5, by day 15.
 * episodeWindows(p, 0, { horizonDays: 28, earlyMarginGDl: 0, overdueGraceDays: 3 })[0]; // {earliest: 5, latest: 15, …}
 */
export function episodeWindows(p: OptimizePatient, index: number, opts: EpisodeOptions): Episode[] {
  const D = opts.horizonDays;
  const perDay = p.hbDeclinePerWeek / 7;
  const step = p.hbIncrementPerUnit * p.unitsPerEpisode;
  const upper = p.triggerGDl + opts.earlyMarginGDl;
  const out: Episode[] = [];
  for (let k = 1; k <= MAX_EPISODES_PER_PATIENT; k++) {
    const base = p.hbNowGDl + (k - 1) * step;
    let earliest: number;
    let latest: number;
    if (perDay <= HB_TOL) {
      // No decline: transfuse only if already at or below trigger + margin; never falls further.
      earliest = base <= upper + HB_TOL ? 1 : Number.POSITIVE_INFINITY;
      latest = base >= p.floorGDl - HB_TOL ? Number.POSITIVE_INFINITY : 0;
    } else {
      earliest = Math.max(1, Math.ceil((base - upper) / perDay - HB_TOL));
      latest = Math.floor((base - p.floorGDl) / perDay + HB_TOL);
    }
    if (latest < 1) {
      // Already below the floor before day 1: as soon as possible, within the grace period, penalised.
      out.push({ patient: index, k, earliest: 1, latest: Math.min(D, opts.overdueGraceDays), mandatory: true, overdue: true });
      continue;
    }
    if (earliest > D) break;
    out.push({ patient: index, k, earliest, latest, mandatory: latest <= D, overdue: false });
  }
  // The k-th transfusion precedes the (k+1)-th on a distinct day: latest_k ≤ latest_{k+1} − 1. This only binds
  // for overdue episodes (their [1, grace] window is a policy, not the Hb model), and keeps windows monotone so
  // any day-to-episode labelling can be sorted into a valid sequence (docs/optimize.md, "Model").
  for (let i = out.length - 2; i >= 0; i--) {
    const next = out[i + 1]!;
    const cur = out[i]!;
    if (cur.latest > next.latest - 1) out[i] = { ...cur, latest: next.latest - 1 };
  }
  return out;
}
