/**
 * Text and file renderings of a {@link Plan}: the day-by-day table for the terminal, plan.csv rows and the
 * plan.json object. No I/O here. Cost: O(assignments + days).
 */
import type { Plan } from './types.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const fix = (x: number, d = 1): string => x.toFixed(d);
const round6 = (x: number | null): number | null => (x === null ? null : Number(x.toPrecision(12)));

/**
 * plan.csv: `day, patient_id, setting, nurse, units, nurse_hours, chair_hours, episode, trip_stop, trip_with,
 * apheresis_hours`, by day then patient. A home visit on a chained trip names its stop (1 or 2) and the other
 * patient's id; both are empty for a round trip and at the clinic. A red cell exchange has its apheresis chair
 * hours (and 0 chair hours); empty for every other visit.
 */
export function planCsvRows(plan: Plan): { header: string[]; rows: (string | number)[][] } {
  const idOf = new Map(plan.assignments.map((a) => [a.patient, a.patientId]));
  return {
    header: ['day', 'patient_id', 'setting', 'nurse', 'units', 'nurse_hours', 'chair_hours', 'episode', 'trip_stop', 'trip_with', 'apheresis_hours'],
    // nurse: 1-based among the nurses on duty that day (the service model's roster); empty at the clinic
    rows: plan.assignments.map((a) => [a.day, a.patientId, a.setting, a.nurse >= 0 ? a.nurse + 1 : '', a.units,
      Number(a.nurseHours.toFixed(4)), Number(a.chairHours.toFixed(4)), a.episode, a.chain?.stop ?? '', a.chain ? idOf.get(a.chain.partner) ?? '' : '',
      a.apheresisHours === undefined ? '' : Number(a.apheresisHours.toFixed(4))]),
  };
}

/** Whether the plan was made with the regimen settings (exchanges on apheresis chairs). */
const apheresisPlanned = (plan: Plan): boolean => plan.capacityUse.some((c) => c.apheresisHoursCap !== undefined);

/** plan.json's object (snake_case keys; the objective in the sense the exported LP states it). */
export function planJson(plan: Plan, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const home = plan.assignments.filter((a) => a.setting === 'home');
  return {
    status: plan.status,
    sense: plan.sense,
    objective: round6(plan.objective),
    bound: round6(plan.bound),
    gap: round6(plan.gap),
    solver: plan.solver,
    method: plan.method,
    // no `seconds`: the file must not depend on machine load (the solve time is in the printed table)
    load_dependent: plan.loadDependent,
    rows: plan.rows,
    cols: plan.cols,
    nonzeros: plan.nonzeros,
    start_day: plan.startDay,
    horizon_days: plan.horizonDays,
    cost: round6(plan.cost),
    home_transfusions: home.length,
    clinic_transfusions: plan.assignments.length - home.length,
    home_units: home.reduce((s, a) => s + a.units, 0),
    chained_trips: home.filter((a) => a.chain?.stop === 1).length,
    ...(apheresisPlanned(plan) ? { exchanges: plan.assignments.filter((a) => a.apheresisHours !== undefined).length } : {}),
    ...extra,
    capacity_use: plan.capacityUse.map((c) => ({
      day: c.day, weekday: c.weekday, working: c.working,
      home_visits: c.homeVisits, home_visits_cap: c.homeVisitsCap,
      nurse_hours: round6(c.nurseHours), nurse_hours_cap: round6(c.nurseHoursCap),
      home_units: c.homeUnits, home_units_cap: c.homeUnitsCap,
      clinic_visits: c.clinicVisits, chair_hours: round6(c.chairHours), chair_hours_cap: round6(c.chairHoursCap),
      overflow_hours: round6(c.overflowHours),
      ...(c.apheresisHoursCap === undefined ? {} : {
        exchanges: c.exchanges, apheresis_hours: round6(c.apheresisHours!), apheresis_hours_cap: round6(c.apheresisHoursCap),
        apheresis_overflow_hours: round6(c.apheresisOverflowHours!),
      }),
    })),
    diagnosis: plan.diagnosis,
    warnings: plan.warnings,
  };
}

/**
 * The day-by-day table and a capacity-use summary, for the terminal.
 * @example
 * process.stdout.write(planTable(plan));
 */
