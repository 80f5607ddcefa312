import { describe, expect, it } from 'vitest';
import { ingestTable } from '../../src/data/ingest.js';
import { InputError } from '../../src/errors.js';
import { applyRules, matchTerms } from '../../src/rules/apply.js';
import { rulesText } from '../../src/rules/text.js';
import type { AppliedRules } from '../../src/rules/types.js';

// Five hand-made patients; expected matches below are worked out by hand.
const CSV = `patient_id,distance_km,alloantibodies,diagnosis
p1,30,0,mds
p2,10,0,mds
p3,,0,thalassaemia
p4,50,1,sickle_cell
p5,25,0,thalassaemia
`;
const { table } = ingestTable(CSV, { file: 'new.csv', missing: 'keep' });

const RULES: AppliedRules = {
  rules: [
    { segment: 'far', terms: [[{ feature: 'distance_km', op: '>=', value: 25 }, { feature: 'alloantibodies', op: '==', value: 0 }]] },
    { segment: 'haemoglobinopathy', terms: [[{ feature: 'diagnosis', op: 'in', value: ['thalassaemia', 'sickle_cell'] }], [{ feature: 'distance_km', op: '<', value: 15 }]] },
  ],
  targeting: { chosen: ['far'] },
};

describe('applyRules(rules, table)', () => {
  it('ANDs conditions inside a term, ORs terms, and never matches a missing value', () => {
    const m = applyRules(RULES, table);
    expect(m.segments).toEqual(['far', 'haemoglobinopathy']);
    // far: p1 (30, 0) yes; p2 10 no; p3 missing distance no; p4 alloantibodies 1 no; p5 25 ≥ 25 yes.
    expect([...m.matches[0]!]).toEqual([1, 0, 0, 0, 1]);
    // haemoglobinopathy: p2 via distance < 15; p3, p4, p5 via diagnosis; p3's missing distance fails only term 2.
    expect([...m.matches[1]!]).toEqual([0, 1, 1, 1, 1]);
    expect([...m.target!]).toEqual([1, 0, 0, 0, 1]);
  });

  it('an interval is a >= and a < on the same column', () => {
    const m = matchTerms([[{ feature: 'distance_km', op: '>=', value: 20 }, { feature: 'distance_km', op: '<', value: 40 }]], table);
    expect([...m]).toEqual([1, 0, 0, 0, 1]);
    expect(rulesText([[{ feature: 'distance_km', op: '>=', value: 20 }, { feature: 'distance_km', op: '<', value: 40 }]], { distance_km: 'km' })).toBe('20 ≤ distance_km < 40 km');
  });

  it('a rule naming a column absent from the data is an InputError naming file and column', () => {
    const bad: AppliedRules = { rules: [{ segment: 'x', terms: [[{ feature: 'ferritin_ng_ml', op: '>=', value: 1000 }]] }] };
    expect(() => applyRules(bad, table, 'new.csv')).toThrow(InputError);
    expect(() => applyRules(bad, table, 'new.csv')).toThrow(/new\.csv, column ferritin_ng_ml: column used by the rule for segment "x" is absent/);
  });

  it('a type mismatch (in on a numeric column) is an InputError', () => {
    const bad: AppliedRules = { rules: [{ segment: 'x', terms: [[{ feature: 'distance_km', op: 'in', value: ['a'] }]] }] };
    expect(() => applyRules(bad, table, 'new.csv')).toThrow(/column distance_km: rule uses "in" but the column is numeric/);
  });
});
