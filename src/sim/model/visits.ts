/**
 * What happens at a visit, drawn from the replication's outcome stream (counter = patient and attempt, so a
 * patient's k-th attempt has the same draws under every policy): no-show, failed venous access (home),
 * reactions unit by unit (a reaction stops the transfusion), and severe reactions (a hospital transfer; at
 * home the patient is withdrawn from the programme).
 *
 * Cost: O(units) per visit.
 */
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { SimulationSettings } from '../../scenario/sections/simulation.js';
import { clinicChairHours, nursingHours } from '../../service/index.js';
import type { ChainRule } from '../../service/index.js';
import type { TripChain } from './bookings.js';
import type { BloodBank } from './bloodBank.js';
import type { PatientStates } from './patients.js';
import type { RunRandom } from './random.js';
import type { RunTally } from './tally.js';
import type { SimCohort } from './types.js';
import { CLINIC, HOME } from './types.js';

/**
 * Minutes at a home that count for units out of the fridge: the units' own (unused units wait until the
 * transfusion stops or the visit is called off) and the nurse's whole stop (set-up, units, observation), which the
 * units riding on from a chain's first stop wait through at the second.
 */
interface OnSite {
  readonly unitsMin: number;
  readonly nurseMin: number;
}

/** Outcome-draw slots per visit attempt (counter = attempt index). */
const SLOT_NO_SHOW = 0, SLOT_ACCESS = 1, SLOT_SEVERE = 2, SLOT_UNIT0 = 3;

export class VisitOutcomes {
  private readonly attempts: Int32Array;
  /** 1 = withdrawn from home transfusion after a severe reaction at home. */
  readonly withdrawn: Uint8Array;

  /** The nurse's minutes at each chain's first stop, by its second stop (set by the first, read the same day). */
  private readonly minutesAtFirst: Float64Array;
  /** Units of a chain's first stop riding on to its second stop (keyed by the second), settled there. */
  private readonly riding = new Map<number, { given: number; boxUnopened: boolean; t: number }>();

  constructor(private readonly cohort: SimCohort, private readonly s: SimulationSettings,
    private readonly p: ProgramSettings, private readonly rnd: RunRandom, private readonly tally: RunTally,
    private readonly patients: PatientStates, private readonly stock: BloodBank, private readonly chain?: ChainRule) {
    this.attempts = new Int32Array(cohort.n);
    this.withdrawn = new Uint8Array(cohort.n);
    this.minutesAtFirst = new Float64Array(cohort.n);
  }

  /**
   * Patient i's home visit on day d at time t (units already taken from the home stock); `chain` when it is a
   * stop of a chained trip (src/service/chain.ts), else a round trip.
   */
  home(i: number, d: number, t: number, chain?: TripChain): void {
    const s = this.s, co = this.cohort, c = this.tally.c, out = this.rnd.outcome;
    const k = this.attempts[i]!++;
    const units = this.patients.unitsFor(i, t); // as booked: the home stock released these
    const noShow = out.below(i, k, SLOT_NO_SHOW, s.home_no_show_probability);
    if (noShow || out.below(i, k, SLOT_ACCESS, s.failed_access_probability)) {
      if (noShow) c.homeNoShows++; else c.failedAccess++;
      c.nurseKm += this.nurseKm(i, chain); // the nurse drove there all the same
      const onSite = s.failed_visit_on_site_min;
      this.leave(i, 0, { unitsMin: onSite, nurseMin: onSite }, true, t, chain); // box unopened
      this.patients.hurry(i, d); // rebook: clinic next working day at the latest
      return;
    }
    if (!this.regimenAllows(i, units)) return; // never booked: bookHome refuses 0 units
    const given = this.giveUnits(i, k, units);
    const onSite = { unitsMin: given * this.p.hours_per_unit * 60, nurseMin: nursingHours(this.p, given) * 60 };
    this.leave(i, given, onSite, false, t, chain); // box opened
    this.tally.r.flows.transfused += given;
    this.tally.series('unitsTransfused', d, given);
    const reaction = given < units || out.below(i, k, SLOT_UNIT0 + units - 1, s.reaction_probability_per_unit);
    c.homeTransfusions++; c.homeUnits += given;
    c.travelHoursAvoided += (2 * co.travelMinOneWay[i]!) / 60;
    c.kmAvoided += 2 * co.distanceKm[i]!;
    c.nurseKm += this.nurseKm(i, chain);
    c.chairHoursFreed += clinicChairHours(this.p, units);
    if (reaction) c.homeAdverse++;
    if (reaction && out.below(i, k, SLOT_SEVERE, s.severe_reaction_share)) {
      this.withdrawn[i] = 1;
      c.hospitalTransfers++;
    }
    this.patients.transfuse(i, given, t);
    this.tally.transfusion(i, HOME, d, this.patients.dueDay[i]!);
  }