export function planTable(plan: Plan, currency = ''): string {
  const lines: string[] = [];
  const head = `status ${plan.status} · ${plan.solver} (${plan.method}) · ${fix(plan.seconds, 2)} s · ${plan.rows} rows × ${plan.cols} columns`;
  lines.push(head);
  if (plan.objective !== null) {
    lines.push(`objective (${plan.sense}) ${fix(plan.objective, 2)} · bound ${plan.bound === null ? 'unknown' : fix(plan.bound, 2)} · gap ${plan.gap === null ? 'unknown' : `${fix(100 * plan.gap, 2)}%`}`);
  }
  for (const d of plan.diagnosis) lines.push(`infeasible (${d.family}): ${d.message}`);
  lines.push('');
  const apheresis = apheresisPlanned(plan);
  lines.push(` day  wd   home visits  nurse h       units   clinic  chair h         overflow h${apheresis ? '  apheresis h  overflow h' : ''}`);
  const sum = { hv: 0, hvc: 0, nh: 0, nhc: 0, u: 0, uc: 0, cv: 0, ch: 0, chc: 0, of: 0, ex: 0, ah: 0, ahc: 0, aof: 0 };
  for (const c of plan.capacityUse) {
    sum.hv += c.homeVisits; sum.hvc += c.homeVisitsCap; sum.nh += c.nurseHours; sum.nhc += c.nurseHoursCap;
    sum.u += c.homeUnits; sum.uc += c.homeUnitsCap; sum.cv += c.clinicVisits; sum.ch += c.chairHours; sum.chc += c.chairHoursCap; sum.of += c.overflowHours;
    sum.ex += c.exchanges ?? 0; sum.ah += c.apheresisHours ?? 0; sum.ahc += c.apheresisHoursCap ?? 0; sum.aof += c.apheresisOverflowHours ?? 0;
    if (!c.working) { lines.push(`${String(c.day).padStart(4)}  ${WEEKDAYS[c.weekday - 1]}  (closed)`); continue; }
    const aph = apheresis
      ? `  ${`${fix(c.apheresisHours!)}/${fix(c.apheresisHoursCap!)}`.padStart(11)}  ${fix(c.apheresisOverflowHours!).padStart(10)}`
      : '';
    lines.push(
      `${String(c.day).padStart(4)}  ${WEEKDAYS[c.weekday - 1]}  ${`${c.homeVisits}/${c.homeVisitsCap}`.padStart(11)}  ${`${fix(c.nurseHours)}/${fix(c.nurseHoursCap)}`.padStart(12)}  ${`${c.homeUnits}/${c.homeUnitsCap}`.padStart(6)}  ${String(c.clinicVisits).padStart(6)}  ${`${fix(c.chairHours)}/${fix(c.chairHoursCap)}`.padStart(14)}  ${fix(c.overflowHours).padStart(9)}${aph}`,
    );
  }
  const pct = (a: number, b: number): string => (b > 0 ? `${fix((100 * a) / b, 0)}%` : '–');
  lines.push('');
  lines.push(`capacity use: home visits ${sum.hv}/${sum.hvc} (${pct(sum.hv, sum.hvc)}), nurse hours ${fix(sum.nh)}/${fix(sum.nhc)} (${pct(sum.nh, sum.nhc)}), home units ${sum.u}/${sum.uc} (${pct(sum.u, sum.uc)})`);
  lines.push(`clinic: ${sum.cv} visits, chair hours ${fix(sum.ch)}/${fix(sum.chc)} (${pct(sum.ch, sum.chc)}), overflow ${fix(sum.of)} h`);
  if (apheresis) {
    lines.push(`apheresis: ${sum.ex} red cell exchanges (among the clinic visits), hours ${fix(sum.ah)}/${fix(sum.ahc)}`
      + ` (${pct(sum.ah, sum.ahc)}), overflow ${fix(sum.aof)} h`);
  }
  if (plan.cost !== null) lines.push(`plan cost ${fix(plan.cost, 0)}${currency ? ` ${currency}` : ''}`);
  for (const w of plan.warnings) lines.push(`note: ${w}`);
  return lines.join('\n') + '\n';
}
