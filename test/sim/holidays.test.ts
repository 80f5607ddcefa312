/**
 * Holidays in the simulator (program.calendar): the run trace shows no lab and no transfusion — home, clinic
 * chair or apheresis — on a public holiday, under every policy; the same scenario without the holidays does
 * use those days (so the check can fail).
 */
import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { SimPolicyName } from '../../src/scenario/sections/simulation.js';
import type { RunTrace } from '../../src/sim/index.js';
import { emptyTrace, greedyPlanner, policyFactory, runRandom, settingsFromScenario, simulateRun } from '../../src/sim/index.js';
import { mixedCohort } from '../helpers/simCohort.js';

const N = 80;
// day 0 = Monday 30 March 2026: Good Friday (day 4), Easter Monday (day 7), May Day (Friday 1 May, day 32),
// Christmas (Friday, day 270) and Boxing Day observed (Monday 28 December, day 273)
const HOLIDAYS = ['2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-28'];
const HOLIDAY_DAYS = new Set([4, 7, 32, 270, 273]);
const POLICIES: SimPolicyName[] = ['clinic_only', 'priority_greedy', 'lp_rolling'];

function settings(holidays: string[]) {
  return settingsFromScenario(validateScenario({
    program: { nurses: 2, calendar: { start_date: '2026-03-30', holidays } },
    simulation: { horizon_days: 300, warmup_days: 0, replications: 1, lp_planner: 'greedy' },
  }, 'holidays.yaml').scenario);
}

async function trace(holidays: string[], policy: SimPolicyName): Promise<RunTrace> {
  const t = emptyTrace();
  const factory = policy === 'lp_rolling' ? policyFactory(policy, greedyPlanner) : policyFactory(policy);
  await simulateRun({ cohort: mixedCohort(5, N), settings: settings(holidays), factory, random: runRandom(streams(5), 0, false), policyName: policy, trace: t });
  return t;
}

const onHolidays = (t: RunTrace) => ({
  labs: t.labs.filter((l) => HOLIDAY_DAYS.has(l.day)).length,
  transfusions: t.transfusions.filter((x) => HOLIDAY_DAYS.has(Math.floor(x.time))).length,
});

describe('no lab, visit or chair on a public holiday (run trace)', () => {
  for (const policy of POLICIES) {
    it(`${policy}: none on the five holidays; without them those days have labs and transfusions`, async () => {
      const closed = await trace(HOLIDAYS, policy);
      expect(onHolidays(closed)).toEqual({ labs: 0, transfusions: 0 });
      expect(closed.labs.some((l) => l.day === 8)).toBe(true); // labs resume on the Tuesday after Easter
      const open = onHolidays(await trace([], policy));
      expect(open.labs).toBeGreaterThan(0);
      expect(open.transfusions).toBeGreaterThan(0);
    });
  }
});
