import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { membershipFromRules, membershipFromSegments } from '../../src/priority/index.js';
import { parseRulesJson } from '../../src/rules/index.js';
import { handTable } from './fixtures.js';

describe('membershipFromRules (the rules stage\'s matcher: terms ORed, conditions ANDed)', () => {
  const t = handTable(); // distances A 26, B 100, C 10, D 150, E 10; ECOG A 2, B 4, C–E 1; caregiver A 1, B 0, C 1, D 0, E missing
  it('matches a conjunction, ORs terms, and ignores non-target segments (hand)', () => {
    const { rules } = parseRulesJson(JSON.stringify({
      rules: [
        { segment: 'far', terms: [[{ feature: 'distance_km', op: '>=', value: 25 }, { feature: 'distance_km', op: '<', value: 120 }], [{ feature: 'ecog', op: '>=', value: 4 }]] },
        { segment: 'near', terms: [[{ feature: 'distance_km', op: '<', value: 25 }]] },
      ],
    }), 'rules.json');
    expect(Array.from(membershipFromRules(t, rules, ['far']))).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(membershipFromRules(t, rules, ['far', 'near']))).toEqual([1, 1, 1, 0, 1]);
    expect(Array.from(membershipFromRules(t, [{ segment: '1', terms: [[{ feature: 'heart_failure', op: '==', value: 1 }]] }], ['1']))).toEqual([0, 1, 0, 0, 0]);
  });
  it('a missing value never meets a condition (E has no caregiver value)', () => {
    const rules = [{ segment: 'x', terms: [[{ feature: 'caregiver_available', op: '==' as const, value: 0 }]] }];
    expect(Array.from(membershipFromRules(t, rules, ['x']))).toEqual([0, 1, 0, 1, 0]);
  });
  it('rejects a target rule\'s column the data lack, naming it; other segments\' rules are not read', () => {
    const rules = [{ segment: 'x', terms: [[{ feature: 'km', op: '>=' as const, value: 1 }]] }];
    expect(() => membershipFromRules(t, rules, ['x'])).toThrow(InputError);
    expect(() => membershipFromRules(t, rules, ['x'])).toThrow(/absent from the data/);
    expect(Array.from(membershipFromRules(t, rules, ['y']))).toEqual([0, 0, 0, 0, 0]);
  });
  it('rejects a malformed rules file with its JSON path; a numeric segment name reads as text', () => {
    expect(() => parseRulesJson(JSON.stringify({ rules: [{ segment: 'x', terms: [[{ feature: 'a', op: '>', value: 1 }]] }] }), 'r.json')).toThrow(/rules\[0\]\.terms\[0\]\[0\]\.op/);
    expect(() => parseRulesJson('{"nope": 1}', 'r.json')).toThrow(InputError);
    expect(() => parseRulesJson('{', 'r.json')).toThrow(/not valid JSON/);
    expect(parseRulesJson('{"rules":[{"segment":2,"terms":[[{"feature":"a","op":">=","value":1}]]}]}', 'r.json').rules[0]!.segment).toBe('2');
  });
});

describe('membershipFromSegments', () => {
  it('marks target segments and counts ids missing from the file', () => {
    const r = membershipFromSegments(['a', 'b', 'c'], new Map([['a', '1'], ['b', '2']]), ['2']);
    expect(Array.from(r.member)).toEqual([0, 1, 0]);
    expect(r.unmatched).toBe(1);
  });
});
