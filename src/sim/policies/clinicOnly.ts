/**
 * `clinic_only`, the status quo: every due patient is booked into a clinic chair the day they become due
 * (first come, first served); no home transfusions.
 *
 * Cost: O(due) per day.
 */
import type { DayContext, Policy, PolicyFactory } from './types.js';

class ClinicOnlyPolicy implements Policy {
  readonly name = 'clinic_only';

  plan(ctx: DayContext): void {
    for (const i of ctx.due) ctx.clinic(i);
  }
}

export const clinicOnly: PolicyFactory = (): Policy => new ClinicOnlyPolicy();
