/**
 * Yearly home capacity and each patient's expected yearly demand, used by the enrolment heuristics and the
 * rolling planner. Steady state: episodes per year = 365 · decline per day / (units · increment per unit).
 *
 * Cost: O(n).
 */
import type { ServiceSettings, SimCohort } from '../model/types.js';

export interface HomeCapacity {
  readonly nurseHoursPerYear: number;
  readonly visitsPerYear: number;
  readonly unitsPerYear: number;
}

/** Working days per year and the staffed capacity they give. */
export function homeCapacityPerYear(settings: ServiceSettings): HomeCapacity {
  const p = settings.program;
  let nurseHours = 0, visits = 0, units = 0;
  for (const wd of p.workingDays) {
    const avail = p.nurseAvailability?.[wd - 1] ?? 1;
    const weeks = 365 / 7;
    nurseHours += weeks * p.nurses * avail * p.shiftHours;
    visits += weeks * Math.floor(p.nurses * avail) * p.maxVisitsPerNursePerDay;
    units += weeks * p.homeUnitsPerDay;
  }
  return { nurseHoursPerYear: nurseHours, visitsPerYear: visits, unitsPerYear: units };
}

/** Expected transfusion episodes per year for patient i. */
export function episodesPerYear(cohort: SimCohort, i: number): number {
  const perEpisode = cohort.unitsPerEpisode[i]! * cohort.incrementPerUnit[i]!;
  return perEpisode > 0 ? (365 * cohort.declinePerDay[i]!) / perEpisode : 0;
}

/**
 * Enrol patients in `order` while their expected yearly nurse hours, visits and units fit in `share` of the
 * yearly capacity; stops at the first patient who does not fit (first come, first served). Patients whose one
 * visit is longer than a shift are skipped.
 */
export function enrolUntilFull(cohort: SimCohort, settings: ServiceSettings, visitHours: Float64Array, order: readonly number[], share: number): Uint8Array {
  const cap = homeCapacityPerYear(settings);
  const enrolled = new Uint8Array(cohort.n);
  let hours = 0, visits = 0, units = 0;
  for (const i of order) {
    if (!cohort.eligible[i] || visitHours[i]! > settings.program.shiftHours) continue;
    const e = episodesPerYear(cohort, i);
    const h = hours + e * visitHours[i]!, v = visits + e, u = units + e * cohort.unitsPerEpisode[i]!;
    if (h > share * cap.nurseHoursPerYear || v > share * cap.visitsPerYear || u > share * cap.unitsPerYear) break;
    hours = h; visits = v; units = u;
    enrolled[i] = 1;
  }
  return enrolled;
}
