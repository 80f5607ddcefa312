/**
 * The blood bank that serves the home programme and the clinic: a typed stock (ABO/Rh group × age) topped up
 * each day to a level per group, units crossmatched and reserved for a patient's transfusion day and back in
 * stock the reservation time after that day if unused, issue in compatibility order (exact group, then
 * compatible, O− last), the home release limit (`program.home_units_per_day`), returns of unused units within
 * the transport-box or out-of-fridge window (else wasted), and expiry. Rules from src/service/blood.ts.
 *
 * Cost: O(groups) per day's delivery and O(1) per returned unit (unitStock.ts); O(8 + units) per issue;
 * O(reservations) per day.
 */
import type { BloodSettings } from '../../scenario/sections/blood.js';
import type { SimulationSettings } from '../../scenario/sections/simulation.js';
import {
  BLOOD_GROUP_SHARES, BLOOD_GROUPS, O_NEG, issueOrder, steadyUnitsPerDay, unitsReturnable,
} from '../../service/index.js';
import type { ReturnWindows } from '../../service/index.js';
import type { RunRandom } from './random.js';
import type { RunTally } from './tally.js';
import type { SimCohort } from './types.js';
import { UnitStock } from './unitStock.js';

const GROUPS = BLOOD_GROUPS.length;

/** Units out of the bank for one patient's visit: group and birth time of each. */
interface UnitsOut {
  groups: number[];
  born: number[];
}

export class BloodBank {
  private readonly stores: UnitStock[];
  /** Order-up-to level per group. */
  readonly level: Int32Array;
  /** Each patient's group (the cohort's, or drawn when missing). */
  readonly group: Int8Array;
  /** Crossmatched units held per patient, and the time of the transfusion they are held for. */
  private readonly reserved = new Map<number, UnitsOut & { t: number }>();
  /** Units out with a patient for today's visit. */
  private readonly out = new Map<number, UnitsOut>();
  private readonly windows: ReturnWindows;
  private releaseLeft = 0;

  constructor(cohort: SimCohort, private readonly s: SimulationSettings, private readonly b: BloodSettings,
    private readonly rnd: RunRandom, private readonly tally: RunTally) {
    this.stores = Array.from({ length: GROUPS }, () => new UnitStock(s.horizon_days));
    this.group = Int8Array.from(cohort.bloodGroup, (g, i) => (g >= 0 ? g : drawGroup(rnd.bloodGroup.at(i, 0))));
    const perDay = steadyUnitsPerDay(cohort.declinePerDay, cohort.incrementPerUnit);
    this.level = Int32Array.from(BLOOD_GROUPS, (g) => Math.ceil(b.stock_days * perDay * b.group_shares[g] - 1e-9));
    this.windows = { box: b.transport_box, boxMin: b.transport_box_min, openMin: s.return_window_min };
  }

  /** Units in the bank (in stock or reserved). */
  get count(): number {
    let k = 0;
    for (const st of this.stores) k += st.count;
    for (const r of this.reserved.values()) k += r.groups.length;
    return k;
  }

  /** The day's service at time t: expire units, return lapsed reservations, deliver up to the levels. */
  restock(t: number): void {
    const f = this.tally.r.blood;
    for (let g = 0; g < GROUPS; g++) this.expired(g, this.stores[g]!.expire(t, this.s.shelf_life_days));
    for (const [i, r] of this.reserved) {
      if (t - r.t < this.b.reservation_hours / 24) continue;
      this.reserved.delete(i);
      this.tally.c.unitsReservationLapsed += r.groups.length;
      this.putBack(r, t);
    }
    const day = Math.floor(t);
    for (let g = 0; g < GROUPS; g++) {
      const k = this.level[g]! - this.stores[g]!.count;
      if (k <= 0) continue;
      this.stores[g]!.put(t - this.deliveryAge(day, g), k); // a day's delivery of a group: one batch, one age
      f.delivered[g]! += k;
    }
  }

  /** Open working day d: `releasable` units may leave the bank for home today. */
  openDay(releasable: number): void {
    this.releaseLeft = releasable;
  }

  /**
   * Crossmatch `units` units for patient i's transfusion at time `forT` (its day's service time); they are held
   * until `blood.reservation_hours` after it. Units already reserved for i are crossmatched again and held for
   * the new time (never an earlier one).
   */
  reserve(i: number, units: number, forT: number): void {
    const held = this.reserved.get(i);
    if (held) { held.t = Math.max(held.t, forT); return; }
    const r = { t: forT, groups: [] as number[], born: [] as number[] };
    this.takeCompatible(i, units, r);
    this.reserved.set(i, r);
  }

  /** Whether `units` units can leave for patient i's home visit today (release limit, compatible units). */
  canSupplyHome(i: number, units: number): boolean {
    if (this.releaseLeft < units) return false;
    let have = this.reserved.get(i)?.groups.length ?? 0;
    for (const g of issueOrder(this.group[i]!)) { have += this.stores[g]!.count; if (have >= units) return true; }
    return false;
  }

