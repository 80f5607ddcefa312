/**
 * Why policies differ on days below the trigger and the floor: the simulator counts every due-and-waiting
 * patient-day below a threshold by the reason the patient was not yet transfused (src/sim/model/waiting.ts:
 * crossmatch lead, held for a home slot, no clinic chair, rebooking after a failed visit; the rest fell
 * between labs). This turns the paired differences against clinic_only into words and a table — measured
 * from the run, nothing canned.
 *
 * Cost: O(policies × metrics).
 */
import type { SimulationResult } from '../sim/index.js';
import type { ReportTable } from './model.js';
import { fmt } from './model.js';

const REASONS = [
  ['home_wait', 'waiting for a home slot'],
  ['clinic_full', 'no clinic chair (often when falling back from a home wait)'],
  ['rebook', 'rebooking after a failed visit or no-show'],
  ['crossmatch', 'the crossmatch lead time'],
  ['between_labs', 'between labs (not yet found due)'],
] as const;

type Difference = SimulationResult['differences'][number];

const signed = (x: number, digits = 1): string => `${x > 0 ? '+' : ''}${fmt(x, digits)}`;
const interval = (d: Difference): string => `${signed(d.mean)} (95% CI ${fmt(d.ciLow, 1)} to ${fmt(d.ciHigh, 1)})`;

/**
 * Paragraphs and a table: per home policy, the paired difference from clinic_only in patient-days below the
 * trigger and the floor, split by reason, and the fallbacks to the clinic.
 * @example const { paragraphs, table } = belowTriggerReasons(pipelineResult.simulation);
 */
export function belowTriggerReasons(s: SimulationResult): { paragraphs: string[]; table?: ReportTable } {
  const diff = (policy: string, metric: string): Difference | undefined =>
    s.differences.find((d) => d.policy === policy && d.comparison === 'vs_clinic_only' && d.metric === metric);
  const mean = (policy: string, metric: string): number | undefined => s.table.find((x) => x.policy === policy && x.metric === metric)?.mean;
  const policies = s.policies.filter((p) => p !== 'clinic_only' && diff(p, 'days_below_trigger_home_wait'));
  if (policies.length === 0) return { paragraphs: [] };
  const rows = policies.map((p) => [
    p, interval(diff(p, 'days_below_trigger')!), ...REASONS.map(([r]) => signed(diff(p, `days_below_trigger_${r}`)?.mean ?? NaN)),
    interval(diff(p, 'days_below_floor')!), fmt(mean(p, 'home_fallbacks') ?? NaN, 0),
  ]);
  const worst = [...policies].sort((a, b) => diff(b, 'days_below_trigger')!.mean - diff(a, 'days_below_trigger')!.mean || a.localeCompare(b))[0]!;
  const d = diff(worst, 'days_below_trigger')!;
  const parts = REASONS.map(([r, words]) => ({ words, x: diff(worst, `days_below_trigger_${r}`)?.mean ?? 0 }))
    .filter((p) => Math.abs(p.x) >= 0.05).sort((a, b) => Math.abs(b.x) - Math.abs(a.x));
  const floorWorst = [...policies].sort((a, b) => diff(b, 'days_below_floor')!.ciHigh - diff(a, 'days_below_floor')!.ciHigh || a.localeCompare(b))[0]!;
  const paragraphs = [
    `Why patient-days below the trigger differ from clinic only (paired, same random numbers; measured from the run): ${worst.replace(/_/g, ' ')} ${interval(d)} — ${parts.map((p) => `${p.words} ${signed(p.x)}`).join(', ')}; ${fmt(mean(worst, 'home_fallbacks') ?? 0, 0)} of its patients fell back to the clinic when no home slot came by their need day.`,
    `Patient-days below the floor against clinic only: ${policies.map((p) => `${p.replace(/_/g, ' ')} ${interval(diff(p, 'days_below_floor')!)}`).join('; ')}${diff(floorWorst, 'days_below_floor')!.ciLow > 0 ? ` — ${floorWorst.replace(/_/g, ' ')} is worse than clinic only.` : ' — no home policy is significantly worse than clinic only.'}`,
  ];
  const header = ['policy', 'Δ days below trigger', ...REASONS.map(([r]) => `Δ ${r.replace(/_/g, ' ')}`), 'Δ days below floor', 'fallbacks to clinic'];
  return { paragraphs, table: { header, rows } };
}
