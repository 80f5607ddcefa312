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
  });

/** The validated `program.calendar` section. */
export type CalendarSettings = z.infer<typeof calendarSection>;
