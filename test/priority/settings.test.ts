import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/load.js';

function errorOf(yaml: string): string {
  try {
    parseScenario(yaml, 's.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  return expect.fail('scenario should be rejected');
}

describe('priority section validation', () => {
  it('rejects an unknown term, naming it and its path', () => {
    const msg = errorOf('priority:\n  weights: { clinical_urgency: 5, distanse: 3 }\n');
    expect(msg).toContain('priority.weights.distanse');
    expect(msg).toContain('unknown term "distanse"');
  });
  it('rejects a negative weight where the scenario forbids it, naming the term', () => {
    const msg = errorOf('priority:\n  weights: { travel_burden: -5, clinical_urgency: 3 }\n');
    expect(msg).toContain('priority.weights.travel_burden');
    expect(msg).toContain('negative weight -5 for term "travel_burden" is not allowed');
  });
  it('accepts a negative weight on an allowed term and rejects one once the allowance is removed', () => {
    expect(() => parseScenario('priority:\n  weights: { safety_risk: -5, clinical_urgency: 3 }\n', 's.yaml')).not.toThrow();
    expect(errorOf('priority:\n  negative_weights_allowed: []\n  weights: { safety_risk: -5, clinical_urgency: 3 }\n')).toContain('"safety_risk" is not allowed');
  });
  it('rejects all-zero weights', () => {
    expect(errorOf('priority:\n  weights: { clinical_urgency: 0, travel_burden: 0 }\n')).toContain('priority.weights: all term weights are zero');
  });
  it('rejects weights and ahp together, and incomplete or unknown AHP comparisons', () => {
    const both = errorOf('priority:\n  weights: { clinical_urgency: 1 }\n  ahp: { criteria: [clinical_urgency, frailty], comparisons: [[clinical_urgency, frailty, 3]] }\n');
    expect(both).toContain('give either weights or ahp');
    const missing = errorOf('priority:\n  ahp: { criteria: [clinical_urgency, frailty, travel_burden], comparisons: [[clinical_urgency, frailty, 3]] }\n');
    expect(missing).toContain('3 pairs needed for 3 criteria, 1 given');
    const unknown = errorOf('priority:\n  ahp: { criteria: [clinical_urgency, fraility], comparisons: [[clinical_urgency, fraility, 3]] }\n');
    expect(unknown).toContain('priority.ahp.criteria[1]');
  });
  it('fills every default', () => {
    const s = parseScenario('{}', 's.yaml').scenario.priority;
    expect(s.robustness.draws).toBe(200);
    expect(s.exclusions.max_distance_km).toBe(100);
  });
});
