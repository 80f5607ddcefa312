/**
 * Special regimens (src/service/regimen.ts): the top-up cap on hand-computed cases, the regimen rule, the
 * exchange's Hb, and the exchange schedule (the HbS curve's closed form, the scheduled day).
 */
import { describe, expect, it } from 'vitest';
import { regimensFromTable } from '../../src/data/regimens.js';
import { synthesizeCohort } from '../../src/data/synth.js';
import { findColumn } from '../../src/data/table.js';
import { reasonsOf, scorePatients } from '../../src/priority/index.js';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import {
  cappedTopUpUnits, daysToHbsTarget, exchangeCycleDays, exchangePostHbGdl, hbsShareAfter, patientRegimens, sampleDayFor, scheduledExchangeDay,
  workingDayOnOrBefore,
} from '../../src/service/index.js';

const regimen = validateScenario({}, 't.yaml').scenario.regimen;

describe('cappedTopUpUnits(hbBefore, incrementPerUnit, units, cap)', () => {
  it('gives the most units whose expected rise keeps Hb at or below the cap (hand-computed)', () => {
    // 8.2 + k · 1.0 ≤ 11 → k ≤ 2.8 → 2 of 4 units
    expect(cappedTopUpUnits(8.2, 1.0, 4, 11)).toBe(2);
    // 8.0 + k · 1.4 ≤ 11 → k ≤ 2.14 → 2 of 3 units (a 50 kg patient's larger rise)
    expect(cappedTopUpUnits(8.0, 1.4, 3, 11)).toBe(2);
    // exactly at the cap: 9 + 2 · 1.0 = 11 is allowed
    expect(cappedTopUpUnits(9, 1.0, 2, 11)).toBe(2);
    // fewer units needed than the room: the usual number
    expect(cappedTopUpUnits(7, 1.0, 2, 11)).toBe(2);
    // 10.5 + 1 > 11: not even one unit
    expect(cappedTopUpUnits(10.5, 1.0, 2, 11)).toBe(0);
    // no cap
    expect(cappedTopUpUnits(10.5, 1.0, 6, Infinity)).toBe(6);
  });

  it('throws on a non-positive increment', () => {
    expect(() => cappedTopUpUnits(8, 0, 2, 11)).toThrow(/increment per unit must be > 0, got 0/);
  });
});

describe('patientRegimens', () => {
  it('sickle cell gets an exchange by default (DOMAIN.md: ASH 2020), a patient column overrides it', () => {
    const dx = ['sickle_cell', 'sickle_cell', 'mds', undefined];
    const own = [undefined, 'top_up', 'exchange', undefined];
    const r = patientRegimens(regimen, { n: 4, diagnosis: (i) => dx[i], procedure: (i) => own[i] });
    expect([...r.exchange]).toEqual([1, 0, 1, 0]);
    // the cap belongs to the diagnosis: sickle cell 11 g/dL (DOMAIN.md: Hb not above about 10–11 after a simple transfusion)
    expect([...r.topUpCapGdl]).toEqual([11, 11, Infinity, Infinity]);
    expect(r.special).toBe(3);
  });
});

describe('exchangePostHbGdl', () => {
  it('is the scenario target, at least trigger + 0.5, never above the cap', () => {
    expect(exchangePostHbGdl(regimen, 8.8, 11)).toBe(10);
    expect(exchangePostHbGdl(regimen, 9.8, 11)).toBeCloseTo(10.3, 12);
    expect(exchangePostHbGdl(regimen, 10.9, 11)).toBe(11);
  });
});

describe('priority: exchange patients are never home-eligible (clinic_regimen)', () => {
  it('every sickle cell patient is excluded with reason clinic_regimen, and no one else for it', () => {
    const { table } = synthesizeCohort(400, streams(3));
    const clinicOnly = regimensFromTable(table, regimen).exchange;
    const r = scorePatients(table, validateScenario({}, 't.yaml').scenario.priority, { clinicOnly });
    const dx = findColumn(table, 'diagnosis')!;
    if (dx.kind !== 'categorical') throw new Error('diagnosis is categorical');
    const sickle = dx.levels.indexOf('sickle_cell');
    let count = 0;
    for (let i = 0; i < table.ids.length; i++) {
      const isSickle = dx.codes[i] === sickle;
      if (isSickle) count++;
      expect(reasonsOf(r.reasonMask[i]!).includes('clinic_regimen')).toBe(isSickle);
      if (isSickle) expect(r.eligible[i]).toBe(0);
    }
    expect(count).toBeGreaterThan(20);
    expect(r.countByReason.clinic_regimen).toBe(count);
  });
});

describe('exchange schedule: the HbS curve and the scheduled day (hand-computed)', () => {
  const program = validateScenario({}, 'p.yaml').scenario.program;
  const timing = validateScenario({}, 'p.yaml').scenario.clinical;
  it('hbsShareAfter follows b − (b − h0)·e^(−t/τ): h0 at 0, halfway at τ·ln 2, → b', () => {
    // defaults h0 = 0.2, b = 0.9, τ = 182 days
    expect(hbsShareAfter(regimen, 0)).toBeCloseTo(0.2, 12);
    expect(hbsShareAfter(regimen, 182 * Math.LN2)).toBeCloseTo(0.55, 12); // (0.2 + 0.9) / 2
    expect(hbsShareAfter(regimen, 182)).toBeCloseTo(0.9 - 0.7 / Math.E, 12);
    expect(hbsShareAfter(regimen, 1e6)).toBeCloseTo(0.9, 12);
  });
  it('daysToHbsTarget: 182 · ln(0.7 / 0.6) = 28.056 days to 30%; the hbs cycle is its whole days (28)', () => {
    expect(daysToHbsTarget(regimen)).toBeCloseTo(28.0558, 3);
    expect(hbsShareAfter(regimen, 28)).toBeLessThan(0.3);
    expect(hbsShareAfter(regimen, 29)).toBeGreaterThan(0.3);
    expect(exchangeCycleDays({ ...regimen, exchange_schedule: 'hbs' })).toBe(28);
    // a faster return (τ = 100): 100 · ln(7/6) = 15.4 → 15 days
    expect(exchangeCycleDays({ ...regimen, exchange_schedule: 'hbs', exchange_hbs_time_constant_days: 100 })).toBe(15);
    expect(exchangeCycleDays({ ...regimen, exchange_schedule: 'interval', exchange_interval_days: 35 })).toBe(35);
    expect(exchangeCycleDays({ ...regimen, exchange_schedule: 'trigger' })).toBeNull();
  });
  it('a scheduled day on a weekend is brought forward to Friday; its sample is drawn a working day before', () => {
    // from Monday day 0: + 27 = Sunday 27 → Friday 25; + 28 = Monday 28 stays
    expect(scheduledExchangeDay(program, 0, 27)).toBe(25);
    expect(scheduledExchangeDay(program, 0, 28)).toBe(28);
    expect(workingDayOnOrBefore(program, 6)).toBe(4);
    // lead 1: a Monday exchange's sample on Friday (covered: 72 h), a Wednesday's on Tuesday; lead 2: Monday ← Thursday
    expect([7, 9].map((d) => sampleDayFor(program, timing, d))).toEqual([4, 8]);
    expect(sampleDayFor(program, { ...timing, crossmatch_lead_working_days: 2 }, 7)).toBe(3);
  });
});
