/**
 * `rules.md`: the rules document as plain sentences with the numbers, for a program manager. Pure.
 */
import type { ConditionStability, RuleMetrics, RulesDocument, SegmentRule } from './types.js';
import { rulesText } from './text.js';

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const f2 = (x: number): string => x.toFixed(2);

function metricsSentence(m: RuleMetrics, where: string): string {
  const wrong = m.captured_from.length
    ? ` It also catches ${m.captured_from.map((c) => `${c.count} from ${c.segment}`).join(', ')}.`
    : ' It catches no one from other segments.';
  return `${where}, the rule catches ${pct(m.recall)} of the segment (${m.true_positives} of ${m.segment_size}) and ` +
    `${pct(m.precision)} of those it catches belong to it (${m.true_positives} of ${m.support}); F1 ${f2(m.f1)}, lift ${m.lift.toFixed(1)}.${wrong}`;
}

const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
const learnerName = (source: 'beam' | 'cart'): string => (source === 'beam' ? 'beam' : 'CART');

/** "+0.02 (−0.01 to +0.05)": held-out F1(beam) − F1(CART) and its interval; "–" without held-out patients. */
export function differenceCell(r: SegmentRule): string {
  const d = r.comparison?.difference;
  if (!d) return '–';
  return d.resamples ? `${signed(d.beam_minus_cart)} (${signed(d.low)} to ${signed(d.high)})` : signed(d.beam_minus_cart);
}

/** "beam (simpler)" or "CART (better)": the recommended learner and why. */
export function recommendedCell(r: SegmentRule): string {
  const c = r.comparison;
  if (!c) return '–';
  return `${learnerName(c.recommended)} (${c.recommended === c.simpler ? 'simpler' : 'better'})`;
}

/** How each learner's budget was chosen, e.g. "5-fold inner validation on the fit patients … Validated F-beta: …". */
function selectionSentence(r: SegmentRule): string {
  const sel = r.selection!;
  const how = sel.folds ? `${sel.folds}-fold inner validation on the fit patients` : 'the in-sample objective';
  const cands = sel.candidates?.map((c) => `${c.source === 'cart' ? 'tree' : 'beam'} ≤${c.terms}: ${f2(c.f_beta)}`).join(', ');
  return `**Term budgets chosen by** ${how}, for each learner on its own.${cands ? ` Validated F-beta: ${cands}.` : ''}`;
}

/** The two learners' rules, their held-out difference and the recommendation, in words. */
function comparisonSentence(r: SegmentRule, doc: RulesDocument): string {
  const c = r.comparison!;
  const one = (name: string, x: NonNullable<SegmentRule['comparison']>['beam']): string =>
    `${name}: F1 ${f2((x.metrics.holdout ?? x.metrics.train).f1)}, ${x.conditions} condition${x.conditions === 1 ? '' : 's'} — ${rulesText(x.terms, doc.data.units)}`;
  const d = c.difference;
  const diff = d ? ` F1(beam) − F1(CART) = ${differenceCell(r)}${d.resamples ? `, ${Math.round(d.level * 100)}% paired bootstrap interval over ${d.resamples} resamples of the held-out patients` : ''}.` : '';
  const why = c.recommended === c.simpler ? 'the simpler rule, the other not better beyond the interval' : 'better beyond the interval than the simpler rule';
  return `**Learners compared** — ${one('beam search', c.beam)}. ${one('CART', c.cart)}.${diff} Recommended: **${learnerName(c.recommended)}**, ${why}.`;
}

function conditionPhrase(c: ConditionStability): string {
  const value = Array.isArray(c.value) ? `{${c.value.join(', ')}}` : String(c.value);
  const head = `\`${c.feature} ${c.op} ${value}\` reappears in ${pct(c.reappearance)} of refits`;
  if (c.threshold) return `${head} (threshold median ${c.threshold.median}, 90% of refits within ${c.threshold.p05}–${c.threshold.p95})`;
  if (c.same_value !== null) return `${head} (${pct(c.same_value)} with exactly this value)`;
  return head;
}

