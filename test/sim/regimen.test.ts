/**
 * Special regimens in the simulator: sickle cell exchanges at the clinic on apheresis chairs, never at home,
 * with their own chair time; capped top-ups never above the cap. The default scenario's acceptance line:
 * no post-transfusion Hb above 11 g/dL for sickle cell.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { loadScenarioFile, validateScenario } from '../../src/scenario/load.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import type { PolicyRun, ServiceSettings, SimCohort } from '../../src/sim/index.js';
import { metricNames, runReplication, settingsFromScenario, simCohortFromTable } from '../../src/sim/index.js';
import { DayBookings } from '../../src/sim/model/bookings.js';
import { RunTally } from '../../src/sim/model/tally.js';
import { expectClose } from '../helpers/close.js';

/** Sums of a few hours (multiples of 3 h): float rounding only. */
const FLOAT_ABS = 1e-9;
/** DOMAIN.md (Hb dynamics, sickle cell disease): after a simple transfusion Hb must not exceed about 10–11 g/dL. */
const SICKLE_CAP_G_DL = 11;

function setup(extra: ScenarioInput, patients = 300): { cohort: SimCohort; settings: ServiceSettings; seed: number } {
  const sc = validateScenario({ cohort: { source: 'synthetic', patients }, ...extra }, 't.yaml').scenario;
  const { table } = synthesizeCohort(patients, streams(sc.seed));
  return { cohort: simCohortFromTable(table, {}, sc.clinical, sc.regimen), settings: settingsFromScenario(sc), seed: sc.seed };
}

async function run(s: ReturnType<typeof setup>, policy: 'clinic_only' | 'priority_greedy'): Promise<PolicyRun> {
  const rep = await runReplication({ cohort: s.cohort, settings: s.settings, seed: s.seed, rep: 0, policies: [policy], timeseries: false });
  return rep.runs.find((r) => r.policy === policy)!;
}

const metric = (r: PolicyRun, cohort: SimCohort, name: string): number => r.metrics[metricNames(cohort, 14).indexOf(name)]!;
const sickle = (cohort: SimCohort): number => cohort.diagnosisNames.indexOf('sickle_cell');
/** No clinic no-shows: a no-show's booked chair time would count with no exchange given. */
const sim = { horizon_days: 180, warmup_days: 14, clinic_no_show_probability: 0 };

describe('DayBookings.exchange (hand-computed apheresis day)', () => {
  it('1 apheresis chair × 9 h holds three 3-hour exchanges; a fourth only as a 3 h extra session', () => {
    const s = setup({ regimen: { apheresis_chairs: 1, apheresis_hours_per_day: 9, exchange_chair_hours: 3 } });
    const tally = new RunTally(s.cohort, 'clinic_only', 7, 0, false, 14);
    const book = new DayBookings(s.settings.program, tally, s.cohort.n, s.settings.regimen);
    book.open(0); // a Monday
    expect([0, 1, 2, 3].map((i) => book.exchange(i, 0, false))).toEqual([true, true, true, false]);
    expect(book.exchange(3, 0, true)).toBe(true);
    expect(tally.c.apheresisHoursUsed).toBe(9);
    expect(tally.c.apheresisHoursOverflow).toBe(3);
    book.close(0);
    expect(tally.c.chairHoursUsed).toBe(0); // the clinic's transfusion chairs are untouched
    book.open(5); // Saturday: closed, so only an extra session
    expect(book.exchange(4, 5, false)).toBe(false);
  });
});

describe('red cell exchange (apheresis at the clinic)', () => {
  it('takes exchange_chair_hours of apheresis each, apart from the clinic chairs', async () => {
    const s = setup({ simulation: sim, regimen: { exchange_chair_hours: 2.5 } });
    const r = await run(s, 'clinic_only');
    const exchanges = metric(r, s.cohort, 'exchanges');
    expect(exchanges).toBeGreaterThan(20);
    // hand: every exchange books 2.5 apheresis hours, inside capacity or as overflow
    expectClose(metric(r, s.cohort, 'apheresis_hours_used') + metric(r, s.cohort, 'apheresis_hours_overflow'), 2.5 * exchanges, { abs: FLOAT_ABS });
    expect(r.checks.maxHbsAfterExchange).toBe(0.2);
  });

  it('with no apheresis chairs every exchange is an extra session (overflow = exchanges × chair hours)', async () => {
    const s = setup({ simulation: sim, regimen: { apheresis_chairs: 0 } });
    const r = await run(s, 'clinic_only');
    expect(metric(r, s.cohort, 'apheresis_hours_used')).toBe(0);
    expectClose(metric(r, s.cohort, 'apheresis_hours_overflow'), 3 * metric(r, s.cohort, 'exchanges'), { abs: FLOAT_ABS });
  });

  it('never happens at home, and leaves Hb at the exchange target (10 g/dL, trigger + 0.5 above it, ≤ 11)', async () => {
    const s = setup({ simulation: sim, program: { nurses: 4 } });
    const r = await run(s, 'priority_greedy');
    const d = sickle(s.cohort);
    expect(r.checks.homeEvents).toBeGreaterThan(0);
    expect(metric(r, s.cohort, 'home_share_diagnosis:sickle_cell')).toBe(0);
    expect(r.checks.maxPostHbByDiagnosis[d]).toBeGreaterThanOrEqual(10);
    expect(r.checks.maxPostHbByDiagnosis[d]).toBeLessThanOrEqual(SICKLE_CAP_G_DL);
  });
});

describe('capped top-ups', () => {
  const topUp = (cap: number | null): ScenarioInput => ({ simulation: sim, regimen: { by_diagnosis: { sickle_cell: { procedure: 'top_up', top_up_cap_g_dl: cap } } } });

  it('without the cap 4–6 units push sickle cell Hb far above 11 g/dL; with it never above', async () => {
    const free = setup(topUp(null)), capped = setup(topUp(SICKLE_CAP_G_DL));
    const d = sickle(free.cohort);
    const a = await run(free, 'clinic_only'), b = await run(capped, 'clinic_only');
    // independent truth: trigger ≈ 8.8 + 4–6 units × ≈ 1 g/dL → 12.8–14.8 g/dL
    expect(a.checks.maxPostHbByDiagnosis[d]).toBeGreaterThan(12.5);
    expect(b.checks.maxPostHbByDiagnosis[d]).toBeLessThanOrEqual(SICKLE_CAP_G_DL);
    expect(b.checks.topUpsCapped).toBeGreaterThan(0);
    expect(metric(b, capped.cohort, 'exchanges')).toBe(0);
  });
});

describe('default scenario (acceptance: no post-transfusion Hb above 11 g/dL for sickle cell)', () => {
  it('clinic_only and priority_greedy, one replication of 1,200 patients over 365 days', async () => {
    const sc = loadScenarioFile('scenarios/home-transfusion.yaml').scenario;
    const { table } = synthesizeCohort(sc.cohort.source === 'synthetic' ? sc.cohort.patients : 0, streams(sc.seed));
    const cohort = simCohortFromTable(table, {}, sc.clinical, sc.regimen);
    const rep = await runReplication({ cohort, settings: settingsFromScenario(sc), seed: sc.seed, rep: 0, policies: ['clinic_only', 'priority_greedy'], timeseries: false });
    const d = sickle(cohort);
    for (const r of rep.runs) {
      expect(r.checks.maxPostHbByDiagnosis[d]).toBeGreaterThan(0);
      expect(r.checks.maxPostHbByDiagnosis[d]).toBeLessThanOrEqual(SICKLE_CAP_G_DL);
    }
  });
});
