import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { InputError } from '../../src/errors.js';
import { streams } from '../../src/random/index.js';
import { PRIORITY_TERMS, daysToTrigger, reasonsOf, resolveModel, scorePatients, scoreWithWaiting } from '../../src/priority/index.js';
import { expectClose } from '../helpers/close.js';
import { handTable, settings } from './fixtures.js';

/** Contributions are rounded to 1e-4 points; the sum of rounded values may differ from the rounded score by float noise only. */
const SUM_TOL = { abs: 1e-9 };

describe('scorePatients on hand-computed patients (default weights: 25/15/20/10/10/−10/10)', () => {
  const r = scorePatients(handTable(), settings(), { triggerGdl: new Float64Array(5).fill(7.5) }); // the trigger the hand values use
  const row = (id: string): number => ['A', 'B', 'C', 'D', 'E'].indexOf(id);
  const c = (term: (typeof PRIORITY_TERMS)[number], id: string): number => r.contributions[term]![row(id)]!;

  it('clinical_urgency: Hb 8.5, decline 0.5/week, trigger 7.5 → 14 days → half of 25 points', () => {
    expect(daysToTrigger(8.5, 0.5, 7.5)).toBe(14);
    expect(c('clinical_urgency', 'A')).toBe(12.5);
    expect(c('clinical_urgency', 'B')).toBe(25); // Hb 7.0 already below the trigger
  });
  it('transfusion_burden: 60 of 120 chair-hours → 7.5; 200 h caps at 15', () => {
    expect(c('transfusion_burden', 'A')).toBe(7.5);
    expect(c('transfusion_burden', 'B')).toBe(15);
  });
  it('travel_burden: 2 × 26 km × 25 episodes = 1300 of 2600 km → 10; 4000 km caps at 20', () => {
    expect(c('travel_burden', 'A')).toBe(10);
    expect(c('travel_burden', 'B')).toBe(20);
  });
  it('frailty: ECOG 2 + 1 (age 82 ≥ 80) = 3 of 4 → 7.5; ECOG 4 at 60 → 10', () => {
    expect(c('frailty', 'A')).toBe(7.5);
    expect(c('frailty', 'B')).toBe(10);
  });
  it('home_suitability: caregiver → 10, none → 0 (no target membership supplied)', () => {
    expect(c('home_suitability', 'A')).toBe(10);
    expect(c('home_suitability', 'B')).toBe(0);
  });
  it('safety_risk is a penalty: 1 of 2 risk points keeps half of its 10 points', () => {
    expect(c('safety_risk', 'A')).toBe(5);
    expect(c('safety_risk', 'B')).toBe(5); // heart failure = 1 point
    expect(c('safety_risk', 'C')).toBe(10); // no risk: all points kept
  });
  it('scores A = 52.5 and B = 75 and ranks B first', () => {
    expect(r.score[row('A')]).toBe(52.5);
    expect(r.score[row('B')]).toBe(75);
    expect(Array.from(r.order)).toEqual([row('B'), row('A')]);
    expect(r.rank[row('B')]).toBe(1);
    expect(r.rank[row('C')]).toBe(0);
  });
  it('excludes C, D, E with every reason that applies', () => {
    expect(Array.from(r.eligible)).toEqual([1, 1, 0, 0, 0]);
    expect(reasonsOf(r.reasonMask[row('C')]!)).toEqual(['haemolytic_reaction_history', 'no_phone']);
    expect(reasonsOf(r.reasonMask[row('D')]!)).toEqual(['no_second_adult', 'distance_over_limit']);
    expect(reasonsOf(r.reasonMask[row('E')]!)).toEqual(['alloantibodies', 'no_second_adult_unknown']);
    expect(r.countByReason).toEqual({ haemolytic_reaction_history: 1, alloantibodies: 1, no_phone: 1, no_second_adult: 1, distance_over_limit: 1, no_second_adult_unknown: 1 });
  });
  it('switches turn exclusions off; unknown values exclude only when exclude_when_unknown', () => {
    const off = scorePatients(handTable(), settings({ exclusions: { haemolytic_reaction_history: false, no_phone: false, exclude_when_unknown: false, alloantibodies: false } }));
    expect(Array.from(off.eligible)).toEqual([1, 1, 1, 0, 1]);
    const hf = scorePatients(handTable(), settings({ exclusions: { heart_failure: true } }));
    expect(reasonsOf(hf.reasonMask[1]!)).toEqual(['heart_failure']);
  });
  it('target membership fills the other half of home_suitability', () => {
    const t = scorePatients(handTable(), settings(), { targetMember: Uint8Array.of(1, 1, 0, 0, 0) });
    expect(t.contributions.home_suitability![0]).toBe(10); // caregiver + target = 2 of 2
    expect(t.contributions.home_suitability![1]).toBe(5); // target only
  });
});

