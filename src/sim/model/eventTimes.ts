/**
 * When in day d (the interval [d, d + 1)) a run's events happen. The times only order a day's events; events at
 * one time run in the order they were scheduled (the engine's sequence number), which settles ties.
 *
 * Cost: constants.
 */

/** Labs, crossmatch samples drawn on a scheduled exchange's sample day, and reservations made on a later day. */
export const LAB_TIME = 0.25;
/** Policies' `beforeDay` runs after the day's labs, before its service event. */
export const BEFORE_SERVICE = 0.45;
/** The day's service event: restock, bookings and visits; units are issued and held for this time. */
export const SERVICE_TIME = 0.5;