  /** Patient i's clinic visit on day d at time t. */
  clinic(i: number, d: number, t: number): void {
    const s = this.s, co = this.cohort, c = this.tally.c, out = this.rnd.outcome;
    const k = this.attempts[i]!++;
    const units = this.patients.unitsFor(i, t);
    if (out.below(i, k, SLOT_NO_SHOW, s.clinic_no_show_probability)) {
      c.clinicNoShows++;
      this.patients.hurry(i, d);
      return;
    }
    if (!this.regimenAllows(i, units)) return;
    this.stock.issue(i, units, t, false);
    const given = this.giveUnits(i, k, units);
    this.stock.settle(i, given, 0, false, t, false); // unspiked units go straight back to the bank next door
    const reaction = given < units || out.below(i, k, SLOT_UNIT0 + units - 1, s.reaction_probability_per_unit);
    c.clinicTransfusions++; c.clinicUnits += given;
    if (this.patients.isExchange(i)) c.exchanges++;
    c.patientTravelHours += (2 * co.travelMinOneWay[i]!) / 60;
    c.patientKm += 2 * co.distanceKm[i]!;
    if (reaction) c.clinicAdverse++;
    if (reaction && out.below(i, k, SLOT_SEVERE, s.severe_reaction_share)) c.hospitalTransfers++;
    this.patients.transfuse(i, given, t);
    this.tally.transfusion(i, CLINIC, d, this.patients.dueDay[i]!);
  }

  /** Count a capped top-up; a top-up withheld by its cap (0 units) ends the visit: false. */
  private regimenAllows(i: number, units: number): boolean {
    if (units === this.cohort.unitsPerEpisode[i]! || this.patients.isExchange(i)) return true;
    const ck = this.tally.r.checks;
    if (units > 0) { ck.topUpsCapped++; return true; }
    ck.topUpsWithheld++;
    this.patients.withhold(i);
    return false;
  }

  /**
   * The nurse leaves patient i's home: `given` units transfused, the rest come back with her. On a round trip they
   * are out for 2 × travel + `unitsOnSiteMin`; on a chain a first stop's units ride on to the second stop and come
   * back with its own (chainMinutesOut, with `nurseOnSiteMin`, the nurse's time at a stop, for the first stop).
   */
  private leave(i: number, given: number, onSite: OnSite, boxUnopened: boolean, t: number, chain?: TripChain): void {
    if (chain?.first === i) { // settled at the second stop
      this.minutesAtFirst[chain.second] = onSite.nurseMin;
      this.riding.set(chain.second, { given, boxUnopened, t });
      return;
    }
    const out = (atHere: number): number => (chain
      ? this.chain!.minutesOut(chain.first, i, this.minutesAtFirst[i]!, atHere)
      : 2 * this.cohort.travelMinOneWay[i]! + atHere);
    this.stock.settle(i, given, out(onSite.unitsMin), boxUnopened, t, true);
    const ride = chain ? this.riding.get(i) : undefined;
    if (!chain || !ride) return;
    this.riding.delete(i);
    this.stock.settle(chain.first, ride.given, out(onSite.nurseMin), ride.boxUnopened, ride.t, true);
  }

  /** Nurse km of patient i's visit: the round trip, or i's share of its chain's km (∝ km from the bank). */
  private nurseKm(i: number, chain: TripChain | undefined): number {
    const km = this.cohort.distanceKm;
    if (!chain) return 2 * km[i]!;
    const bankKm = km[chain.first]! + km[chain.second]!;
    return bankKm > 0 ? (this.chain!.km(chain.first, chain.second) * km[i]!) / bankKm : 0;
  }

  /** Units given before a reaction stops the transfusion (the reacting unit counts as given). */
  private giveUnits(i: number, k: number, units: number): number {
    const p = this.s.reaction_probability_per_unit;
    for (let j = 0; j < units - 1; j++) if (this.rnd.outcome.below(i, k, SLOT_UNIT0 + j, p)) return j + 1;
    return units;
  }
}
