import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { membershipFromRules, membershipFromSegments, parseRulesJson } from '../../src/priority/index.js';
import { handTable } from './fixtures.js';

describe('membershipFromRules (rules.json shape of issue 4: terms ORed, conditions ANDed)', () => {
  const t = handTable(); // distances A 26, B 100, C 10, D 150, E 10; ECOG A 2, B 4, C–E 1
  it('matches a conjunction, ORs terms, and ignores non-target segments', () => {
    const rules = parseRulesJson(
      {
        rules: [
          { segment: 'far', terms: [[{ feature: 'distance_km', op: '>=', value: 25 }, { feature: 'distance_km', op: '<', value: 120 }], [{ feature: 'ecog', op: 'in', value: ['4'] }]] },
          { segment: 'near', terms: [[{ feature: 'distance_km', op: '<', value: 25 }]] },
        ],
      },
      'rules.json',
    );
    expect(Array.from(membershipFromRules(t, rules, ['far']))).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(membershipFromRules(t, rules, ['far', 'near']))).toEqual([1, 1, 1, 0, 1]);
    expect(Array.from(membershipFromRules(t, [{ segment: 1, terms: [[{ feature: 'heart_failure', op: '==', value: 1 }]] }], ['1']))).toEqual([0, 1, 0, 0, 0]);
  });
  it('rejects a rule feature the data lacks, naming it', () => {
    expect(() => membershipFromRules(t, [{ segment: 'x', terms: [[{ feature: 'km', op: '>=', value: 1 }]] }], ['x'])).toThrow(/rule feature "km" is not a column/);
  });
  it('rejects a malformed rules file with its path', () => {
    expect(() => parseRulesJson({ rules: [{ segment: 'x', terms: [[{ feature: 'a', op: '>' , value: 1 }]] }] }, 'r.json')).toThrow(InputError);
    expect(() => parseRulesJson({ nope: 1 }, 'r.json')).toThrow(/"rules" array/);
  });
});

describe('membershipFromSegments', () => {
  it('marks target segments and counts ids missing from the file', () => {
    const r = membershipFromSegments(['a', 'b', 'c'], new Map([['a', '1'], ['b', '2']]), ['2']);
    expect(Array.from(r.member)).toEqual([0, 1, 0]);
    expect(r.unmatched).toBe(1);
  });
});
