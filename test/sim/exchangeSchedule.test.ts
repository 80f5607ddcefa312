/**
 * Scheduled red cell exchanges in the simulator (regimen.exchange_schedule, src/service/regimen.ts) on
 * hand-computed cases: identical exchange patients whose Hb never reaches the trigger, ample apheresis chairs,
 * no no-shows or reactions — so only the schedule, the calendar and the crossmatch lead set the days.
 */
import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { hbsShareAfter } from '../../src/service/index.js';
import type { RunTrace, SimCohort } from '../../src/sim/index.js';
import { emptyTrace, policyFactory, runRandom, settingsFromScenario, simulateRun } from '../../src/sim/index.js';

const N = 30;
const HORIZON = 365;

/** Exchange patients: trigger 8, 5 units of 1 g/dL; `declinePerDay` 0 keeps Hb above the trigger for ever. */
function cohort(declinePerDay: number): SimCohort {
  const f = (v: number): Float64Array => new Float64Array(N).fill(v);
  return {
    n: N, triggerGdl: f(8), floorGdl: f(7), declinePerDay: f(declinePerDay), unitsPerEpisode: new Int32Array(N).fill(5), incrementPerUnit: f(1),
    travelMinOneWay: f(30), distanceKm: f(10), eligible: new Uint8Array(N), score: f(1), target: new Uint8Array(N), segment: new Int32Array(N).fill(-1),
    segmentNames: [], diagnosis: new Int32Array(N).fill(-1), diagnosisNames: [], waiting: null, urgency: null, bloodGroup: new Int8Array(N),
    exchange: new Uint8Array(N).fill(1), topUpCapGdl: f(11),
  };
}

async function exchangeDays(regimen: ScenarioInput['regimen'], declinePerDay = 0, program: ScenarioInput['program'] = {}): Promise<number[][]> {
  const sc = validateScenario({
    program,
    regimen: { apheresis_chairs: 10, ...regimen },
    simulation: {
      horizon_days: HORIZON, warmup_days: 0, replications: 1, clinic_no_show_probability: 0, reaction_probability_per_unit: 0,
      lab_noise_sd_g_dl: 0, decline_noise_sd_log: 0,
    },
    blood: { stock_days: 20 },
  }, 'exchange.yaml').scenario;
  const trace: RunTrace = emptyTrace();
  await simulateRun({ cohort: cohort(declinePerDay), settings: settingsFromScenario(sc), factory: policyFactory('clinic_only'), random: runRandom(streams(3), 0, false), policyName: 'clinic_only', trace });
  const days: number[][] = Array.from({ length: N }, () => []);
  for (const x of trace.transfusions) days[x.patient]!.push(Math.floor(x.time));
  return days;
}

const gaps = (d: number[]): number[] => d.slice(1).map((x, k) => x - d[k]!);

describe('exchange_schedule: interval', () => {
  it('Hb reaching the trigger 28.5 days after an exchange (10 → 8 g/dL; decline scaled to the 5-unit cycle: 5/28.5 × 2/5 a day): the 28-day schedule covers it, no lab makes the patient due early', async () => {
    // a weekly lab 3–4 weeks after an exchange projects the Hb past its next lab + crossmatch lead, below 8: due by
    // the trigger rule unless the scheduled exchange (day 28) comes no later than the day the Hb reaches 8 (28.5)
    const days = await exchangeDays({ exchange_schedule: 'interval', exchange_interval_days: 28, exchange_post_hb_g_dl: 10 }, 5 / 28.5);
    for (const d of days) expect(new Set(gaps(d))).toEqual(new Set([28]));
  });

  it('every 28 days: 13 exchanges a patient in 365 days (365 / 28 = 13.04), each 28 days after the last', async () => {
    // the first falls ⌊u · 28⌋ days in (a weekend brought forward to Friday; day 0 → day 1, the crossmatch lead),
    // i.e. on days 1 … 27; from a working day + 28 is the same weekday, so every later one is exactly 28 on:
    // first + 28k < 365 for k = 0 … 12 and first + 364 ≥ 365
    const days = await exchangeDays({ exchange_schedule: 'interval', exchange_interval_days: 28 });
    for (const d of days) {
      expect(d.length).toBe(13);
      expect(d[0]).toBeGreaterThanOrEqual(1);
      expect(d[0]).toBeLessThanOrEqual(27);
      expect(new Set(gaps(d))).toEqual(new Set([28]));
    }
  });
  it('a holiday on a scheduled day brings that exchange forward a working day; the next counts from it', async () => {
    // day 0 Monday 30 March 2026; an exchange on day k ≡ first (mod 28); close them all on one patient's day 57
    const plain = await exchangeDays({ exchange_schedule: 'interval' });
    const i = plain.findIndex((d) => d.includes(57));
    expect(i).toBeGreaterThanOrEqual(0);
    const closed = await exchangeDays({ exchange_schedule: 'interval' }, 0, { calendar: { start_date: '2026-03-30', holidays: ['2026-05-26'] } });
    const d = closed[i]!;
    expect(d).not.toContain(57);
    // its exchanges fall on days 1, 29, 57, …; day 57 (Tuesday 26 May) closed → Monday 25 May = day 56, then 84
    const k = d.findIndex((x) => x > 29 && x < 57);
    expect(d[k]).toBe(56);
    expect(d[k + 1]).toBe(56 + 28);
  });
  it('the Hb trigger stays the safety net: patients whose Hb falls in 14 days are exchanged before 28 days', async () => {
    // decline scaled to the exchange: (10 − 8) g/dL over a recorded cycle of 5 units × 1 g/dL / 0.357 ≈ 14 days
    const days = await exchangeDays({ exchange_schedule: 'interval' }, 5 / 14);
    const all = days.flatMap(gaps);
    expect(Math.max(...all)).toBeLessThan(28);
    expect(days.reduce((s, d) => s + d.length, 0)).toBeGreaterThan(13 * N * 1.5);
  });
});

describe('exchange_schedule: hbs', () => {
  it('τ = 100 days: HbS 20% → 30% in 15.4 days; every exchange comes at most 15 days after the last, HbS ≤ 30% at it', async () => {
    const regimen = { exchange_schedule: 'hbs' as const, exchange_hbs_time_constant_days: 100 };
    const days = await exchangeDays(regimen);
    const all = days.flatMap(gaps);
    const settings = validateScenario({ regimen }, 'r.yaml').scenario.regimen;
    // 15 days on, brought forward over a weekend by at most 2: gaps 13 … 15
    expect(Math.min(...all)).toBeGreaterThanOrEqual(13);
    expect(Math.max(...all)).toBe(15);
    expect(all.some((g) => g < 15)).toBe(true); // weekends do bring some forward
    for (const g of all) expect(hbsShareAfter(settings, g)).toBeLessThanOrEqual(0.3);
    // 365 / 15 = 24.3, more with the weekend shortening: at least 24 a patient
    for (const d of days) expect(d.length).toBeGreaterThanOrEqual(24);
  });
});
