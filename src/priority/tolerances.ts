/**
 * Named numeric choices of the priority stage, in one place.
 */

/** Contributions are rounded to this many decimals of a point, so printed contributions add up to the printed score. */
export const POINT_DECIMALS = 4;

const POINT_SCALE = 10 ** POINT_DECIMALS;

/** Round a number of points to {@link POINT_DECIMALS} decimals (half away from zero, symmetric). */
export function roundPoints(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * POINT_SCALE) / POINT_SCALE;
}

/** Power iteration for the AHP principal eigenvector stops when weights move less than this (L1). */
export const AHP_TOLERANCE = 1e-12;
/** Power iteration cap; a positive reciprocal matrix converges in a few dozen steps. */
export const AHP_MAX_ITERATIONS = 1000;
