/**
 * Great-circle distance on a spherical Earth (haversine). Mean Earth radius 6371.0088 km (IUGG); the error
 * against the ellipsoid is below 0.5%, far under the variation of road distance.
 */
export const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number): number => (deg * Math.PI) / 180;

/**
 * Kilometres between two points given in decimal degrees. Cost: O(1).
 * @example
 * greatCircleKm(0, 0, 0, 1); // 111.19…
 */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The point `km` away from (lat, lon) along the initial bearing `bearingRad` (the inverse of
 * {@link greatCircleKm}; the synthetic event generator places homes with it). Cost: O(1).
 */
export function destinationPoint(lat: number, lon: number, km: number, bearingRad: number): [number, number] {
  const d = km / EARTH_RADIUS_KM;
  const p1 = rad(lat);
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(bearingRad));
  const l2 = rad(lon) + Math.atan2(Math.sin(bearingRad) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [(p2 * 180) / Math.PI, (l2 * 180) / Math.PI];
}
