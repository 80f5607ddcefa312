/**
 * Assemble the episode-assignment model (docs/optimize.md, "Model"):
 *
 *   home[p,e,d], clinic[p,e,d] ∈ {0,1} for each episode e of patient p and each working day d of its window;
 *   overflow[d] ≥ 0 chair hours above clinic capacity.
 *   episode_p_e:  Σ_d home + clinic = 1 (mandatory: due within the horizon) or ≤ 1 (optional, home only);
 *   order_p_e:    optional episode e only if e−1 happened;   once_p_d: at most one transfusion a day;
 *   home_units_d ≤ units released;  chair_hours_d − overflow_d ≤ chair capacity.
 *   Nurses' shifts (service model), never a pooled hour budget:
 *   - when no two visits fit one nurse's day (every visit > half of shift + overtime cap, or one visit a nurse):
 *     home_visits_d ≤ nurses on duty — exact, each nurse makes one visit; its overtime is known per column;
 *   - otherwise each home column is per nurse, home[p,e,d,k]: nurse_hours_d_k − overtime_d_k ≤ shift,
 *     0 ≤ overtime_d_k ≤ overtime cap, nurse_visits_d_k ≤ visits per nurse, nurse k works no more hours
 *     than nurse k−1 (symmetry).
 *   Overtime is priced at costs.overtime_hour_cost − nurse_hour_cost per hour (a penalty in `home`).
 *
 * Cost: O(patients · episodes · window days) time and memory.
 */
import { clinicChairHours, delayPoints, fitsNurseDay, homeVisitHours, overtimeHours } from '../service/index.js';
import type { DayCapacity } from './calendar.js';
import { planningCalendar } from './calendar.js';
import { timingDiagnosis } from './diagnose.js';
import { episodeWindows } from './episodes.js';
import type { LinearModel } from './linearModel.js';
import { ModelBuilder } from './linearModel.js';
import type { CostsSettings, Diagnosis, Episode, OptimizePatient, OptimizeSettings, ProgramCapacity } from './types.js';

/** What each column means: kind 0 home, 1 clinic, 2 overflow, 3 overtime. */
export interface ColumnMeta {
  readonly kind: Uint8Array;
  /** Patient index (−1 for overflow). */
  readonly patient: Int32Array;
  /** Index into {@link AllocationModel.episodes} (−1 for overflow). */
  readonly episode: Int32Array;
  /** Day within the horizon, 1-based. */
  readonly day: Int32Array;
  /** Nurse of a per-nurse home or overtime column (−1 otherwise). */
  readonly nurse: Int32Array;
}

export interface AllocationModel {
  readonly model: LinearModel;
  readonly meta: ColumnMeta;
  readonly episodes: readonly Episode[];
  readonly calendar: readonly DayCapacity[];
  /** Nurse hours of one home visit and chair hours of one clinic visit, per patient. */
  readonly visitHours: Float64Array;
  readonly chairHours: Float64Array;
  /** Cost of one home / clinic transfusion per patient, excluding lateness. */
  readonly homeCost: Float64Array;
  readonly clinicCost: Float64Array;
  /** Mandatory episodes that have no possible day: the model is infeasible without solving. */
  readonly structural: readonly Diagnosis[];
  /** true: home columns are per nurse (two visits can share a nurse's day); false: one visit per nurse a day. */
  readonly perNurse: boolean;
}

export interface ModelWindow {
  /** Absolute day of horizon day 1 (for the weekday); default 1. */
  readonly startDay?: number;
  /** Overrides settings.horizon_days. */
  readonly horizonDays?: number;
}

export const KIND_HOME = 0;
export const KIND_CLINIC = 1;
export const KIND_OVERFLOW = 2;
export const KIND_OVERTIME = 3;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Per-patient visit durations (service model) and costs. */
function visitFigures(patients: readonly OptimizePatient[], program: ProgramCapacity, costs: CostsSettings) {
  const n = patients.length;
  const visitHours = new Float64Array(n);
  const chairHours = new Float64Array(n);
  const homeCost = new Float64Array(n);
  const clinicCost = new Float64Array(n);
  patients.forEach((p, i) => {
    const travelH = (2 * p.travelMinOneWay) / 60;
    visitHours[i] = homeVisitHours(program, p.unitsPerEpisode, p.travelMinOneWay);
    chairHours[i] = clinicChairHours(program, p.unitsPerEpisode);
    const blood = costs.unit_cost * p.unitsPerEpisode;
    homeCost[i] = costs.nurse_hour_cost * visitHours[i]! + costs.nurse_cost_per_km * 2 * p.distanceKm + blood;
    clinicCost[i] =
      costs.chair_hour_cost * chairHours[i]! + costs.patient_cost_per_km * 2 * p.distanceKm + costs.patient_cost_per_hour * (travelH + chairHours[i]!) + blood;
  });
  return { visitHours, chairHours, homeCost, clinicCost };
}

