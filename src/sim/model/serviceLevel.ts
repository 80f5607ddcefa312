/**
 * What one run counts for the service-level measures (issue 20, docs/decide.md "Service-level measures").
 * An *episode* runs from the lab that finds a patient due (its due day) to the transfusion that ends it; failed
 * visits and no-shows keep the episode open. An episode is *home-eligible* when the patient may be transfused
 * at home on its due day (priority eligibility, not withdrawn after a severe reaction at home).
 *
 * - served within N days: of home-eligible episodes due on a day in [warm-up, H − N), the share transfused at
 *   home on a day ≤ due day + N. Only episodes with a whole N-day window inside the run count, so the end of
 *   the horizon censors nothing; a clinic transfusion or an episode still open at the end is "not served".
 * - due → home days: day of the home transfusion − due day, over home transfusions of episodes due from the
 *   warm-up on (their p50 and p90, R-7).
 * - unmet home demand: home-eligible episodes due from the warm-up on that ended in the clinic.
 * - eligible patients served at home: eligible patients with a home transfusion after the warm-up, over the
 *   eligible patients in the cohort at some time after the warm-up (an open cohort's pool patients who never
 *   arrived, or patients who left during the warm-up, are not counted).
 *
 * Cost: O(1) per event; memory O(n + home transfusions).
 */
import { HOME } from './types.js';

/** The run's service-level tallies (after warm-up). */
export interface ServiceLevelCounts {
  /** Days from due to home transfusion, one per home transfusion of an episode due after warm-up. */
  readonly homeDelays: readonly number[];
  readonly eligibleEpisodes: number;
  readonly servedWithin: number;
  readonly unmetHome: number;
  /** Eligible patients with ≥ 1 home transfusion after warm-up. */
  readonly eligiblePatientsServedHome: number;
  /** Eligible patients in the cohort at some time after the warm-up (the share's denominator). */
  readonly eligiblePatientsPresent: number;
}

export class ServiceLevelTally {
  private homeDelays: number[] = [];
  private eligibleEpisodes = 0;
  private servedWithin = 0;
  private unmetHome = 0;
  /** 1 while patient i's open episode is home-eligible. */
  private readonly episodeEligible: Uint8Array;
  private readonly servedHome: Uint8Array;

  constructor(n: number, private readonly warmup: number, private readonly horizon: number,
    private readonly withinDays: number, private readonly eligible: Uint8Array) {
    this.episodeEligible = new Uint8Array(n);
    this.servedHome = new Uint8Array(n);
  }

  /** Patient i became due on `day`; `homeAllowed` says whether it may be transfused at home. */
  due(i: number, day: number, homeAllowed: boolean): void {
    this.episodeEligible[i] = homeAllowed ? 1 : 0;
    if (homeAllowed && this.counts(day)) this.eligibleEpisodes++;
  }

  /** Patient i's episode due on `dueDay` ended with a transfusion in `setting` on `day`. */
  served(i: number, setting: number, dueDay: number, day: number): void {
    if (setting === HOME) this.servedHome[i] = 1;
    if (dueDay < this.warmup) return;
    if (setting === HOME) {
      this.homeDelays.push(day - dueDay);
      if (this.episodeEligible[i] && this.counts(dueDay) && day - dueDay <= this.withinDays) this.servedWithin++;
    } else if (this.episodeEligible[i]) this.unmetHome++;
  }

  /** End of the warm-up: forget patients served so far (episodes are judged by their due day). */
  resetPatients(): void {
    this.servedHome.fill(0);
  }

  /** The counts of the whole run; `present[i]` = 1 when patient i was in the cohort after the warm-up. O(n). */
  result(present: Uint8Array): ServiceLevelCounts {
    let served = 0, eligiblePresent = 0;
    for (let i = 0; i < this.servedHome.length; i++) {
      if (!this.eligible[i] || !present[i]) continue;
      eligiblePresent++;
      if (this.servedHome[i]) served++;
    }
    return {
      homeDelays: this.homeDelays, eligibleEpisodes: this.eligibleEpisodes, servedWithin: this.servedWithin,
      unmetHome: this.unmetHome, eligiblePatientsServedHome: served, eligiblePatientsPresent: eligiblePresent,
    };
  }

  /** Whether an episode due on `day` has its whole window in the counted part of the run. */
  private counts(day: number): boolean {
    return day >= this.warmup && day < this.horizon - this.withinDays;
  }
}
