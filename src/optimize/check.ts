/**
 * Independent re-check of a plan against the clinical rules and capacities, by day-by-day simulation of each
 * patient's Hb — not by re-reading the model's rows, so a formulation mistake shows up here.
 * Cost: O(patients · horizon + assignments).
 */
import { apheresisHoursOnDay, fitsNurseDay, nurseDayLimitHours } from '../service/index.js';
import type { RegimenSettings } from '../scenario/sections/regimen.js';
import type { DayCapacity } from './calendar.js';
import { FEASIBILITY_TOL, HB_TOL } from './tolerances.js';
import type { Assignment, OptimizePatient, ProgramCapacity } from './types.js';

export interface CheckOptions {
  readonly earlyMarginGDl: number;
  readonly overdueGraceDays: number;
  /** Nurse hours per home visit, per patient (as the model counts them). */
  readonly visitHours: ArrayLike<number>;
  readonly chairHours: ArrayLike<number>;
  /** Shifts, overtime cap and visits per nurse (service model). */
  readonly program: ProgramCapacity;
  /** Nurse hours of a trip chaining `first` then `second` (service model's chain rule); absent = no chains allowed. */
  readonly chainHours?: (first: number, second: number) => number;
  /**
   * Planned with the regimen: an exchange patient (procedure `exchange`) is at the clinic on an apheresis chair,
   * regimen.exchange_chair_hours against the service model's apheresis hours, and off the transfusion chairs.
   */
  readonly regimen?: RegimenSettings;
}

export interface CheckResult {
  /** Human-readable violations (patient indices, never ids); empty when the plan is valid. */
  readonly violations: readonly string[];
  /** Patient-days spent below the floor by patients already below it on day 1 (allowed, penalised). */
  readonly lateDays: number;
  /** Clinic chair hours above capacity, summed over days (allowed, penalised). */
  readonly overflowHours: number;
  /** Apheresis chair hours above capacity, summed over days (allowed, penalised; 0 without the regimen). */
  readonly apheresisOverflowHours: number;
}

const over = (value: number, cap: number): boolean => value > cap + FEASIBILITY_TOL * Math.max(1, Math.abs(cap));

/**
 * Check `assignments` (days relative to the horizon, 1-based) for clinical timing and capacity.
 * @example
 * checkPlan(patients, plan.assignments, am.calendar, opts).violations; // []
 */
export function checkPlan(patients: readonly OptimizePatient[], assignments: readonly Assignment[], calendar: readonly DayCapacity[], opts: CheckOptions): CheckResult {
  const D = calendar.length;
  const violations: string[] = [];
  const exchange = (p: OptimizePatient): boolean => opts.regimen !== undefined && p.procedure === 'exchange';
  const byPatient: Assignment[][] = patients.map(() => []);
  for (const a of assignments) {
    if (a.day < 1 || a.day > D) violations.push(`patient #${a.patient}: day ${a.day} outside the horizon`);
    else byPatient[a.patient]!.push(a);
  }
  let lateDays = 0;
  patients.forEach((p, i) => {
    const days = new Map<number, Assignment>();
    for (const a of byPatient[i]!) {
      if (days.has(a.day)) violations.push(`patient #${i}: two transfusions on day ${a.day}`);
      days.set(a.day, a);
      if (a.setting === 'home' && !p.eligible) violations.push(`patient #${i}: home transfusion but not eligible`);
      if (a.setting === 'home' && !a.chain && !fitsNurseDay(opts.program, opts.visitHours[i]!)) violations.push(`patient #${i}: home visit longer than a nurse's day`);
      if (!calendar[a.day - 1]?.working) violations.push(`patient #${i}: transfusion on non-working day ${a.day}`);
      if (a.units !== p.unitsPerEpisode) violations.push(`patient #${i}: ${a.units} units instead of ${p.unitsPerEpisode}`);
      const onApheresis = a.setting === 'clinic' && a.chairHours === 0 && a.apheresisHours === opts.regimen?.exchange_chair_hours;
      if (exchange(p) && !onApheresis) {
        violations.push(`patient #${i}: red cell exchange on day ${a.day} not on an apheresis chair`);
      }
    }
    const perDay = p.hbDeclinePerWeek / 7;
    const step = p.hbIncrementPerUnit * p.unitsPerEpisode;
    const overdueAtStart = p.hbNowGDl - perDay < p.floorGDl - HB_TOL;
    let given = 0;
    for (let t = 1; t <= D; t++) {
      const hb = p.hbNowGDl - perDay * t + step * given;
      const transfused = days.has(t);
      if (transfused && hb > p.triggerGDl + opts.earlyMarginGDl + HB_TOL) violations.push(`patient #${i}: transfused on day ${t} too early (Hb ${hb.toFixed(2)})`);
      if (hb < p.floorGDl - HB_TOL) {
        if (overdueAtStart && given === 0 && t <= opts.overdueGraceDays) lateDays++;
        else violations.push(`patient #${i}: Hb ${hb.toFixed(2)} below the floor on day ${t}`);
      }
      if (transfused) given++;
    }
  });
  let overflowHours = 0, apheresisOverflowHours = 0;
  for (const cal of calendar) {
    const today = assignments.filter((a) => a.day === cal.day);
    const home = today.filter((a) => a.setting === 'home');
    const units = home.reduce((s, a) => s + a.units, 0);
    const clinic = today.filter((a) => a.setting === 'clinic');
    const chair = clinic.filter((a) => !exchange(patients[a.patient]!))
      .reduce((s, a) => s + opts.chairHours[a.patient]!, 0);
    if (opts.regimen) {
      const apheresis = clinic.filter((a) => exchange(patients[a.patient]!)).length * opts.regimen.exchange_chair_hours;
      apheresisOverflowHours += Math.max(0, apheresis - apheresisHoursOnDay(opts.regimen, cal.working));
    }
    const day = nurseDay(cal, home, opts);
    violations.push(...day.violations);
    if (over(day.hours, cal.nurseHours)) violations.push(`day ${cal.day}: nurse hours ${day.hours.toFixed(2)} > ${cal.nurseHours}`);
    if (over(home.length, cal.homeVisits)) violations.push(`day ${cal.day}: ${home.length} home visits > ${cal.homeVisits}`);
    if (over(units, cal.homeUnits)) violations.push(`day ${cal.day}: ${units} home units > ${cal.homeUnits}`);
    overflowHours += Math.max(0, chair - cal.chairHours);
  }
  return { violations, lateDays, overflowHours, apheresisOverflowHours };
}