/**
 * Whether two home visits can share one nurse's day: at least two visits a nurse, and the two shortest
 * eligible visits that fit a day at all fit it together. When not, every nurse makes at most one visit a day
 * and a count per day is exact. O(n).
 */
export function visitsCanShareANurse(patients: readonly OptimizePatient[], visitHours: Float64Array, program: ProgramCapacity): boolean {
  if (program.max_visits_per_nurse_per_day < 2) return false;
  let a = Infinity, b = Infinity;
  patients.forEach((p, i) => {
    const h = visitHours[i]!;
    if (!p.eligible || !fitsNurseDay(program, h)) return;
    if (h < a) { b = a; a = h; } else if (h < b) b = h;
  });
  return b < Infinity && fitsNurseDay(program, a + b);
}

/**
 * Build the allocation model for `patients` over the horizon.
 * @example
 * const am = assembleModel(patients, scenario.program, scenario.costs, scenario.optimize);
 * am.model.colNames[0]; // 'home_p0000_d03'
 */
export function assembleModel(
  patients: readonly OptimizePatient[],
  program: ProgramCapacity,
  costs: CostsSettings,
  settings: OptimizeSettings,
  window: ModelWindow = {},
): AllocationModel {
  const D = window.horizonDays ?? settings.horizon_days;
  const calendar = planningCalendar(program, D, settings.start_weekday, window.startDay ?? 1);
  const fig = visitFigures(patients, program, costs);
  const sense = settings.objective === 'home' ? 'max' : 'min';
  const b = new ModelBuilder('carestrata_allocation', sense);
  const kind: number[] = [];
  const colPatient: number[] = [];
  const colEpisode: number[] = [];
  const colDay: number[] = [];
  const colNurse: number[] = [];
  const perNurse = visitsCanShareANurse(patients, fig.visitHours, program);
  const premium = Math.max(0, costs.overtime_hour_cost - costs.nurse_hour_cost);
  const pw = Math.max(4, String(patients.length - 1).length);
  const dw = Math.max(2, String(D).length);
  const episodes: Episode[] = [];
  // Capacity rows collect their terms per day while the columns are added.
  const nurseTerms = calendar.map((c) => Array.from({ length: perNurse ? c.nurses : 0 }, () => ({ idx: [] as number[], val: [] as number[] })));
  const visitTerms = calendar.map(() => ({ idx: [] as number[], val: [] as number[] }));
  const unitTerms = calendar.map(() => ({ idx: [] as number[], val: [] as number[] }));
  const chairTerms = calendar.map(() => ({ idx: [] as number[], val: [] as number[] }));
  const hv = settings.home_value;
  const objective = (cost: number, homeScore: number, penalty: number): number =>
    settings.objective === 'cost' ? cost + penalty : settings.objective === 'mix' ? cost + penalty - hv * homeScore : homeScore - penalty / hv;

  patients.forEach((p, pi) => {
    const eps = episodeWindows(p, pi, { horizonDays: D, earlyMarginGDl: settings.early_margin_g_dl, overdueGraceDays: settings.overdue_grace_days });
    const pEpisodes: { e: number; cols: number[] }[] = [];
    const dayUse = new Map<number, number[]>();
    for (const ep of eps) {
      const e = episodes.length;
      episodes.push(ep);
      const cols: number[] = [];
      const multi = eps.length > 1 && eps.some((o) => o !== ep && o.earliest <= ep.latest && ep.earliest <= o.latest);
      for (let d = ep.earliest; d <= Math.min(ep.latest, D); d++) {
        const cal = calendar[d - 1]!;
        if (!cal.working) continue;
        // lateness: overdue days (penalised); a home visit also pays the Hb lost by each day after the window opens
        // (points × hv). Clinic columns stay day-independent: with 2,000 patients the term on them too made the LP
        // fractional (LP-fixing no longer integral: 1.02% gap at 30 s instead of optimal in 4 CPU-s)
        const urgency = p.urgencyGdlPerDay ?? p.hbDeclinePerWeek / 7;
        const overdueLate = ep.overdue ? costs.late_penalty_per_day * d : 0;
        const late = overdueLate + hv * delayPoints(d - ep.earliest, urgency, settings.delay_points_per_g_dl);
        const suffix = `p${pad(pi, pw)}${multi ? `_e${ep.k}` : ''}_d${pad(d, dw)}`;
        const h = fig.visitHours[pi]!;
        const homeOk = p.eligible && fitsNurseDay(program, h) && cal.nurses >= 1 && program.max_visits_per_nurse_per_day >= 1 && cal.homeUnits >= p.unitsPerEpisode;
        // one visit per nurse: its overtime is known; per nurse: the nurse's overtime column carries it
        const nurses = !homeOk ? 0 : perNurse ? cal.nurses : 1;
        for (let k = 0; k < nurses; k++) {
          const overtime = perNurse ? 0 : premium * overtimeHours(program, h);
          const c = b.addCol(`home_${suffix}${perNurse ? `_n${k}` : ''}`, objective(fig.homeCost[pi]!, Math.max(0, p.score), late + overtime), 1, true);
          kind.push(KIND_HOME); colPatient.push(pi); colEpisode.push(e); colDay.push(d); colNurse.push(perNurse ? k : -1); cols.push(c);
          if (perNurse) { nurseTerms[d - 1]![k]!.idx.push(c); nurseTerms[d - 1]![k]!.val.push(h); }
          visitTerms[d - 1]!.idx.push(c); visitTerms[d - 1]!.val.push(1);
          unitTerms[d - 1]!.idx.push(c); unitTerms[d - 1]!.val.push(p.unitsPerEpisode);
          (dayUse.get(d) ?? dayUse.set(d, []).get(d)!).push(c);
        }
        if (ep.mandatory) {
          // Optional episodes (due after the horizon) are never worth a clinic visit now: no clinic column.
          const c = b.addCol(`clinic_${suffix}`, objective(fig.clinicCost[pi]!, 0, overdueLate), 1, true);
          kind.push(KIND_CLINIC); colPatient.push(pi); colEpisode.push(e); colDay.push(d); colNurse.push(-1); cols.push(c);
          chairTerms[d - 1]!.idx.push(c); chairTerms[d - 1]!.val.push(fig.chairHours[pi]!);
          (dayUse.get(d) ?? dayUse.set(d, []).get(d)!).push(c);
        }
      }
      pEpisodes.push({ e, cols });
    }
    pEpisodes.forEach((pe, i) => {
      const ep = episodes[pe.e]!;
      const tag = `p${pad(pi, pw)}_e${ep.k}`;
      if (pe.cols.length === 0) return;
      b.addRow(`episode_${tag}`, ep.mandatory ? 1 : -Infinity, 1, pe.cols, pe.cols.map(() => 1));
      const prev = pEpisodes[i - 1];
      if (prev && !episodes[prev.e]!.mandatory && prev.cols.length > 0) {
        b.addRow(`order_${tag}`, -Infinity, 0, [...pe.cols, ...prev.cols], [...pe.cols.map(() => 1), ...prev.cols.map(() => -1)]);
      }
    });
    for (const [d, cols] of dayUse) {
      const distinct = new Set(cols.map((c) => colEpisode[c]));
      if (distinct.size > 1) b.addRow(`once_p${pad(pi, pw)}_d${pad(d, dw)}`, -Infinity, 1, cols, cols.map(() => 1));
    }
  });

  for (const cal of calendar) {
    const d = cal.day;
    const tag = `d${pad(d, dw)}`;
    const visits = visitTerms[d - 1]!;
    if (visits.idx.length) {
      if (!perNurse) b.addRow(`home_visits_${tag}`, -Infinity, cal.nurses, visits.idx, visits.val);
      nurseTerms[d - 1]!.forEach((n, k) => {
        if (!n.idx.length) return;
        const ot = b.addCol(`overtime_${tag}_n${k}`, settings.objective === 'home' ? -premium / hv : premium, program.overtime_max_hours, false);
        kind.push(KIND_OVERTIME); colPatient.push(-1); colEpisode.push(-1); colDay.push(d); colNurse.push(k);
        b.addRow(`nurse_hours_${tag}_n${k}`, -Infinity, program.shift_hours, [...n.idx, ot], [...n.val, -1]);
        b.addRow(`nurse_visits_${tag}_n${k}`, -Infinity, program.max_visits_per_nurse_per_day, n.idx, n.idx.map(() => 1));
        const prev = nurseTerms[d - 1]![k - 1];
        if (prev?.idx.length) b.addRow(`nurse_order_${tag}_n${k}`, -Infinity, 0, [...n.idx, ...prev.idx], [...n.val, ...prev.val.map((v) => -v)]);
      });
      b.addRow(`home_units_${tag}`, -Infinity, cal.homeUnits, unitTerms[d - 1]!.idx, unitTerms[d - 1]!.val);
    }
    const ch = chairTerms[d - 1]!;
    if (ch.idx.length) {
      const penalty = settings.objective === 'home' ? -costs.overflow_penalty_per_chair_hour / hv : costs.overflow_penalty_per_chair_hour;
      const o = b.addCol(`overflow_${tag}`, penalty, Infinity, false);
      kind.push(KIND_OVERFLOW); colPatient.push(-1); colEpisode.push(-1); colDay.push(d); colNurse.push(-1);
      b.addRow(`chair_hours_${tag}`, -Infinity, cal.chairHours, [...ch.idx, o], [...ch.val, -1]);
    }
  }

  return {
    model: b.build(),
    meta: { kind: Uint8Array.from(kind), patient: Int32Array.from(colPatient), episode: Int32Array.from(colEpisode), day: Int32Array.from(colDay), nurse: Int32Array.from(colNurse) },
    episodes,
    calendar,
    ...fig,
    structural: timingDiagnosis(episodes, calendar),
    perNurse,
  };
}
