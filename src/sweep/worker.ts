/**
 * Piscina worker: evaluates one sweep task per call. Loaded from the compiled `dist/` JavaScript.
 */
import type { EvaluateInput, EvaluateOutput } from './evaluate.js';
import { evaluatePoint } from './evaluate.js';

export default function evaluate(input: EvaluateInput): Promise<EvaluateOutput> {
  return evaluatePoint(input);
}
