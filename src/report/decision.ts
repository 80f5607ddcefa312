/**
 * The report's account of the recommendation rule (src/decide/policyChoice.ts): the rule in words, the
 * verdict (one policy, a tie, or none admissible), which constraint or comparison decided and by how much,
 * and every policy's constraint checks with their slack.
 */
import type { Recommendation } from '../decide/index.js';
import type { PipelineResult } from '../pipeline.js';
import type { ReportSection } from './model.js';
import { fmt } from './model.js';

const words = (p: string): string => p.replace(/_/g, ' ');
const num = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : 'n/a');

/** The rule as a sentence, e.g. "maximise home_transfusions subject to …". */
export function ruleText(d: Recommendation, objective: { measure: string; sense: 'max' | 'min' }): string {
  const subject = [...new Set(d.checks.map((c) => c.label))];
  return `${objective.sense === 'max' ? 'maximise' : 'minimise'} ${objective.measure}`
    + (subject.length ? ` subject to ${subject.join('; ')}` : '')
    + ` (${fmt(100 * d.confidence, 1)}% intervals)`;
}

/** "a to b" for an interval. */
const span = (e: { ciLow: number; ciHigh: number }): string => `${num(e.ciLow)} to ${num(e.ciHigh)}`;

/** The recommendation list's line for the policy choice. O(policies). */
export function decisionLine(r: PipelineResult): string | undefined {
  const d = r.decision;
  if (!d) return undefined;
  if (d.status === 'recommended') return `Run the program with the ${words(d.recommended!)} policy. ${d.message}`;
  if (d.status === 'tied') {
    const measure = r.scenario.decide.objective.measure;
    return `No single best policy: ${d.tied.map(words).join(', ')} cannot be told apart on ${measure}`
      + ` at ${fmt(100 * d.confidence, 1)}% confidence; choose among them on other grounds or run more replications.`;
  }
  return d.message;
}

/** How the deciding intervals were formed, in words. */
function pairingText(r: PipelineResult): string {
  if (r.uncertainty) {
    return `Every interval is paired over the ${r.uncertainty.outer.length} outer replications' means (each a draw of`
      + ' the uncertain inputs, every policy on the same draw and random numbers), so it carries input uncertainty'
      + ' as well as simulation noise';
  }
  return 'Every interval is paired over replications that share their random numbers (common random numbers), so'
    + ' policies are compared on the same patients\' days';
}

/** 7. Decide: the rule, the verdict and every check. Cost: O(policies · constraints). */
export function decisionSection(r: PipelineResult): ReportSection | undefined {
  const d = r.decision;
  if (!d) return undefined;
  const paragraphs = [
    `The recommendation follows the scenario's rule: ${ruleText(d, r.scenario.decide.objective)}. ${pairingText(r)};`
      + ' a policy is named only when its interval against every other admissible policy clears zero, otherwise'
      + ' the policies are reported as tied.',
    d.message,
  ];
  const by = d.decidedBy;
  if (by?.kind === 'constraint') {
    paragraphs.push(`What decided: ${words(by.policy)} would score better on the objective but fails`
      + ` “${by.label}” by ${num(by.shortfall)}.`);
  } else if (by?.kind === 'objective' && by.versus && by.difference) {
    paragraphs.push(`What decided: the objective; the closest competitor is ${words(by.versus)}`
      + ` (difference ${num(by.difference.estimate)}, interval ${span(by.difference)}).`);
  }
  const header = ['policy', 'constraint', 'estimate', 'interval', 'slack', 'verdict'];
  const rows = d.checks.map((c) => [
    c.policy, c.label, num(c.interval.estimate), span(c.interval), num(c.slack), c.passed ? 'passes' : 'fails',
  ]);
  return {
    id: 'decide', title: 'Recommendation rule', status: 'done', paragraphs, charts: [],
    ...(rows.length ? { table: { header, rows } } : {}),
  };
}
