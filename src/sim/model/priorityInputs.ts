/**
 * Adapter: priority's result → the simulator's score inputs. The score loses its waiting-time and
 * clinical-urgency points (both change during a run); the simulator adds them back from the days a patient
 * has waited and the days to their simulated trigger day (`urgencyPoints`). Urgency is recomputed only under
 * anchor normalisation (a percentile depends on the whole cohort's state).
 * Cost: O(n).
 */
import type { PriorityResult } from '../../priority/score.js';
import type { CohortInputs } from './cohort.js';

/** @example simCohortFromTable(table, { eligible, ...dynamicScoreInputs(priority) }, scenario.clinical); */
export function dynamicScoreInputs(priority: PriorityResult): Pick<CohortInputs, 'score' | 'waiting' | 'urgency'> {
  const c = priority.contributions;
  const urgency = priority.model.normalisation === 'anchors' && c.clinical_urgency ? c.clinical_urgency : undefined;
  const score = priority.score.map((s, i) => s - (c.waiting_time?.[i] ?? 0) - (urgency?.[i] ?? 0));
  return {
    score,
    waiting: { maxPoints: priority.model.maxPoints.waiting_time, fullAtDays: priority.model.anchors.waiting_days },
    ...(urgency ? { urgency: { maxPoints: priority.model.maxPoints.clinical_urgency, fullAtDays: priority.model.anchors.urgency_horizon_days } } : {}),
  };
}
