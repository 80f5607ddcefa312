/**
 * Replication statistics: mean with a Student-t confidence interval, for independent replications or for
 * paired differences under common random numbers.
 *
 * Cost: O(n) per summary; `tQuantile` O(60) bisection steps of an incomplete-beta evaluation.
 */

export interface MeanCi {
  readonly mean: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Sample standard deviation across replications (NaN for n < 2). */
  readonly sd: number;
  readonly n: number;
}

/** Bisection stops when the interval is this narrow: far below any printed digit. */
const QUANTILE_TOLERANCE = 1e-12;

/**
 * Mean and two-sided confidence interval (default 95%) over replications. NaN values are skipped; with
 * fewer than two values the interval collapses to the mean.
 * @example meanCi([1, 2, 3]).ciHigh; // 2 + 4.303·(1/√3)
 */
export function meanCi(values: ArrayLike<number>, level = 0.95): MeanCi {
  let n = 0, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) { n++; sum += v; }
  }
  if (n === 0) return { mean: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN, sd: Number.NaN, n: 0 };
  const mean = sum / n;
  if (n < 2) return { mean, ciLow: mean, ciHigh: mean, sd: Number.NaN, n };
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  }
  const sd = Math.sqrt(ss / (n - 1));
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean, ciLow: mean - half, ciHigh: mean + half, sd, n };
}

/** Quantiles already found, by `p:df` (summaries ask for the same few thousands of times; bisection is ~50 CDFs). */
const quantileCache = new Map<string, number>();
const QUANTILE_CACHE_ENTRIES = 1024;

/** Student-t quantile: `p` in (0, 1), `df` ≥ 1 degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new Error(`tQuantile: bad arguments p=${p} df=${df}`);
  const key = `${p}:${df}`;
  const known = quantileCache.get(key);
  if (known !== undefined) return known;
  const q = tQuantileSearch(p, df);
  if (quantileCache.size >= QUANTILE_CACHE_ENTRIES) quantileCache.clear();
  quantileCache.set(key, q);
  return q;
}

function tQuantileSearch(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantileSearch(1 - p, df);
  let lo = 0, hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  while (hi - lo > QUANTILE_TOLERANCE * Math.max(1, hi)) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Student-t CDF via the regularized incomplete beta function. */
export function tCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), ~15 significant digits.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes `betacf`). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let f = 1, c = 1, d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  f = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d; if (Math.abs(d) < tiny) d = tiny; d = 1 / d;
    c = 1 + num / c; if (Math.abs(c) < tiny) c = tiny;
    f *= d * c;
    num = -((a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d; if (Math.abs(d) < tiny) d = tiny; d = 1 / d;
    c = 1 + num / c; if (Math.abs(c) < tiny) c = tiny;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return (front * f) / a;
}