/**
 * Each nurse on duty: within shift + overtime cap and the visits per nurse; no visit without a nurse. A chained
 * trip counts once, at the chain rule's hours: its two stops share the nurse and name each other, and a nurse
 * makes at most one chained trip a day (as the simulator's roster).
 */
function nurseDay(cal: DayCapacity, home: readonly Assignment[], opts: CheckOptions): { violations: string[]; hours: number } {
  const hours = new Float64Array(cal.nurses), visits = new Int32Array(cal.nurses), chains = new Int32Array(cal.nurses);
  const out: string[] = [];
  const byPatient = new Map(home.map((a) => [a.patient, a]));
  for (const a of home) {
    if (!(a.nurse >= 0 && a.nurse < cal.nurses)) { out.push(`day ${cal.day}: home visit with no nurse on duty (#${a.nurse})`); continue; }
    visits[a.nurse]!++;
    if (!a.chain) { hours[a.nurse]! += opts.visitHours[a.patient]!; continue; }
    const other = byPatient.get(a.chain.partner);
    if (!opts.chainHours || !other?.chain || other.chain.partner !== a.patient || other.nurse !== a.nurse || other.chain.stop === a.chain.stop) {
      out.push(`day ${cal.day}: patient #${a.patient}'s chained visit has no matching partner visit with the same nurse`);
      continue;
    }
    if (a.chain.stop !== 1) continue;
    const h = opts.chainHours(a.patient, a.chain.partner);
    if (!fitsNurseDay(opts.program, h)) out.push(`day ${cal.day}: chained trip #${a.patient} → #${a.chain.partner} longer than a nurse's day`);
    hours[a.nurse]! += h;
    chains[a.nurse]!++;
  }
  const limit = nurseDayLimitHours(opts.program);
  for (let k = 0; k < cal.nurses; k++) {
    if (over(hours[k]!, limit)) out.push(`day ${cal.day}: nurse ${k} works ${hours[k]!.toFixed(2)} h > ${limit} h`);
    if (visits[k]! > opts.program.max_visits_per_nurse_per_day) out.push(`day ${cal.day}: nurse ${k} makes ${visits[k]} visits`);
    if (chains[k]! > 1) out.push(`day ${cal.day}: nurse ${k} makes ${chains[k]} chained trips`);
  }
  return { violations: out, hours: hours.reduce((s, h) => s + h, 0) };
}
