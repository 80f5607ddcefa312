import { z } from 'zod';

/** Weekday (1 = Monday … 7 = Sunday) of an ISO date `YYYY-MM-DD` (UTC, so no time zone shifts it). */
export function isoWeekday(isoDate: string): number {
  const d = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The `program.calendar` section: the date of simulated day 0 and the public holidays on which the clinic and
 * the home program close (no labs, no clinic or apheresis chairs, no nurse shifts, no home unit release; the
 * crossmatch lead counts working days, so it skips them). Read only through the service calendar
 * (src/service/calendar.ts). Default: no holidays — every closed day is a closed weekday.
 */
export const calendarSection = z
  .strictObject({
    /**
     * ISO date of simulated day 0. It must be a Monday: the simulator's day 0 is a Monday
     * (src/service/calendar.ts `weekdayAfter(1, d)`). Needed when `holidays` is not empty.
     */
    start_date: z.iso.date().nullable().default(null),
    /** ISO dates of public holidays (the clinic and the home program close). Dates before `start_date` are ignored. */
    holidays: z.array(z.iso.date()).max(10_000).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.start_date !== null && isoWeekday(c.start_date) !== 1) {
      ctx.addIssue({ code: 'custom', path: ['start_date'], message: `${c.start_date} is not a Monday (simulated day 0 is a Monday)` });
    }
    if (c.start_date === null && c.holidays.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['start_date'], message: 'holidays are dates: give the date of simulated day 0 (a Monday)' });
    }
    const run = longestRun(c.holidays);
    if (run.days > MAX_HOLIDAY_RUN_DAYS) {
      ctx.addIssue({
        code: 'custom', path: ['holidays', run.at],
        message: `closes the clinic ${run.days} days in a row from ${c.holidays[run.at]} (public holidays are days; more than ${MAX_HOLIDAY_RUN_DAYS} in a row would stop every transfusion)`,
      });
    }
  });

/** Most consecutive holidays allowed: a 4-week closure (Christmas closures last days, not months). Assumption. */
export const MAX_HOLIDAY_RUN_DAYS = 28;

/** The longest run of consecutive dates among `dates` and the index (in `dates`) of its first date. O(n log n). */
function longestRun(dates: readonly string[]): { days: number; at: number } {
  const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const order = dates.map((d, i) => ({ t: day(d), i })).filter((x) => Number.isFinite(x.t)).sort((a, b) => a.t - b.t || a.i - b.i);
  let best = { days: 0, at: 0 }, len = 0, start = 0;
  for (let k = 0; k < order.length; k++) {
    const gap = k > 0 ? order[k]!.t - order[k - 1]!.t : Infinity;
    if (gap === 0) continue; // the same date twice
    if (gap === 1) len++; else { len = 1; start = k; }
    if (len > best.days) best = { days: len, at: order[start]!.i };
  }
  return best;
}

/** The validated `program.calendar` section. */
export type CalendarSettings = z.infer<typeof calendarSection>;
