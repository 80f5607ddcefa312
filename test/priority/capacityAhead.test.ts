/**
 * Priority's capacity line a year on for an open cohort (issue 16 item 6): the expected cohort from the
 * M_t/M/∞ closed forms (arrivals still present, survivors e^(−μt)) and its demand against a year of home
 * capacity, each checked against a hand calculation.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { findColumn } from '../../src/data/table.js';
import { cohortAhead } from '../../src/openCohort.js';
import { capacityAhead } from '../../src/priority/capacity.js';
import { priorityJson } from '../../src/priority/output.js';
import { prioritise } from '../../src/priority/prioritise.js';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import { arrivalsPresent, cumulativeArrivals } from '../../src/sim/model/arrivals.js';
import { expectClose } from '../helpers/close.js';

/** Closed forms evaluated in doubles, summed over a few hundred rows: rounding only. */
const CLOSED_FORM_REL = 1e-10;

describe('arrivalsPresent(r, g, μ, t): expected arrivals still in the cohort', () => {
  it('μ = 0 is Λ(t); g = 0 is r(1 − e^(−μt))/μ; long run with g = 0 is Little\'s r/μ', () => {
    expect(arrivalsPresent(0.7, 0.2, 0, 300)).toBe(cumulativeArrivals(0.7, 0.2, 300));
    // 0.1 a day, mean stay 365 days, one year: 36.5 · (1 − e^(−1)) ≈ 23.07
    expectClose(arrivalsPresent(0.1, 0, 1 / 365, 365), 36.5 * (1 - Math.exp(-1)), { rel: CLOSED_FORM_REL });
    expectClose(arrivalsPresent(0.1, 0, 1 / 365, 365 * 60), 36.5, { rel: CLOSED_FORM_REL }); // L = λW
  });
});

describe('cohortAhead(scenario, table, 365): the cohort a year on as weights on the day-0 rows', () => {
  const { table } = synthesizeCohort(200, streams(11));
  const dx = findColumn(table, 'diagnosis');
  if (dx?.kind !== 'categorical') throw new Error('synthetic cohort without a diagnosis column');
  const isMds = Array.from(dx.codes, (c) => c >= 0 && dx.levels[c] === 'mds');
  const nMds = isMds.filter(Boolean).length;

  it('closed cohort (the default): none', () => {
    expect(cohortAhead(validateScenario({}, 't.yaml').scenario, table, 365)).toBeUndefined();
  });

  it('3 mds a month arriving, mds leaving at 0.5 a year, growth 20%: N·e^(−0.5) + 36·(1.2 − e^(−0.5))/(ln 1.2 + 0.5)', () => {
    const sc = validateScenario({ cohort: { source: 'synthetic', arrivals_per_month: { mds: 3 }, departures_per_year: { mds: 0.5 }, growth_per_year: 0.2 } }, 't.yaml').scenario;
    const a = cohortAhead(sc, table, 365)!;
    let mds = 0, other = 0;
    a.weight.forEach((w, i) => { if (isMds[i]) mds += w; else other += w; });
    expect(nMds).toBeGreaterThan(10);
    // per year: arrivals 36·1.2^t, each staying with e^(−0.5(1 − t)): ∫₀¹ = 36 (1.2 − e^(−0.5)) / (ln 1.2 + 0.5)
    expectClose(mds, nMds * Math.exp(-0.5) + (36 * (1.2 - Math.exp(-0.5))) / (Math.log(1.2) + 0.5), { rel: CLOSED_FORM_REL });
    expectClose(other, 200 - nMds, { rel: CLOSED_FORM_REL }); // nobody else comes or goes
    expect(a.unrepresented).toEqual([]);
  });

  it('balanced arrivals, growth 20%, no departures: 1.2 × the cohort', () => {
    const a = cohortAhead(validateScenario({ cohort: { source: 'synthetic', growth_per_year: 0.2 } }, 't.yaml').scenario, table, 365)!;
    expectClose(a.weight.reduce((s, w) => s + w, 0), 240, { rel: CLOSED_FORM_REL });
  });
});

describe('capacityAhead: the weighted eligible cohort against a year of home capacity', () => {
  it('three patients of 26 episodes, 2 units, 30 min away, weights 1.5, 1, 0.5: 78 visits of 521.4 a year', () => {
    // visit 2 × 1.8 + 0.5 + 0.6 + 3.45 + 2 × 0.5 = 9.15 h: one a nurse a day (8 h + 2 h overtime cap);
    // 2 nurses × 5 days = 10 a week = 10 · 365/7 ≈ 521.43 a year (DOMAIN.md defaults of the program section)
    const program = validateScenario({}, 't.yaml').scenario.program;
    const cols = { episodes: Float64Array.of(26, 26, 26), units: Float64Array.of(52, 52, 52), travelMinOneWay: Float64Array.of(30, 30, 30) };
    const a = capacityAhead(Int32Array.of(0, 1, 2), cols, program, Float64Array.of(1.5, 1, 0.5), 365);
    const perYear = (10 * 365) / 7;
    expect(a.patients).toBe(3);
    expect(a.visitsPerYear).toBe(78);
    expectClose(a.capacityUsed, 78 / perYear, { rel: CLOSED_FORM_REL });
    expectClose(a.capacityVisitsPerYear, perYear, { rel: CLOSED_FORM_REL });
  });

  it('prioritise with an open cohort: the line a year on weighs the eligible rows; without one there is none', () => {
    const { table } = synthesizeCohort(300, streams(5));
    const sc = validateScenario({ cohort: { source: 'synthetic', growth_per_year: 0.2 } }, 't.yaml').scenario;
    const ahead = cohortAhead(sc, table, 365)!;
    const closed = prioritise(table, sc.priority, { program: sc.program });
    const open = prioritise(table, sc.priority, { program: sc.program, ahead });
    expect(closed.capacity.ahead).toBeUndefined();
    expect(open.capacity.topN).toBe(closed.capacity.topN); // today's line is the day-0 cohort's
    // balanced growth, no departures: every row weighs 1.2, so 1.2 × the eligible patients and 1.2 × their demand
    const a = open.capacity.ahead!;
    expectClose(a.patients, 1.2 * open.result.order.length, { rel: CLOSED_FORM_REL });
    const today = capacityAhead(open.result.order, capacityColumns(table), sc.program, new Float64Array(300).fill(1), 0);
    expectClose(a.visitsPerYear, 1.2 * today.visitsPerYear, { rel: CLOSED_FORM_REL });
    expectClose(a.capacityUsed, 1.2 * today.capacityUsed, { rel: CLOSED_FORM_REL });
    // priority.json: capacity_line.ahead for the open cohort only (a closed cohort's file keeps its keys)
    const line = (p: typeof open) => JSON.parse(priorityJson({ result: p.result, capacity: p.capacity })).capacity_line;
    expect(line(closed)).not.toHaveProperty('ahead');
    expect(line(open).ahead).toMatchObject({ days: 365, patients: 1.2 * open.result.order.length });
  });
});

function capacityColumns(table: ReturnType<typeof synthesizeCohort>['table']) {
  const num = (name: string): Float64Array => {
    const c = findColumn(table, name);
    if (!c || c.kind === 'categorical') throw new Error(`no numeric column ${name}`);
    return Float64Array.from(c.values);
  };
  return { episodes: num('episodes_12m'), units: num('units_12m'), travelMinOneWay: num('travel_min_one_way') };
}
