/**
 * Travel between two patients' homes, for chaining two visits on one trip (chain.ts). Three sources, all
 * plain data so they cross to worker threads: planar coordinates in km (`x_km`, `y_km`), latitude and
 * longitude in degrees (`lat`, `lon`, great-circle distance), or a matrix of minutes one way read from a CSV
 * file (src/data/travelMatrix.ts). Coordinates turn into minutes as `fixed + km × minutes per km`
 * (`routing.leg_fixed_min`, `routing.leg_min_per_km`: by default the synthetic cohort's travel model, an
 * assumption). A missing coordinate gives an unknown leg (NaN): such a patient is not chained.
 *
 * Cost: O(1) per leg.
 */

/** Planar coordinates in km, or degrees of latitude and longitude, index-aligned with the cohort. */
export interface CoordinateLegs {
  readonly kind: 'xy_km' | 'lat_lon';
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Minutes of any leg (parking, handover) and per km travelled. */
  readonly fixedMin: number;
  readonly minPerKm: number;
}

/** Minutes one way between patients i and j at `minutes[i · n + j]` (Float32: a 5,000-patient matrix is 100 MB). */
export interface MatrixLegs {
  readonly kind: 'matrix';
  readonly n: number;
  readonly minutes: Float32Array;
}

export type LegSource = CoordinateLegs | MatrixLegs;

/** Mean Earth radius, km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance (haversine) between two points given in degrees, km.
 * @example greatCircleKm(0, 0, 0, 1); // ≈ 111.2 km, one degree along the equator
 */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Straight-line km between patients i and j of a coordinate source (NaN when a coordinate is missing). */
export function legKm(src: CoordinateLegs, i: number, j: number): number {
  const a1 = src.a[i]!, b1 = src.b[i]!, a2 = src.a[j]!, b2 = src.b[j]!;
  return src.kind === 'xy_km' ? Math.hypot(a2 - a1, b2 - b1) : greatCircleKm(a1, b1, a2, b2);
}

/**
 * Minutes one way from patient i's home to patient j's; NaN when unknown.
 * @example legMinutes({ kind: 'xy_km', a, b, fixedMin: 8, minPerKm: 1.1 }, 0, 1); // 8 + 1.1 × km
 */
export function legMinutes(src: LegSource, i: number, j: number): number {
  // a patient the matrix does not cover (an open cohort's arrival) has no known leg, never a neighbour's row
  if (src.kind === 'matrix') return i < src.n && j < src.n ? src.minutes[i * src.n + j]! : Number.NaN;
  return src.fixedMin + src.minPerKm * legKm(src, i, j);
}

/**
 * Each patient's shortest leg to another patient (NaN when none is known): the partner a capacity estimate
 * assumes for chaining. O(n²).
 * @example nearestLegMinutes(src, 3)[0];
 */
export function nearestLegMinutes(src: LegSource, n: number): Float64Array {
  const out = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const m = legMinutes(src, i, j);
      if (m < best) best = m;
    }
    if (best < Infinity) out[i] = best;
  }
  return out;
}