describe('scorePatients on the synthetic cohort', () => {
  const { table } = synthesizeCohort(1500, streams(11));
  const r = scorePatients(table, settings());
  it('contributions sum to the score for every patient, and scores lie in [0, 100]', () => {
    for (let i = 0; i < table.ids.length; i++) {
      let s = 0;
      for (const t of r.model.terms) s += r.contributions[t]![i]!;
      expectClose(s, r.score[i]!, SUM_TOL);
      expect(r.score[i]).toBeGreaterThanOrEqual(0);
      expect(r.score[i]).toBeLessThanOrEqual(100);
    }
  });
  it('ranks are a permutation of 1..eligible, non-increasing in score', () => {
    const m = r.order.length;
    expect(m).toBe(r.eligible.reduce((a, b) => a + b, 0));
    for (let k = 1; k < m; k++) expect(r.score[r.order[k - 1]!]!).toBeGreaterThanOrEqual(r.score[r.order[k]!]!);
    expect(new Set(r.order).size).toBe(m);
  });
  it('imputes missing ECOG with the median and says so', () => {
    expect(r.normalisation.frailty!.imputed).toBeGreaterThan(0);
    expect(r.warnings.some((w) => w.startsWith('frailty:'))).toBe(true);
  });
  it('percentile normalisation keeps x in [0, 1] and gives 0 to the least favourable value', () => {
    const p = scorePatients(table, settings({ normalisation: 'percentiles' }));
    const x = p.normalised.travel_burden!;
    let min = Infinity;
    for (let i = 0; i < x.length; i++) if (p.eligible[i]) min = Math.min(min, x[i]!);
    expect(min).toBe(0);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
  });
  it('is deterministic: same inputs, identical scores and order', () => {
    const again = scorePatients(table, settings());
    expect(Array.from(again.score)).toEqual(Array.from(r.score));
    expect(Array.from(again.order)).toEqual(Array.from(r.order));
  });
});

describe('errors', () => {
  it('a missing column names the term and the column, all at once', () => {
    const t = handTable();
    const cut = { ...t, columns: t.columns.filter((c) => c.name !== 'distance_km' && c.name !== 'ecog') };
    try {
      scorePatients(cut, settings());
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const msg = (e as InputError).message;
      expect(msg).toContain('term "travel_burden" needs column "distance_km"');
      expect(msg).toContain('term "frailty" needs column "ecog"');
      expect(msg).toContain('priority.exclusions.max_distance_km');
    }
  });
  it('a term with weight 0 needs no column', () => {
    const t = handTable();
    const cut = { ...t, columns: t.columns.filter((c) => c.name !== 'ecog') };
    expect(() => scorePatients(cut, settings({ weights: { clinical_urgency: 1, frailty: 0 } }))).not.toThrow();
  });
});

describe('scoreWithWaiting', () => {
  const model = resolveModel(settings());
  it('adds waiting points linearly up to the anchor, then stays flat', () => {
    expect(scoreWithWaiting(40, 0, model)).toBe(40);
    expect(scoreWithWaiting(40, 14, model)).toBe(45);
    expect(scoreWithWaiting(40, 28, model)).toBe(50);
    expect(scoreWithWaiting(40, 90, model)).toBe(50);
  });
  it('is the identity when waiting_time has no weight', () => {
    expect(scoreWithWaiting(40, 14, resolveModel(settings({ weights: { clinical_urgency: 1 } })))).toBe(40);
  });
});
