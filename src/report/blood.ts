/**
 * The report's sentence on blood (issue 16, item 5): home and clinic wastage and O− use of the policy that moves
 * the most transfusions home, as counts and percentages, and whether home returns used the transport box.
 *
 * Cost: O(policies × metrics) (table look-ups).
 */
import type { Scenario } from '../scenario/schema.js';
import type { SimulationResult } from '../sim/index.js';
import { fmt } from './model.js';

const WASTE = ['units_wasted', 'units_wasted_home_pct', 'units_wasted_clinic', 'units_wasted_clinic_pct'];
const O_NEG = ['o_neg_units_home', 'o_neg_home_pct', 'o_neg_units_clinic', 'o_neg_clinic_pct'];

/**
 * One paragraph for `policy`, or undefined when the metrics are missing.
 * @example bloodParagraph(result.simulation, 'lp_rolling', scenario); // 'Blood under lp rolling: home wastage …'
 */
export function bloodParagraph(s: SimulationResult, policy: string, scenario: Scenario): string | undefined {
  const mean = (metric: string): number =>
    s.table.find((x) => x.policy === policy && x.metric === metric)?.mean ?? Number.NaN;
  const [wHome, wHomePct, wClinic, wClinicPct] = WASTE.map(mean) as [number, number, number, number];
  const [oHome, oHomePct, oClinic, oClinicPct] = O_NEG.map(mean) as [number, number, number, number];
  if (Number.isNaN(wHome) || Number.isNaN(wClinic)) return undefined;
  const b = scenario.blood;
  const returns = b.transport_box
    ? `unused home units in an unopened validated box may go back to stock within ${fmt(b.transport_box_min, 0)} min`
    : `unused home units go back to stock only within ${fmt(scenario.simulation.return_window_min, 0)} min ` +
      '(no transport box)';
  return `Blood under ${policy.replace(/_/g, ' ')} (mean per replication): home wastage ${fmt(wHome, 0)} units ` +
    `(${fmt(wHomePct, 1)}% of units used or wasted at home; good sites < 1–2%), clinic and blood-bank wastage ` +
    `${fmt(wClinic, 0)} units (${fmt(wClinicPct, 1)}%); O− given to other groups as the last resort: ` +
    `${fmt(oHome, 0)} units at home (${fmt(oHomePct, 1)}%), ${fmt(oClinic, 0)} in the clinic ` +
    `(${fmt(oClinicPct, 1)}%). The bank keeps ${fmt(b.stock_days, 1)} days of the cohort's demand per ABO/Rh ` +
    `group; crossmatched units return to stock after ${fmt(b.reservation_hours, 0)} h; ${returns}.`;
}
