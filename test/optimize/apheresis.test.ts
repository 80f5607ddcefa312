/**
 * Issue 16 items 1 and 4: with the regimen settings the optimizer plans a red cell exchange as the simulator books
 * it (src/sim/model/bookings.ts) — at the clinic on an apheresis chair for regimen.exchange_chair_hours, against
 * apheresisHoursOnDay, never at home and never on the transfusion chairs. Every figure below is worked by hand
 * from the fixtures: 1 h per unit, no overheads, so an ordinary 1-unit visit takes 1 chair-hour or 1 nurse-hour.
 */
import { describe, expect, it } from 'vitest';
import { assembleModel, checkPlan, patientsFromTable, planAllocation, planCsvRows, planJson, planTable, toLpText } from '../../src/optimize/index.js';
import type { Assignment, OptimizePatient } from '../../src/optimize/index.js';
import { planningCalendar } from '../../src/optimize/calendar.js';
import { regimenSection } from '../../src/scenario/sections/regimen.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { PatientTable } from '../../src/data/table.js';
import { streams } from '../../src/random/index.js';
import { expectClose } from '../helpers/close.js';
import { costs, patient, program, settings } from './fixtures.js';

/** Objectives are sums of a few decimal numbers: 1e-6 absorbs solver round-off. */
const OBJ_TOL = { abs: 1e-6 };
const SOLVERS = ['jsl', 'highs'] as const;

/** Exchanges of 3 h on `chairs` apheresis chairs of `hours` a day. */
const regimen = (chairs: number, hours: number) =>
  regimenSection.parse({ exchange_chair_hours: 3, apheresis_chairs: chairs, apheresis_hours_per_day: hours });
/** Due on day 1 only (Hb 7 on day 0, 1 g/dL a day, trigger 8, floor 6). */
const dueDay1 = (id: string, over: Partial<OptimizePatient> = {}): OptimizePatient => patient(id, { hbNowGDl: 7, eligible: false, ...over });
/** One 1-hour transfusion chair a day: full with one ordinary visit. */
const oneChair = () => program({ clinic_chairs: 1, clinic_hours_per_day: 1 });

