import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleModel, checkPlan, planAllocation } from '../../src/optimize/index.js';
import type { OptimizePatient } from '../../src/optimize/index.js';
import { expectClose } from '../helpers/close.js';
import { costs, program, settings } from './fixtures.js';

/** Both solvers are run to a zero gap on these tiny models: optima agree to solver round-off. */
const SOLVER_AGREEMENT = { rel: 1e-6, abs: 1e-6 };
/** Capacity re-check slack for summed hours (floating point only). */
const CAP_TOL = 1e-9;

const patientArb = fc.record({
  eligible: fc.boolean(),
  score: fc.integer({ min: 0, max: 100 }),
  hbNowGDl: fc.double({ min: 6.6, max: 11, noNaN: true }),
  hbDeclinePerWeek: fc.double({ min: 0.5, max: 5, noNaN: true }),
  hbIncrementPerUnit: fc.double({ min: 0.7, max: 1.4, noNaN: true }),
  unitsPerEpisode: fc.integer({ min: 1, max: 3 }),
  travelMinOneWay: fc.integer({ min: 5, max: 90 }),
  distanceKm: fc.integer({ min: 1, max: 80 }),
});

const instanceArb = fc.record({
  patients: fc.array(patientArb, { minLength: 1, maxLength: 7 }),
  horizon: fc.integer({ min: 3, max: 12 }),
  nurses: fc.integer({ min: 0, max: 2 }),
  visits: fc.integer({ min: 1, max: 3 }),
  units: fc.integer({ min: 0, max: 6 }),
  chairs: fc.integer({ min: 0, max: 2 }),
  objective: fc.constantFrom('home', 'cost', 'mix'),
  weekdays: fc.constantFrom([1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7], [1, 3, 5]),
});

describe('plans respect capacity and clinical timing (property test over random small instances)', () => {
  it('every optimal plan passes the independent Hb simulation and the capacity limits; jsl and HiGHS agree', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async (inst) => {
        const patients: OptimizePatient[] = inst.patients.map((p, i) => ({ id: `r${i}`, ...p, triggerGDl: 8, floorGDl: 7 }));
        const prog = program({ nurses: inst.nurses, max_visits_per_nurse_per_day: inst.visits, home_units_per_day: inst.units, clinic_chairs: inst.chairs, clinic_hours_per_day: 4, working_days: inst.weekdays, hours_per_unit: 1.8, observation_hours: 0.5, pickup_hours: 0.5 });
        const c = costs({ chair_hour_cost: 66, nurse_hour_cost: 22.5, unit_cost: 193, overflow_penalty_per_chair_hour: 200, late_penalty_per_day: 1000, patient_cost_per_km: 0.3 });
        const s = settings({ horizon_days: inst.horizon, objective: inst.objective, early_margin_g_dl: 0.5 });
        const plan = await planAllocation(patients, prog, c, s, { solver: 'highs', guard: 'inline' });
        if (plan.status === 'infeasible') {
          expect(plan.diagnosis[0]!.family).toBe('clinical_timing');
          return;
        }
        expect(plan.status).toBe('optimal');
        const am = assembleModel(patients, prog, c, s);
        const check = checkPlan(patients, plan.assignments, am.calendar, { earlyMarginGDl: 0.5, overdueGraceDays: s.overdue_grace_days, visitHours: am.visitHours, chairHours: am.chairHours, program: prog });
        expect(check.violations).toEqual([]);
        for (const day of plan.capacityUse) {
          expect(day.homeVisits).toBeLessThanOrEqual(day.homeVisitsCap);
          expect(day.homeUnits).toBeLessThanOrEqual(day.homeUnitsCap);
          expect(day.nurseHours).toBeLessThanOrEqual(day.nurseHoursCap + CAP_TOL);
          if (!day.working) expect(day.homeVisits + day.clinicVisits).toBe(0);
        }
        // every ineligible patient's transfusions are at the clinic
        for (const a of plan.assignments) if (!patients[a.patient]!.eligible) expect(a.setting).toBe('clinic');
        if (plan.cols <= 120) {
          const other = await planAllocation(patients, prog, c, s, { solver: 'jsl', guard: 'inline' });
          expect(other.status).toBe('optimal');
          expectClose(other.objective!, plan.objective!, SOLVER_AGREEMENT);
        }
      }),
      { numRuns: 40, seed: 20260601 },
    );
  });

  it('the same inputs give an identical plan (apart from seconds)', async () => {
    const [patients, prog, c, s] = [
      Array.from({ length: 12 }, (_, i): OptimizePatient => ({ id: `d${i}`, eligible: i % 4 !== 0, score: (i * 37) % 100, hbNowGDl: 7.4 + (i % 5) * 0.5, hbDeclinePerWeek: 1 + (i % 3), hbIncrementPerUnit: 1, unitsPerEpisode: 1 + (i % 2), triggerGDl: 8, floorGDl: 7, travelMinOneWay: 30, distanceKm: 20 })),
      program({ max_visits_per_nurse_per_day: 2, clinic_chairs: 1, clinic_hours_per_day: 5, working_days: [1, 2, 3, 4, 5] }),
      costs({ chair_hour_cost: 66, nurse_hour_cost: 22.5, overflow_penalty_per_chair_hour: 200 }),
      settings({ horizon_days: 14, early_margin_g_dl: 0.5 }),
    ] as const;
    const a = await planAllocation(patients, prog, c, s, { solver: 'highs', guard: 'inline' });
    const b = await planAllocation(patients, prog, c, s, { solver: 'highs', guard: 'worker' });
    expect({ ...b, seconds: 0 }).toEqual({ ...a, seconds: 0 });
  });
});
