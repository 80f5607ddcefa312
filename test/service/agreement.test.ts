/**
 * Four stages, one capacity: the report's capacity check, priority's capacity line, the optimizer and the
 * simulator all give the hand-computed number of home visits a week for a small cohort of identical patients
 * whose demand exceeds capacity. Two programs: the DOMAIN.md defaults (a 9.15 h visit: one per nurse-day, the
 * optimizer counts visits per day) and short visits that two can share a nurse's day (per-nurse columns); the
 * latter again with a public holiday (program.calendar), which every stage takes off.
 */
import { describe, expect, it } from 'vitest';
import type { PatientTable } from '../../src/data/table.js';
import { planAllocation } from '../../src/optimize/index.js';
import type { OptimizePatient } from '../../src/optimize/index.js';
import { capacityLine } from '../../src/priority/index.js';
import { streams } from '../../src/random/index.js';
import { capacityCheck } from '../../src/report/capacity.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { SimCohort } from '../../src/sim/index.js';
import { metricNames, runReplication, settingsFromScenario } from '../../src/sim/index.js';
import { expectClose } from '../helpers/close.js';

const PATIENTS = 60;
const UNITS = 1;
const TRAVEL_MIN = 15;

const cases = [
  {
    // 1 × 1.8 + 0.5 + 0.6 + 3.45 + 2 × 0.25 = 6.85 h: one a nurse-day (two would be 13.7 > 8 + 2); 3 nurses × 5 days
    // = 15. A pooled budget would say ⌊3 × 10 / 6.85⌋ = 4 a day = 20.
    name: 'DOMAIN defaults, 3 nurses: one 6.85 h visit a nurse-day → 15 a week (not the pooled 20)',
    program: { nurses: 3 },
    perWeek: 15,
  },
  {
    // pick-up 0.5: 3.9 h visits, two a nurse-day. Mon: 1 nurse (3 × 0.5 rounded down; rounding to nearest would
    // give 2) × 2 = 2; Tue–Fri: min(3 × 2, 5 units) = 5
    name: 'short visits, 3 nurses (half on Mondays), 5 units a day: 2 + 4 × 5 = 22 a week',
    program: { nurses: 3, nurse_availability: [0.5, 1, 1, 1, 1, 1, 1], pickup_hours: 0.5, home_units_per_day: 5 },
    perWeek: 22,
  },
] as const;

function scenario(program: Record<string, unknown>) {
  return validateScenario({
    program: { ...program },
    // capacity, not timing: no crossmatch lead, so a patient found due can be transfused the same day (with a
    // day's lead these patients, due every other day, would all be due on the same days and leave every other
    // day's capacity idle)
    clinical: { crossmatch_lead_working_days: 0 },
    simulation: {
      horizon_days: 35, warmup_days: 7, replications: 1, home_no_show_probability: 0, clinic_no_show_probability: 0,
      failed_access_probability: 0, reaction_probability_per_unit: 0, lab_interval_days: 1, lab_noise_sd_g_dl: 0, decline_noise_sd_log: 0,
      increment_sd_g_dl: 0, max_home_wait_days: 60,
    },
    blood: { stock_days: 20 }, // blood never limits: capacity alone
  }, 'agreement.yaml').scenario;
}

function table(): PatientTable {
  const col = (name: string, v: number) => ({ kind: 'numeric' as const, name, values: new Float64Array(PATIENTS).fill(v) });
  return { idColumn: 'patient_id', ids: Array.from({ length: PATIENTS }, (_, i) => `p${i}`), columns: [col('units_per_episode', UNITS), col('travel_min_one_way', TRAVEL_MIN), col('episodes_12m', 100)] };
}

