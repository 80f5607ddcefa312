/** The policies the simulator compares, by scenario name. */
import type { SimPolicyName } from '../../scenario/sections/simulation.js';
import { clinicOnly } from './clinicOnly.js';
import { distanceFirst, frequencyFirst, referral } from './enrolment.js';
import type { ServiceSettings } from '../model/types.js';
import type { RollingPlanner } from './lpRolling.js';
import { greedyPlanner, lpRollingWith } from './lpRolling.js';
import { optimizePlanner } from './optimizePlanner.js';
import { priorityGreedy, segmentRule } from './priorityGreedy.js';
import type { PolicyFactory } from './types.js';

export * from './types.js';
export * from './lpRolling.js';
export * from './optimizePlanner.js';
export { clinicOnly } from './clinicOnly.js';
export { referral, distanceFirst, frequencyFirst, episodesPerYear } from './enrolment.js';
export { priorityGreedy, segmentRule } from './priorityGreedy.js';

/** The heuristics used in clinics today (compared as "best heuristic"). */
export const HEURISTIC_POLICIES: readonly SimPolicyName[] = ['referral', 'distance_first', 'frequency_first'];

/** lp_rolling's planner named by `simulation.lp_planner` (built where the run happens: functions cannot cross threads). */
export function plannerFor(settings: ServiceSettings): RollingPlanner {
  const s = settings.sim;
  if (s.lp_planner === 'greedy') return greedyPlanner;
  return optimizePlanner(settings.program, settings.lpModel, { timeLimitSec: s.lp_time_limit_sec, mipGap: s.lp_mip_gap, maxNodes: s.lp_max_nodes, candidateMultiple: s.lp_candidate_multiple });
}

/** `lp_rolling` with the planner its settings name. */
export const lpRolling: PolicyFactory = (setup) => lpRollingWith(plannerFor(setup.settings))(setup);

/** Factory per policy name; `lp_rolling` uses `planner` when given. */
export function policyFactory(name: SimPolicyName, planner?: RollingPlanner): PolicyFactory {
  switch (name) {
    case 'clinic_only': return clinicOnly;
    case 'referral': return referral;
    case 'distance_first': return distanceFirst;
    case 'frequency_first': return frequencyFirst;
    case 'priority_greedy': return priorityGreedy;
    case 'segment_rule': return segmentRule;
    case 'lp_rolling': return planner ? lpRollingWith(planner) : lpRolling;
  }
}