function segmentSection(r: SegmentRule, doc: RulesDocument): string[] {
  const size = doc.data.segments.find((s) => s.segment === r.segment)?.size ?? 0;
  const lines = [`## ${r.segment} (${size} patients)`, ''];
  if (r.terms.length === 0) return [...lines, 'No rule: no condition separates this segment from the rest.', ''];
  lines.push(`**Rule:** ${r.text}`, '');
  if (r.metrics.holdout) lines.push(metricsSentence(r.metrics.holdout, `On ${r.metrics.holdout.patients} held-out patients`), '');
  lines.push(metricsSentence(r.metrics.train, `On the ${r.metrics.train.patients} patients it was fit on`), '');
  const st = r.stability;
  if (st) {
    const parts = st.conditions.map(conditionPhrase);
    const f1 = st.holdout_f1 ? ` Refitted rules reach held-out F1 ${f2(st.holdout_f1.mean)} ± ${f2(st.holdout_f1.sd)} (lowest ${f2(st.holdout_f1.min)}).` : '';
    lines.push(`**Stability** (${st.refits} bootstrap refits of ${st.rows_per_refit} patients): ${parts.join('; ')}.${f1}`, '');
  }
  const imm = r.baseline.imm;
  if (r.comparison) lines.push(comparisonSentence(r, doc), '');
  if (r.selection) lines.push(selectionSentence(r), '');
  lines.push(`**Baseline** — IMM tree: ${imm ? `F1 ${f2((imm.metrics.holdout ?? imm.metrics.train).f1)} — ${rulesText(imm.terms, doc.data.units)}` : 'not fitted'}.`, '');
  return lines;
}

/**
 * Render the rules document as Markdown. O(size of the document).
 * @example
 * writeOutputs(out, [{ name: 'rules.md', content: rulesMarkdown(doc) }]);
 */
export function rulesMarkdown(doc: RulesDocument): string {
  const d = doc.data;
  const where = d.holdout_patients ? 'held-out' : 'fit';
  const lines: string[] = [
    '# Segment rules',
    '',
    `${d.patients} patients in ${d.segments.length} segments; rules fit on ${d.fit_patients}, measured on ${d.holdout_patients} held out (seed ${doc.seed}). ` +
      `Each rule is at most ${String(doc.settings['max_terms'])} boxes joined by OR, each box at most ${String(doc.settings['max_conditions'])} conditions joined by AND. ` +
      `A patient with a missing value never meets a condition on that column.${d.weighted_by_confidence ? ' Patients were weighted by their segment confidence.' : ''}`,
    '',
    `The beam search's rule and CART are separate learners, each with its term budget chosen on inner folds of the fit patients; ` +
      `the recommended rule is the simpler one unless the other's ${where} F1 is higher beyond the paired bootstrap interval of their difference.`,
    '',
    `| segment | patients | beam F1 (${where}) | CART F1 | beam − CART (interval) | recommended | recall | precision | IMM F1 |`,
    '|---|---:|---:|---:|---|---|---:|---:|---:|',
  ];
  for (const r of doc.rules) {
    const m = r.metrics.holdout ?? r.metrics.train;
    const bf = (x: { metrics: SegmentRule['metrics'] } | null | undefined): string => (x ? f2((x.metrics.holdout ?? x.metrics.train).f1) : '–');
    const size = d.segments.find((s) => s.segment === r.segment)?.size ?? 0;
    const c = r.comparison;
    lines.push(`| ${r.segment} | ${size} | ${bf(c?.beam)} | ${bf(c?.cart)} | ${differenceCell(r)} | ${recommendedCell(r)} | ${pct(m.recall)} | ${pct(m.precision)} | ${bf(r.baseline.imm)} |`);
  }
  lines.push('');
  if (doc.targeting) {
    const t = doc.targeting;
    lines.push('## Target group', '');
    lines.push(`Goal: ${Object.entries(t.prefer).map(([c, w]) => `${w > 0 ? 'high' : 'low'} ${c}${Math.abs(w) !== 1 ? ` (weight ${Math.abs(w)})` : ''}`).join(', ')}.`, '');
    lines.push('| rank | segment | score |', '|---:|---|---:|');
    t.ranking.forEach((r, i) => lines.push(`| ${i + 1} | ${r.segment} | ${f2(r.score)} |`));
    lines.push('', ...t.recommendation.flatMap((p) => [p, '']));
  }
  for (const r of doc.rules) lines.push(...segmentSection(r, doc));
  if (doc.warnings.length) lines.push('## Warnings', '', ...doc.warnings.map((w) => `- ${w}`), '');
  return lines.join('\n');
}