/** Identical patients, always in need: Hb falls 0.5 g/dL a day and one unit gives 1 g/dL (due every other day). */
function simCohort(): SimCohort {
  const f = (v: number): Float64Array => new Float64Array(PATIENTS).fill(v);
  return {
    n: PATIENTS, triggerGdl: f(8), floorGdl: f(7), declinePerDay: f(0.5), unitsPerEpisode: new Int32Array(PATIENTS).fill(UNITS), incrementPerUnit: f(1),
    travelMinOneWay: f(TRAVEL_MIN), distanceKm: f(10), eligible: new Uint8Array(PATIENTS).fill(1), score: Float64Array.from({ length: PATIENTS }, (_, i) => i),
    target: new Uint8Array(PATIENTS).fill(1), segment: new Int32Array(PATIENTS).fill(-1), segmentNames: [], diagnosis: new Int32Array(PATIENTS).fill(-1),
    diagnosisNames: [], waiting: null, urgency: null, bloodGroup: new Int8Array(PATIENTS), // all O+
  };
}

/** Patients whose one transfusion of the week may happen on any day (Hb at the trigger, floor far below). */
function optimizePatients(): OptimizePatient[] {
  return Array.from({ length: PATIENTS }, (_, i) => ({
    id: `p${i}`, eligible: true, score: 10, hbNowGDl: 8, hbDeclinePerWeek: 0.7, hbIncrementPerUnit: 5, unitsPerEpisode: UNITS,
    triggerGDl: 8, floorGDl: 2, travelMinOneWay: TRAVEL_MIN, distanceKm: 10,
  }));
}

describe('one capacity, four stages (hand-computed cohort)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const sc = scenario(c.program);
      // 1. report: the capacity check
      expect(capacityCheck(sc.program, table()).homeVisitsPerWeek).toBe(c.perWeek);
      // 2. priority: a year of capacity carries perWeek × 365/7 visits; patients needing one visit a week each
      const weekly = new Float64Array(PATIENTS).fill(365 / 7);
      const line = capacityLine(Int32Array.from({ length: PATIENTS }, (_, i) => i), { episodes: weekly, units: weekly, travelMinOneWay: new Float64Array(PATIENTS).fill(TRAVEL_MIN) }, sc.program);
      expect(line.topN).toBe(c.perWeek);
      // 3. optimizer: one week from a Monday, every patient wants a home visit in it
      const plan = await planAllocation(optimizePatients(), sc.program, sc.costs, { ...sc.optimize, horizon_days: 7, start_weekday: 1, mip_gap: 0, solver: 'highs' });
      expect(plan.status).toBe('optimal');
      expect(plan.assignments.filter((a) => a.setting === 'home').length).toBe(c.perWeek);
      // 4. simulator: four weeks after a week's warm-up, demand always above capacity
      const cohort = simCohort();
      const rep = await runReplication({ cohort, settings: settingsFromScenario(sc), seed: 1, rep: 0, policies: ['priority_greedy'], timeseries: false });
      const home = rep.runs[0]!.metrics[metricNames(cohort, 14).indexOf('home_transfusions')]!;
      expect(home).toBe(4 * c.perWeek);
    });
  }
});