describe('exchange patients on the apheresis chairs (planAllocation with the regimen)', () => {
  for (const solver of SOLVERS) {
    it(`${solver}: chairs full — without the regimen the exchange overflows the chair (2 × 10 + 100 = 120); with it, 10 + 3 × 10 (+ 1 h apheresis overflow × 100 with 2 h of apheresis)`, async () => {
      const patients = [dueDay1('a'), dueDay1('x', { procedure: 'exchange' })];
      const c = costs({ chair_hour_cost: 10, overflow_penalty_per_chair_hour: 100 });
      const s = settings({ objective: 'cost' });
      const plain = await planAllocation(patients, oneChair(), c, s, { solver, guard: 'inline' });
      expect(plain.status).toBe('optimal');
      expectClose(plain.objective!, 120, OBJ_TOL);
      expectClose(plain.capacityUse[0]!.chairHours, 2, OBJ_TOL);
      expectClose(plain.capacityUse[0]!.overflowHours, 1, OBJ_TOL);
      expect(plain.capacityUse[0]!.apheresisHoursCap).toBeUndefined();
      // 3 chairs × 9 h: room for the exchange; the ordinary patient keeps the one chair
      const roomy = await planAllocation(patients, oneChair(), c, s, { solver, guard: 'inline', regimen: regimen(3, 9) });
      expectClose(roomy.objective!, 10 + 30, OBJ_TOL);
      expectClose(roomy.cost!, 40, OBJ_TOL);
      const day1 = roomy.capacityUse[0]!;
      expect([day1.chairHours, day1.overflowHours, day1.apheresisHours, day1.apheresisHoursCap, day1.apheresisOverflowHours, day1.exchanges]).toEqual([1, 0, 3, 27, 0, 1]);
      const x = roomy.assignments.find((a) => a.patientId === 'x')!;
      expect([x.setting, x.chairHours, x.apheresisHours]).toEqual(['clinic', 0, 3]);
      expect(roomy.assignments.find((a) => a.patientId === 'a')!.apheresisHours).toBeUndefined();
      // 1 chair × 2 h: the 3 h exchange overflows the apheresis list by 1 h, priced like a chair-hour above capacity
      const tight = await planAllocation(patients, oneChair(), c, s, { solver, guard: 'inline', regimen: regimen(1, 2) });
      expectClose(tight.objective!, 10 + 30 + 100, OBJ_TOL);
      expectClose(tight.cost!, 140, OBJ_TOL);
      expectClose(tight.capacityUse[0]!.apheresisOverflowHours!, 1, OBJ_TOL);
      expectClose(tight.capacityUse[0]!.overflowHours, 0, OBJ_TOL);
      expect(tight.warnings.some((w) => /apheresis chair capacity exceeded by 1\.0 h/.test(w))).toBe(true);
    });

    it(`${solver}: without the regimen the exchange takes the chair and sends the eligible patient home (10 + 50 = 60); with it both stay at the clinic (10 + 30 = 40)`, async () => {
      const patients = [dueDay1('a', { eligible: true }), dueDay1('x', { procedure: 'exchange' })];
      const c = costs({ chair_hour_cost: 10, nurse_hour_cost: 50, overflow_penalty_per_chair_hour: 100 });
      const s = settings({ objective: 'cost' });
      const plain = await planAllocation(patients, oneChair(), c, s, { solver, guard: 'inline' });
      expectClose(plain.objective!, 60, OBJ_TOL);
      expect(plain.assignments.find((a) => a.patientId === 'a')!.setting).toBe('home');
      const withRegimen = await planAllocation(patients, oneChair(), c, s, { solver, guard: 'inline', regimen: regimen(3, 9) });
      expectClose(withRegimen.objective!, 40, OBJ_TOL);
      expect(withRegimen.assignments.map((a) => a.setting)).toEqual(['clinic', 'clinic']);
    });

    it(`${solver}: home objective — an exchange patient marked eligible goes home without the regimen (30 + 20 − 1 = 49), never with it (20)`, async () => {
      // one nurse, one visit a day, 2 days; x (score 30) and a (score 20) both due days 1–2. Without the regimen both
      // go home (x on day 1, a on day 2: 50 − 1 delay point); with it only a can (day 1: 20), x is at the clinic.
      const patients = [patient('a', { score: 20 }), patient('x', { score: 30, procedure: 'exchange' })];
      const s = settings({ objective: 'home' });
      const plain = await planAllocation(patients, program(), costs(), s, { solver, guard: 'inline' });
      expectClose(plain.objective!, 49, OBJ_TOL);
      const withRegimen = await planAllocation(patients, program(), costs(), s, { solver, guard: 'inline', regimen: regimen(3, 9) });
      expectClose(withRegimen.objective!, 20, OBJ_TOL);
      expect(withRegimen.assignments.find((a) => a.patientId === 'x')!.apheresisHours).toBe(3);
    });
  }

  it('home objective: apheresis overflow costs its penalty in points (penalty / home_value = 100 / 5 = 20)', async () => {
    const patients = [dueDay1('x', { procedure: 'exchange' })];
    const plan = await planAllocation(patients, program(), costs({ overflow_penalty_per_chair_hour: 100 }), settings({ objective: 'home', home_value: 5 }), {
      solver: 'highs', guard: 'inline', regimen: regimen(1, 2),
    });
    expectClose(plan.objective!, -20, OBJ_TOL);
  });

  it('the model: no home column for an exchange patient, its clinic columns in apheresis_hours_d, not chair_hours_d; the LP text names the row', () => {
    const patients = [patient('a'), patient('x', { procedure: 'exchange' })];
    const am = assembleModel(patients, program(), costs(), settings({ objective: 'cost' }), { regimen: regimen(1, 9) });
    const m = am.model;
    expect(m.colNames.filter((n) => n.startsWith('home_p0001'))).toEqual([]);
    expect(m.colNames.filter((n) => n.startsWith('home_p0000'))).toEqual(['home_p0000_d01', 'home_p0000_d02']);
    const row = (name: string): string[] => {
      const i = m.rowNames.indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return Array.from(m.rowIndex.subarray(m.rowStart[i]!, m.rowStart[i + 1]!), (j) => m.colNames[j]!);
    };
    expect(row('apheresis_hours_d01')).toEqual(['clinic_p0001_d01', 'apheresis_overflow_d01']);
    expect(row('chair_hours_d01')).toEqual(['clinic_p0000_d01', 'overflow_d01']);
    expect(m.rowUpper[m.rowNames.indexOf('apheresis_hours_d01')]).toBe(9);
    expect(toLpText(m)).toMatch(/^ apheresis_hours_d01: 3 clinic_p0001_d01 - apheresis_overflow_d01 <= 9$/m);
    // without the regimen: the same patients as before the change (home columns, chair row)
    const plain = assembleModel(patients, program(), costs(), settings({ objective: 'cost' }));
    expect(plain.model.colNames).toContain('home_p0001_d01');
    expect(plain.model.rowNames.some((n) => n.startsWith('apheresis'))).toBe(false);
  });

  it('apheresis hours follow the service calendar: none on a public holiday or a closed weekday', () => {
    // Good Friday 2026 is absolute day 5 when day 1 is Monday 30 March (test/service/holidays.test.ts)
    const easter = validateScenario({ program: { calendar: { start_date: '2026-03-30', holidays: ['2026-04-03'] } } }, 'h.yaml').scenario;
    const cal = planningCalendar(easter.program, 7, 1, 1, regimen(3, 9));
    expect(cal.map((c) => c.apheresisHours)).toEqual([27, 27, 27, 27, 0, 0, 0]);
    expect(planningCalendar(easter.program, 7, 1, 1).every((c) => c.apheresisHours === 0)).toBe(true);
  });
});

