/**
 * Infeasibility diagnosis before solving. Capacity rows cannot make the model infeasible (clinic overflow is
 * soft), so the model is infeasible exactly when some patient's due transfusions cannot each get a distinct
 * working day inside its window. Earliest-deadline-first decides that per patient exactly (unit jobs with
 * integer release days and deadlines), and names the patient, the transfusion and the days.
 * Cost: O(patients · horizon · episodes per patient).
 */
import type { DayCapacity } from './calendar.js';
import type { Diagnosis, Episode } from './types.js';

interface Failure { readonly ep: Episode; readonly reason: string }

/** EDF over one patient's mandatory episodes; returns the first episode that cannot be placed. */
function patientFailure(eps: readonly Episode[], calendar: readonly DayCapacity[]): Failure | null {
  const due = eps.filter((e) => e.mandatory);
  if (due.length === 0) return null;
  for (const e of due) {
    if (e.latest < e.earliest) {
      return { ep: e, reason: `transfusion ${e.k} has an empty window (Hb passes trigger + margin on day ${e.earliest} but is below the floor after day ${e.latest})` };
    }
  }
  const done = new Set<Episode>();
  const D = calendar.length;
  for (let d = 1; d <= D; d++) {
    for (const e of due) {
      if (!done.has(e) && e.latest < d) {
        const working = calendar.slice(e.earliest - 1, Math.min(e.latest, D)).filter((c) => c.working).length;
        return { ep: e, reason: working === 0
          ? `transfusion ${e.k} must happen on days ${e.earliest}–${e.latest}, none of them a working day`
          : `transfusion ${e.k} (days ${e.earliest}–${e.latest}) competes with the patient's other due transfusions for ${working} working day(s)` };
      }
    }
    if (!calendar[d - 1]!.working) continue;
    let pick: Episode | undefined;
    for (const e of due) if (!done.has(e) && e.earliest <= d && (!pick || e.latest < pick.latest)) pick = e;
    if (pick) done.add(pick);
  }
  const left = due.find((e) => !done.has(e));
  return left ? { ep: left, reason: `transfusion ${left.k} (days ${left.earliest}–${left.latest}) finds no free working day` } : null;
}

/**
 * Diagnose clinical-timing infeasibility; `[]` when every patient's due transfusions fit the calendar.
 * @example
 * timingDiagnosis(am.episodes, am.calendar)[0]?.message; // '2 patient(s) … e.g. patient #17: …'
 */
export function timingDiagnosis(episodes: readonly Episode[], calendar: readonly DayCapacity[]): Diagnosis[] {
  const byPatient = new Map<number, Episode[]>();
  for (const e of episodes) (byPatient.get(e.patient) ?? byPatient.set(e.patient, []).get(e.patient)!).push(e);
  const failures: Failure[] = [];
  for (const eps of byPatient.values()) {
    const f = patientFailure(eps, calendar);
    if (f) failures.push(f);
  }
  if (failures.length === 0) return [];
  const days = new Set<number>();
  for (const f of failures) for (let d = Math.max(1, f.ep.earliest); d <= Math.min(f.ep.latest, calendar.length); d++) days.add(d);
  const first = failures[0]!;
  return [{
    family: 'clinical_timing',
    patients: failures.map((f) => f.ep.patient),
    days: [...days].sort((a, b) => a - b),
    message: `${failures.length} patient(s) cannot be transfused between "Hb reached trigger + margin" and "Hb below the floor" on a working day; e.g. patient #${first.ep.patient}: ${first.reason}`,
  }];
}
