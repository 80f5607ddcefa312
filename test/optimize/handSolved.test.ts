import { describe, expect, it } from 'vitest';
import { planAllocation } from '../../src/optimize/index.js';
import type { Plan } from '../../src/optimize/index.js';
import { expectClose } from '../helpers/close.js';
import { costs, patient, program, settings } from './fixtures.js';

/** Objectives of these instances are sums of a few decimal numbers: 1e-6 absorbs solver round-off. */
const OBJ_TOL = { abs: 1e-6 };
const SOLVERS = ['jsl', 'highs'] as const;

const homeOf = (plan: Plan): string[] => plan.assignments.filter((a) => a.setting === 'home').map((a) => a.patientId).sort();

describe('planAllocation on hand-solved instances', () => {
  for (const solver of SOLVERS) {
    it(`${solver}: A — one home visit a day over 2 days goes to the two highest scores (optimum 30 + 20 − 1 = 49)`, async () => {
      // The second home visit is on day 2, one day after its window opens: 1 g/dL lost × 1 point a g/dL
      // (optimize.delay_points_per_g_dl) = −1; clinic visits carry no delay term.
      const patients = [patient('a', { score: 10 }), patient('b', { score: 20 }), patient('c', { score: 30 })];
      const plan = await planAllocation(patients, program(), costs(), settings({ objective: 'home' }), { solver, guard: 'inline' });
      expect(plan.status).toBe('optimal');
      expect(plan.sense).toBe('max');
      expectClose(plan.objective!, 49, OBJ_TOL);
      expect(homeOf(plan)).toEqual(['b', 'c']);
      expect(plan.assignments.find((a) => a.patientId === 'a')!.setting).toBe('clinic');
    });

    it(`${solver}: D — the day-dependent objective: within the window the earliest day, the faster-falling patient first (optimum 19)`, async () => {
      // One patient, window days 1–3 (Hb 8 = trigger, 1 g/dL a day, floor 5): day 1 is worth 10, day 2 10 − 1,
      // day 3 10 − 2 → day 1. Without the delay term (0 points a g/dL) every day is worth 10.
      const one = [patient('a', { score: 10, floorGDl: 5 })];
      const p3 = await planAllocation(one, program(), costs(), settings({ objective: 'home', horizon_days: 3 }), { solver, guard: 'inline' });
      expectClose(p3.objective!, 10, OBJ_TOL);
      expect(p3.assignments.map((a) => [a.setting, a.day])).toEqual([['home', 1]]);
      // Two patients, windows days 1–2, one home visit a day, score 10 each: `fast` loses 2 g/dL a day, `slow` 1.
      // fast on day 1, slow on day 2: 20 − 1 = 19; the other way round 20 − 2 = 18; one at the clinic ≤ 10 + 0.
      const two = [patient('slow', { score: 10 }), patient('fast', { score: 10, hbDeclinePerWeek: 14, floorGDl: 4 })];
      const p2 = await planAllocation(two, program(), costs(), settings({ objective: 'home' }), { solver, guard: 'inline' });
      expectClose(p2.objective!, 19, OBJ_TOL);
      const dayOf = (id: string) => p2.assignments.find((a) => a.patientId === id)!.day;
      expect([dayOf('fast'), dayOf('slow')]).toEqual([1, 2]);
    });

    it(`${solver}: B — cost: clinic 10/chair-hour × 2 h = 20, home 20/nurse-hour × 2 h = 40, overflow 15/h; one chair-hour slot (optimum 20 + 40 = 60)`, async () => {
      // Both due on day 1 only (hbNow 7: earliest 1, latest 1); 1 chair × 2 h per day; 2 units each.
      const patients = [patient('a', { hbNowGDl: 7, unitsPerEpisode: 2 }), patient('b', { hbNowGDl: 7, unitsPerEpisode: 2 })];
      const plan = await planAllocation(
        patients, program({ clinic_chairs: 1, clinic_hours_per_day: 2 }),
        costs({ chair_hour_cost: 10, nurse_hour_cost: 20, overflow_penalty_per_chair_hour: 15 }), settings({ objective: 'cost' }), { solver, guard: 'inline' },
      );
      expect(plan.status).toBe('optimal');
      expect(plan.sense).toBe('min');
      expectClose(plan.objective!, 60, OBJ_TOL);
      expect(plan.assignments.map((a) => a.setting).sort()).toEqual(['clinic', 'home']);
      expect(plan.assignments.every((a) => a.day === 1)).toBe(true);
    });

    it(`${solver}: C — three transfusions in 6 days, no nurse on Tuesday, an ineligible patient overflowing a closed clinic (optimum 3·2 − 10 = −4)`, async () => {
      // Patient a: increment 3 → windows [1,2], [3,5] (mandatory), [6,8] (optional, home only). Score 2 each at home.
      // Patient b: ineligible, due on day 1 (increment 10: next due after day 6); no chairs → 1 h overflow at 10/h,
      // home_value 1 → −10 points.
      const patients = [patient('a', { score: 2, hbIncrementPerUnit: 3 }), patient('b', { eligible: false, hbNowGDl: 7, hbIncrementPerUnit: 10 })];
      const plan = await planAllocation(
        patients, program({ clinic_chairs: 0, nurse_availability: [1, 0, 1, 1, 1, 1, 1] }),
        costs({ overflow_penalty_per_chair_hour: 10 }), settings({ objective: 'home', horizon_days: 6, home_value: 1 }), { solver, guard: 'inline' },
      );
      expect(plan.status).toBe('optimal');
      expectClose(plan.objective!, -4, OBJ_TOL);
      const a = plan.assignments.filter((x) => x.patientId === 'a');
      expect(a.map((x) => x.setting)).toEqual(['home', 'home', 'home']);
      expect(a[0]!.day).toBe(1); // day 2 (Tuesday) has no nurse
      expect(a[2]!.day).toBe(6);
      expectClose(plan.capacityUse[0]!.overflowHours, 1, OBJ_TOL);
    });
  }

  it('the wall-clock-guarded worker path gives the same optimum as the in-process path', async () => {
    const patients = [patient('a', { score: 10 }), patient('b', { score: 20 }), patient('c', { score: 30 })];
    const plan = await planAllocation(patients, program(), costs(), settings({ objective: 'home' }), { solver: 'highs', guard: 'worker' });
    expect(plan.status).toBe('optimal');
    expectClose(plan.objective!, 49, OBJ_TOL);
  });
});
