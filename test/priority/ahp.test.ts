import { describe, expect, it } from 'vitest';
import { ahpWeights, resolveModel } from '../../src/priority/index.js';
import { expectClose } from '../helpers/close.js';
import { settings } from './fixtures.js';

/** Published values are given to 3–4 decimals. */
const PUBLISHED = { abs: 5e-4 };

describe('ahpWeights', () => {
  it('matches the standard worked 3-criterion example [[1,3,5],[1/3,1,3],[1/5,1/3,1]]', () => {
    // Textbook values: w = (0.637, 0.258, 0.105), λmax = 3.039, CI = 0.019, CR = 0.033 (RI = 0.58);
    // confirmed with numpy.linalg.eig: 0.6370 0.2583 0.1047, 3.0385, 0.0193, 0.0332.
    const r = ahpWeights(['a', 'b', 'c'], [['a', 'b', 3], ['a', 'c', 5], ['b', 'c', 3]]);
    expect(r.converged).toBe(true);
    expectClose(r.weights[0]!, 0.637, PUBLISHED);
    expectClose(r.weights[1]!, 0.2583, PUBLISHED);
    expectClose(r.weights[2]!, 0.1047, PUBLISHED);
    expectClose(r.lambdaMax, 3.0385, PUBLISHED);
    expectClose(r.consistencyIndex, 0.0193, PUBLISHED);
    expectClose(r.consistencyRatio, 0.0332, PUBLISHED);
  });
  it('matches numpy on a 4×4 matrix given in reverse order ([b, a, v] means a = 1/v of b)', () => {
    // numpy.linalg.eig on [[1,1/3,1/9,1/5],[3,1,1,1],[9,1,1,3],[5,1,1/3,1]]: 0.0576 0.2663 0.4546 0.2215, λ 4.1873, CR 0.0694
    const r = ahpWeights(['a', 'b', 'c', 'd'], [['b', 'a', 3], ['c', 'a', 9], ['d', 'a', 5], ['b', 'c', 1], ['b', 'd', 1], ['c', 'd', 3]]);
    [0.0576, 0.2663, 0.4546, 0.2215].forEach((w, i) => expectClose(r.weights[i]!, w, PUBLISHED));
    expectClose(r.lambdaMax, 4.1873, PUBLISHED);
    expectClose(r.consistencyRatio, 0.0694, PUBLISHED);
  });
  it('a perfectly consistent matrix has CR 0 and weights in the stated ratios', () => {
    const r = ahpWeights(['a', 'b', 'c'], [['a', 'b', 2], ['a', 'c', 4], ['b', 'c', 2]]);
    expectClose(r.consistencyRatio, 0, { abs: 1e-9 });
    expectClose(r.weights[0]!, 4 / 7, { abs: 1e-9 });
  });
  it('drives the model: penalties become negative weights, points sum to 100', () => {
    const m = resolveModel(
      settings({
        ahp: {
          criteria: ['clinical_urgency', 'travel_burden', 'safety_risk'],
          comparisons: [['clinical_urgency', 'travel_burden', 3], ['clinical_urgency', 'safety_risk', 5], ['travel_burden', 'safety_risk', 3]],
        },
      }),
    );
    expect(m.weightSource).toBe('ahp');
    expect(m.terms).toEqual(['clinical_urgency', 'travel_burden', 'safety_risk']);
    expect(m.weights.safety_risk).toBeLessThan(0);
    expectClose(m.maxPoints.clinical_urgency, 63.7, { abs: 0.05 });
    expectClose(m.terms.reduce((s, t) => s + m.maxPoints[t], 0), 100, { abs: 1e-9 });
  });
});