describe('with a public holiday: all four stages lose that day\'s capacity', () => {
  // the short-visit program above (Mon 2, Tue–Fri 5: 22 a week), day 0 Monday 30 March 2026 and a holiday on
  // Tuesday 7 April = simulated day 8, in the second week (the first after the warm-up): that Tuesday's 5 visits
  // go. The week: 22 − 5 = 17. Four counted weeks: 4 × 22 − 5 = 83. The first year: 22 × 365/7 − 5 = 1,142.14.
  const program = { ...cases[1].program, calendar: { start_date: '2026-03-30', holidays: ['2026-04-07'] } };
  it('report 1,142.14 a year (22 a week), capacity line 1,142 one-visit patients, optimizer 17 in the week, simulator 83', async () => {
    const sc = scenario(program);
    // 1. report: the week's figure as before, the year's less the holiday
    const check = capacityCheck(sc.program, table());
    expect(check.homeVisitsPerWeek).toBe(22);
    expect(check.holidaysClosingWorkingDays).toBe(1);
    expectClose(check.homeVisitsPerYear!, (22 * 365) / 7 - 5, { abs: 1e-9 });
    // 2. priority: 2,000 patients needing one visit a year each; ⌊1,147.14 − 5⌋ = 1,142 fit (1,147 without it)
    const many = 2000;
    const ones = new Float64Array(many).fill(1);
    const line = capacityLine(Int32Array.from({ length: many }, (_, i) => i), { episodes: ones, units: ones, travelMinOneWay: new Float64Array(many).fill(TRAVEL_MIN) }, sc.program);
    expect(line.topN).toBe(1142);
    // 3. optimizer: the week from Monday day 7 (absolute day 8), the holiday its Tuesday
    const week = { ...sc.optimize, horizon_days: 7, start_weekday: 1, mip_gap: 0, solver: 'highs' as const };
    const plan = await planAllocation(optimizePatients(), sc.program, sc.costs, week, { startDay: 8 });
    expect(plan.status).toBe('optimal');
    expect(plan.assignments.filter((a) => a.setting === 'home').length).toBe(17);
    expect(plan.assignments.some((a) => a.day === 9)).toBe(false); // nothing on the holiday, home or clinic
    // 4. simulator: four weeks after the warm-up
    const cohort = simCohort();
    const rep = await runReplication({ cohort, settings: settingsFromScenario(sc), seed: 1, rep: 0, policies: ['priority_greedy'], timeseries: false });
    expect(rep.runs[0]!.metrics[metricNames(cohort, 14).indexOf('home_transfusions')]!).toBe(4 * 22 - 5);
  });
});

describe('with chaining (routing): all four stages agree', () => {
  // every home at one spot: a leg is routing.leg_fixed_min = 8 min. Two 6.85 h round trips (13.7 h) do not fit
  // 8 + 2 h; chained: 2 × 2.9 + 3.45 pick-up once + (15 + 8 + 15) / 60 = 9.883 h does → 2 a nurse-day, 3 nurses ×
  // 2 × 5 days = 30 a week (home units 8 a day do not bind); the optimizer plans 15 chained trips
  it('DOMAIN defaults, 3 nurses, neighbours 8 min apart: 30 a week', async () => {
    const sc = scenario({ nurses: 3 });
    const spot = new Float64Array(PATIENTS);
    const legs = { kind: 'xy_km' as const, a: spot, b: spot, fixedMin: 8, minPerKm: 1.1 };
    expect(capacityCheck(sc.program, table(), legs).homeVisitsPerWeek).toBe(30);
    const weekly = new Float64Array(PATIENTS).fill(365 / 7);
    const order = Int32Array.from({ length: PATIENTS }, (_, i) => i);
    const travelMinOneWay = new Float64Array(PATIENTS).fill(TRAVEL_MIN);
    expect(capacityLine(order, { episodes: weekly, units: weekly, travelMinOneWay }, sc.program, legs).topN).toBe(30);
    const cohort = { ...simCohort(), legs };
    const settings = settingsFromScenario(sc);
    const task = { cohort, settings, seed: 1, rep: 0, policies: ['priority_greedy'] as const, timeseries: false };
    const rep = await runReplication(task);
    expect(rep.runs[0]!.metrics[metricNames(cohort, 14).indexOf('home_transfusions')]!).toBe(4 * 30);
    const week = { ...sc.optimize, horizon_days: 7, start_weekday: 1, mip_gap: 0, solver: 'highs' as const };
    const plan = await planAllocation(optimizePatients(), sc.program, sc.costs, week, { routing: { legs } });
    expect(plan.status).toBe('optimal');
    const home = plan.assignments.filter((a) => a.setting === 'home');
    expect(home.length).toBe(30);
    // every visit is on a chained trip of two (two round trips, 13.7 h, never fit a day), one trip a nurse-day
    expect(home.every((a) => a.chain !== undefined)).toBe(true);
    for (let d = 1; d <= 5; d++) expect(new Set(home.filter((a) => a.day === d).map((a) => a.nurse)).size).toBe(3);
    // without routing the same model plans round trips only: one a nurse-day
    const roundTrips = await planAllocation(optimizePatients(), sc.program, sc.costs, week);
    expect(roundTrips.assignments.filter((a) => a.setting === 'home').length).toBe(15);
  });
});