  /**
   * Release `units` units for patient i's visit at time t: the reservation first, then compatible stock in
   * issue order; at home within the day's release limit, in the clinic with an emergency order for what the
   * bank lacks.
   */
  issue(i: number, units: number, t: number, home: boolean): void {
    const got: UnitsOut = { groups: [], born: [] };
    const r = this.reserved.get(i);
    if (r) {
      this.reserved.delete(i);
      this.moveInto(got, r, Math.min(units, r.groups.length));
      if (r.groups.length > 0) this.putBack(r, t);
    }
    this.takeCompatible(i, units - got.groups.length, got);
    const f = this.tally.r.blood, own = this.group[i]!;
    for (let k = got.groups.length; k < units; k++) {
      if (home) throw new Error(`BloodBank.issue: no compatible unit for a home visit (${units} wanted)`);
      got.groups.push(own); got.born.push(t - this.s.release_age_min_days);
      f.emergency[own]!++;
      this.tally.c.unitsEmergency++;
    }
    for (const g of got.groups) { f.released[g]!++; f.issuedTo[g * GROUPS + own]!++; }
    if (home) this.releasedHome(units, Math.floor(t));
    this.out.set(i, got);
  }

  /**
   * Patient i's visit at time t (day d) ended: the first `given` units were transfused; the rest, out of a
   * fridge for `minutesOut` (in a still unopened transport box when `boxUnopened`), go back to stock or are
   * wasted.
   */
  settle(i: number, given: number, minutesOut: number, boxUnopened: boolean, t: number, home: boolean): void {
    const got = this.out.get(i);
    if (!got) throw new Error(`BloodBank.settle: no units out for this patient at t = ${t}`);
    this.out.delete(i);
    const f = this.tally.r.blood, c = this.tally.c, own = this.group[i]!, d = Math.floor(t);
    for (let k = 0; k < given; k++) {
      const g = got.groups[k]!;
      f.transfused[g]!++;
      if (g === O_NEG && own !== O_NEG) { if (home) c.oNegUnitsHome++; else c.oNegUnitsClinic++; }
    }
    const rest = { groups: got.groups.slice(given), born: got.born.slice(given) };
    const k = rest.groups.length;
    if (k === 0) return;
    if (unitsReturnable(minutesOut, boxUnopened, this.windows)) {
      for (const g of rest.groups) f.returned[g]!++;
      this.putBack(rest, t);
      if (!home) return;
      this.tally.r.flows.returned += k;
      c.unitsReturned += k;
      this.tally.series('unitsReturned', d, k);
      return;
    }
    for (const g of rest.groups) f.wasted[g]!++;
    if (!home) { c.unitsWastedClinic += k; return; }
    this.tally.r.flows.wasted += k;
    c.unitsWasted += k;
    this.tally.series('unitsWasted', d, k);
  }

  /** Units in the bank per group at the end of the run (whole-run flows). */
  finish(): void {
    const f = this.tally.r.blood;
    for (let g = 0; g < GROUPS; g++) f.inStock[g] = this.stores[g]!.count;
    for (const r of this.reserved.values()) for (const g of r.groups) f.inStock[g]!++;
  }

  private releasedHome(units: number, d: number): void {
    this.releaseLeft -= units;
    this.tally.r.flows.released += units;
    this.tally.c.unitsReleased += units;
    this.tally.series('unitsReleased', d, units);
  }

  private takeCompatible(i: number, units: number, into: UnitsOut): void {
    let need = units;
    for (const g of issueOrder(this.group[i]!)) {
      if (need <= 0) break;
      const got = this.stores[g]!.take(need, into.born);
      for (let u = 0; u < got; u++) into.groups.push(g);
      need -= got;
    }
  }

  private moveInto(into: UnitsOut, from: UnitsOut, k: number): void {
    into.groups.push(...from.groups.splice(0, k));
    into.born.push(...from.born.splice(0, k));
  }

  /** Units back into stock (a lapsed reservation, or returned from a visit) at time t; expired ones count as expiry. */
  private putBack(u: UnitsOut, t: number): void {
    u.groups.forEach((g, k) => {
      if (t - u.born[k]! >= this.s.shelf_life_days) this.expired(g, 1);
      else this.stores[g]!.put(u.born[k]!);
    });
  }

  private expired(g: number, k: number): void {
    if (k <= 0) return;
    this.tally.r.blood.expired[g]! += k;
    this.tally.c.unitsExpired += k;
    this.tally.c.unitsWastedClinic += k;
  }

  /** Age of day d's delivery of group g, uniform on the release ages (simulation.release_age_*_days). */
  private deliveryAge(d: number, g: number): number {
    const span = this.s.release_age_max_days - this.s.release_age_min_days + 1;
    return this.s.release_age_min_days + Math.floor(this.rnd.blood.at(d, g) * span);
  }
}

/** A group drawn from the population shares (DOMAIN.md, Blood logistics) for the uniform `u`. */
function drawGroup(u: number): number {
  let acc = 0;
  for (let g = 0; g < GROUPS; g++) { acc += BLOOD_GROUP_SHARES[g]!; if (u < acc) return g; }
  return GROUPS - 1;
}