describe('checkPlan with the regimen (independent re-check)', () => {
  const cal = planningCalendar(program(), 2, 1, 1, regimen(1, 3));
  const opts = { earlyMarginGDl: 0, overdueGraceDays: 3, visitHours: [1, 1, 1], chairHours: [1, 1, 1], program: program(), regimen: regimen(1, 3) };
  /** A clinic visit on a transfusion chair (1 h); `exchange`: on an apheresis chair (3 h). */
  const visit = (patient: number, over: Partial<Assignment> = {}): Assignment => ({
    day: 1, patient, patientId: `p${patient}`, episode: 1, setting: 'clinic', units: 1, nurse: -1, nurseHours: 0, chairHours: 1, ...over,
  });
  const exchange = (patient: number): Assignment => visit(patient, { chairHours: 0, apheresisHours: 3 });
  const patients = [patient('x', { procedure: 'exchange' }), patient('y', { procedure: 'exchange' }), patient('a')];

  it('two 3 h exchanges against one 3 h apheresis chair: 3 h of apheresis overflow, none on the transfusion chairs', () => {
    const r = checkPlan(patients, [exchange(0), exchange(1), visit(2)], cal, opts);
    expect(r.violations).toEqual([]);
    expect(r.apheresisOverflowHours).toBe(3);
    expect(r.overflowHours).toBe(0);
  });
  it('an exchange at home or on a transfusion chair is a violation', () => {
    const home = visit(0, { setting: 'home', nurse: 0, nurseHours: 1, chairHours: 0 });
    const r = checkPlan(patients, [home, visit(1)], cal, opts);
    expect(r.violations).toEqual(['patient #0: red cell exchange on day 1 not on an apheresis chair', 'patient #1: red cell exchange on day 1 not on an apheresis chair']);
  });
  it('without the regimen an exchange patient is an ordinary transfusion on the chairs (3 visits on a 1-chair-hour day: 2 h overflow)', () => {
    const { regimen: _, ...plainOpts } = opts;
    const r = checkPlan(patients, [visit(0), visit(1), visit(2)], planningCalendar(program({ clinic_chairs: 1, clinic_hours_per_day: 1 }), 2, 1, 1), plainOpts);
    expect(r.violations).toEqual([]);
    expect([r.overflowHours, r.apheresisOverflowHours]).toEqual([2, 0]);
  });
});

describe('plan files with the regimen', () => {
  it('plan.csv gives an exchange its apheresis hours; plan.json capacity_use and the table show apheresis use', async () => {
    const patients = [dueDay1('a'), dueDay1('x', { procedure: 'exchange' })];
    const plan = await planAllocation(patients, oneChair(), costs({ overflow_penalty_per_chair_hour: 100 }), settings({ objective: 'cost' }), {
      solver: 'highs', guard: 'inline', regimen: regimen(1, 2),
    });
    const { header, rows } = planCsvRows(plan);
    expect(header.at(-1)).toBe('apheresis_hours');
    expect(rows.map((r) => [r[1], r[6], r.at(-1)])).toEqual([['a', 1, ''], ['x', 0, 3]]);
    const json = planJson(plan) as { exchanges: number; capacity_use: Record<string, unknown>[] };
    expect(json.exchanges).toBe(1);
    expect(json.capacity_use[0]).toMatchObject({ exchanges: 1, apheresis_hours: 3, apheresis_hours_cap: 2, apheresis_overflow_hours: 1, chair_hours: 1 });
    expect(planTable(plan)).toMatch(/apheresis: 1 red cell exchanges .* hours 3\.0\/4\.0 \(75%\), overflow 1\.0 h/);
  });
});

describe('patientsFromTable marks exchange patients by the regimen rule', () => {
  it('sickle cell (default regimen: exchange) and a `regimen: exchange` override are marked; a `top_up` override and others are not; nobody without the regimen', () => {
    const dx = ['sickle_cell', 'mds', 'sickle_cell', 'thalassaemia'], own = [null, 'exchange', 'top_up', null];
    const levels = [...new Set(dx)], ownLevels = ['exchange', 'top_up'];
    const table = {
      idColumn: 'patient_id', ids: dx.map((_, i) => `p${i}`),
      columns: [
        { kind: 'categorical', name: 'diagnosis', levels, codes: Int32Array.from(dx, (d) => levels.indexOf(d)) },
        { kind: 'categorical', name: 'regimen', levels: ownLevels, codes: Int32Array.from(own, (o) => (o === null ? -1 : ownLevels.indexOf(o))) },
        ...['hb_decline_g_dl_week', 'units_per_episode', 'travel_min_one_way', 'distance_km'].map((name) => ({ kind: 'numeric', name, values: new Float64Array(4).fill(1) })),
      ],
    } as PatientTable;
    const s = validateScenario({}, 'x.yaml').scenario;
    const adapt = (withRegimen: boolean) => patientsFromTable(table, { eligible: [1, 1, 1, 1], score: [1, 1, 1, 1] }, s.optimize, s.clinical,
      streams(1).stream('hb_phase'), undefined, withRegimen ? s.regimen : undefined).patients.map((p) => p.procedure ?? '-');
    expect(adapt(true)).toEqual(['exchange', 'exchange', '-', '-']);
    expect(adapt(false)).toEqual(['-', '-', '-', '-']);
  });
});
