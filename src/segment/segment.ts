/**
 * Segmentation by ensemble (consensus) clustering — the stage's entry point.
 *
 *   table ─► 1 preprocess ─► 2 reference rows ─► 3 ensemble (per k) ─► 4 consensus + diagnostics (per k)
 *         ─► 5 choose k ─► 6 label every row, confidence ─► 7 profiles
 *
 * Pure: no file system; randomness from `rngs` (streams `segment/reference`, `segment/micro`,
 * `segment/member/k{k}/{m}`, `segment/pairs/k{k}`, `segment/silhouette`).
 * Cost: O(members·K·f·d·k·iterations) for the ensemble (f ≤ max_fit_rows), O(n·d·c) to label rows outside
 * the reference, O(r²) only for exact consensus; memory O(n·d + r·members·K).
 */
import type { PatientTable } from '../data/table.js';
import { InputError } from '../errors.js';
import type { Streams } from '../random/index.js';
import { sampleIndices } from '../random/index.js';
import type { SegmentSettings } from '../scenario/sections/segment.js';
import { coAssociation, exactConsensus, microConsensus } from './consensus.js';
import type { ConsensusMethod } from './consensus.js';
import { buildEnsemble } from './ensemble.js';
import { extendLabels, segmentMeans } from './extend.js';
import type { Member } from './ensemble.js';
import { assignNearest, gather, kmeans } from './kmeans.js';
import type { TableOrigin } from './preprocess.js';
import { preprocess } from './preprocess.js';
import { profileSegments } from './profiles.js';
import type { SegmentProfile } from './profiles.js';
import { addDeltaArea, chooseK, evaluateK } from './choose.js';
import type { KMetrics } from './choose.js';
import { attachStrays, itemConsensus, reassignByConsensus } from './diagnostics.js';

export interface SegmentationResult {
  readonly k: number;
  /** Segment per table row, 0..k−1, numbered by size (0 = largest). Files show it as 1..k. */
  readonly labels: Int32Array;
  /** Item consensus per row in [0, 1]: how often the ensemble put the row with the rest of its segment. */
  readonly confidence: Float64Array;
  /** How k was chosen: `forced` (settings.k) or the rule's sentence. */
  readonly chosenBy: string;
  readonly perK: readonly KMetrics[];
  readonly profiles: readonly SegmentProfile[];
  /** Segment centres in the scaled feature space, k × features.length, row-major (for rules / IMM). */
  readonly centroids: Float64Array;
  readonly features: {
    readonly names: readonly string[];
    readonly columns: readonly string[];
    readonly dropped: readonly { readonly column: string; readonly reason: string }[];
    readonly varianceKept: number;
  };
  readonly consensus: ConsensusMethod;
  /** Rows the ensemble and consensus were built on (all rows when the table is small). */
  readonly referenceRows: number;
  readonly members: { readonly perK: number; readonly total: number; readonly ward: number };
  readonly warnings: readonly string[];
  readonly timingsMs: Readonly<Record<string, number>>;
}

export type SegmentProgress = (stage: string, done: number, total: number) => void;

/** Reject k larger than the number of rows. */
function checkSize(n: number, settings: SegmentSettings, optionPath: (key: string) => string): void {
  const kMax = settings.k ?? settings.k_max;
  if (kMax > n) {
    const key = settings.k !== undefined ? 'k' : 'k_max';
    throw new InputError([{ code: 'k_too_large', path: optionPath(key), value: kMax, message: `k exceeds the number of rows (${n})` }]);
  }
}

/**
 * Segment the patients of `table`.
 * @param origin which columns were typed by inference (for the "text column without a schema" error) and
 *   how to name options in messages (`optionPath('k')` → `--k` on the command line, `segment.k` in YAML).
 * @example
 * const seg = segmentPatients(table, segmentSection.parse({}), streams(42));
 * seg.k; seg.labels; seg.profiles[0].label;
 */
export function segmentPatients(
  table: PatientTable, settings: SegmentSettings, rngs: Streams,
  origin: TableOrigin & { optionPath?: (key: string) => string } = {}, onProgress: SegmentProgress = () => {},
): SegmentationResult {
  const timingsMs: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const out = f();
    timingsMs[name] = Math.round(performance.now() - t0);
    return out;
  };
  const optionPath = origin.optionPath ?? ((key: string) => `segment.${key}`);
  const n = table.ids.length;
  if (n < 2) throw new InputError([{ code: 'too_few_rows', message: `segmentation needs at least 2 rows, the table has ${n}` }]);
  const rng = rngs.child('segment');
  const warnings: string[] = [];
  // 1. preprocess
  const fm = time('preprocess', () => preprocess(table, {
    features: settings.features, exclude: settings.exclude, scaling: settings.scaling, redundancy: settings.redundancy,
    pca: settings.pca, indicatorScaling: settings.indicator_scaling, categoricalWeight: settings.categorical_weight,
  }, { ...origin, featuresPath: origin.featuresPath ?? optionPath('features') }));
  const d = fm.d;
  warnings.push(...fm.warnings);
  checkSize(n, settings, optionPath);
  // 2. reference rows
  const reference = n > settings.reference_rows ? sampleIndices(rng.stream('reference'), n, settings.reference_rows) : undefined;
  const r = reference ? reference.length : n;
  const xr = reference ? gather(fm.data, d, reference) : fm.data;
  const method: ConsensusMethod = settings.consensus === 'auto' ? (r <= settings.exact_max_rows ? 'exact' : 'micro') : settings.consensus;
  if (method === 'exact' && r > settings.exact_max_rows) {
    warnings.push(`exact consensus on ${r} rows needs about ${Math.round((r * r * 12) / 2 / 1e6)} MB`);
  }
  // 3. ensemble
  const kMin = settings.k ?? settings.k_min, kMax = settings.k ?? settings.k_max;
  const ensemble = time('ensemble', () => buildEnsemble(xr, r, d, {
    members: settings.members, kMin, kMax, itemFraction: settings.item_fraction, featureFraction: settings.feature_fraction,
    wardShare: settings.ward_share, maxFitRows: settings.max_fit_rows, wardRows: settings.ward_rows, groups: fm.groups, restarts: 1,
  }, rng, (done, total) => onProgress('ensemble', done, total)));
  // Micro-clusters: the scalable consensus works on them, and rows outside the reference are labelled by them.
  const micro = method === 'micro' || reference ? time('micro', () => microClusters(xr, r, d, Math.max(kMax, Math.min(settings.micro_clusters, r)), rng)) : undefined;
  // 4. consensus and diagnostics per k
  const perK: KMetrics[] = [];
  const labelsByK: Int32Array[] = [];
  time('consensus', () => {
    for (let k = kMin; k <= kMax; k++) {
      const members = ensemble.byK[k - kMin]!;
      const minSize = settings.reassign ? settings.min_segment_share * r : 0;
      // the exact consensus and the exhaustive pair diagnostics share one co-association count
      const counts = method === 'exact' ? coAssociation(members, r) : undefined;
      const cut = counts ? exactConsensus(members, r, k, minSize, counts) : microConsensus(members, micro!.labels, micro!.c, k, minSize).labels;
      // reassignment undoes the micro-clusters' block resolution; after exact linkage it only pulled rows
      // towards the majority algorithm's partition (docs/segment.md, real data sets)
      const strays = attachStrays(members, cut, k);
      const raw = settings.reassign && method === 'micro' ? reassignByConsensus(members, strays, k) : strays;
      const labels = relabelBySize(raw, k);
      labelsByK.push(labels);
      perK.push(evaluateK(xr, r, d, members, labels, k, settings, rng, counts));
      onProgress('consensus', k - kMin + 1, kMax - kMin + 1);
    }
    addDeltaArea(perK);
  });
  // 5. choose k
  const choice = settings.k !== undefined
    ? { k: settings.k, stable: true, rule: 'forced' }
    : chooseK(perK, { stableJaccard: settings.stable_jaccard, minSegmentShare: settings.min_segment_share });
  if (!choice.stable) warnings.push(`no stable structure: ${choice.rule.replace('no stable structure: ', '')}`);
  const ki = choice.k - kMin;
  const refLabels = labelsByK[ki]!;
  const members = ensemble.byK[ki]!;
  // 6. every row's segment and confidence
  const { labels, confidence } = time('label', () => labelAllRows(fm.data, n, d, xr, reference, refLabels, members,
    choice.k, micro));
  const sizes = new Int32Array(choice.k);
  for (const l of labels) sizes[l]!++;
  if (sizes.some((s) => s === 0)) warnings.push('a segment is empty after labelling every row');
  if (perK[ki]!.minShare < 0.02) warnings.push(`the smallest segment holds ${(perK[ki]!.minShare * 100).toFixed(1)}% of rows`);
  // 7. profiles
  const centroids = segmentMeans(fm.data, n, d, labels, choice.k);
  const profiles = time('profiles', () => profileSegments(table, labels, confidence, choice.k, perK[ki]!.stability, fm.columns));
  const wardCount = ensemble.byK.reduce((s, list) => s + list.filter((m) => m.algorithm === 'ward').length, 0);
  return {
    k: choice.k, labels, confidence, chosenBy: choice.rule, perK, profiles, centroids,
    features: { names: fm.names, columns: fm.columns, dropped: fm.dropped, varianceKept: fm.varianceKept },
    consensus: method, referenceRows: r,
    members: { perK: settings.members, total: settings.members * (kMax - kMin + 1), ward: wardCount },
    warnings, timingsMs,
  };
}

/** Micro-cluster fits use at most this many rows per centre (then label every reference row). */
const MICRO_FIT_ROWS_PER_CENTRE = 25;

/** Over-cluster the reference rows into at most c non-empty micro-clusters. O(min(r, 25c)·c·d·iterations + r·c·d). */
function microClusters(x: Float64Array, r: number, d: number, c: number, rng: Streams): { labels: Int32Array; c: number; centroids: Float64Array } {
  const fitRows = Math.min(r, MICRO_FIT_ROWS_PER_CENTRE * c);
  const fitData = fitRows < r ? gather(x, d, sampleIndices(rng.stream('micro/rows'), r, fitRows)) : x;
  const fit = kmeans(fitData, fitRows, d, { k: c, rng: rng.stream('micro'), maxIterations: 30, initTrials: 1 });
  const raw = fitRows < r ? assignNearest(x, r, d, fit.centroids, c) : fit.labels;
  const remap = new Int32Array(c).fill(-1);
  let used = 0;
  const labels = raw.map((l) => (remap[l]! >= 0 ? remap[l]! : (remap[l] = used++)));
  const centroids = new Float64Array(used * d);
  for (let l = 0; l < c; l++) if (remap[l]! >= 0) centroids.set(fit.centroids.subarray(l * d, l * d + d), remap[l]! * d);
  return { labels, c: used, centroids };
}

/** Renumber labels 0..k−1 by decreasing size (ties: first row first), so output does not depend on linkage order. */
export function relabelBySize(labels: Int32Array, k: number): Int32Array {
  const sizes = new Float64Array(k), first = new Float64Array(k).fill(Infinity);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    sizes[l]!++;
    if (first[l] === Infinity) first[l] = i;
  }
  const order = Array.from({ length: k }, (_, l) => l).sort((a, b) => sizes[b]! - sizes[a]! || first[a]! - first[b]!);
  const rank = new Int32Array(k);
  for (let i = 0; i < k; i++) rank[order[i]!] = i;
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = rank[labels[i]!]!;
  return out;
}

function labelAllRows(
  x: Float64Array, n: number, d: number, xr: Float64Array, reference: Int32Array | undefined, refLabels: Int32Array,
  members: readonly Member[], k: number, micro: { labels: Int32Array; c: number; centroids: Float64Array } | undefined,
): { labels: Int32Array; confidence: Float64Array } {
  const refConfidence = itemConsensus(members, refLabels, k);
  if (!reference) return { labels: refLabels, confidence: refConfidence };
  // rows in a micro-cluster of one segment take it; in a shared one, the nearest of its segments' centres
  const microOf = assignNearest(x, n, d, micro!.centroids, micro!.c);
  const labels = extendLabels(x, n, d, microOf, micro!.labels, xr, refLabels, micro!.c, k);
  reference.forEach((row, i) => { labels[row] = refLabels[i]!; });
  const confidence = outsideConfidence(x, n, d, labels, members, refLabels, k, { of: microOf, ...micro! });
  reference.forEach((row, i) => { confidence[row] = refConfidence[i]!; });
  return { labels, confidence };
}

/** Each row's micro-cluster and the micro-centres (c × d). */
interface MicroOfRows { readonly of: Int32Array; readonly c: number; readonly centroids: Float64Array }

/**
 * Confidence of rows outside the reference: each member labels the row by its nearest member centre; the
 * row scores the share of its segment's sampled reference rows that the member labels the same way.
 * The member centre nearest the row's micro-centre starts each row's scan (same labels, ≈ 1 distance a row
 * instead of ≈ k / 2 before the true nearest is met). O(n·members·k·d) worst case.
 */
function outsideConfidence(
  x: Float64Array, n: number, d: number, labels: Int32Array, members: readonly Member[], refLabels: Int32Array,
  k: number, micro: MicroOfRows,
): Float64Array {
  const sum = new Float64Array(n);
  const guess = new Int32Array(n);
  for (const m of members) {
    const h = new Float64Array(k * m.k), s = new Float64Array(k);
    refLabels.forEach((c, i) => { const l = m.labels[i]!; if (l >= 0) { h[c * m.k + l]!++; s[c]!++; } });
    const microGuess = nearestOnFeatures(micro.centroids, micro.c, d, m.features, m.centroids, m.k);
    for (let i = 0; i < n; i++) guess[i] = microGuess[micro.of[i]!]!;
    const nearest = nearestOnFeatures(x, n, d, m.features, m.centroids, m.k, guess);
    for (let i = 0; i < n; i++) {
      const l = nearest[i]!;
      const c = labels[i]!;
      if (s[c]! > 0) sum[i]! += h[c * m.k + l]! / s[c]!;
    }
  }
  return sum.map((v) => v / members.length);
}

/** Rows gathered per block when a member was fitted on a feature subset. */
const NEAREST_BLOCK_ROWS = 4096;

/**
 * Nearest of a member's centres for every row, on the member's features. All features (the default): one
 * nearest-centre pass; a subset: the subset's columns gathered a block of rows at a time, so the centre-gap
 * table is built once per block rather than once per row. O(n·k·|features|).
 */
function nearestOnFeatures(
  x: Float64Array, n: number, d: number, features: ArrayLike<number>, centroids: Float64Array, k: number,
  guess?: Int32Array,
): Int32Array {
  const nf = features.length;
  if (nf === d) return assignNearest(x, n, d, centroids, k, guess);
  const out = new Int32Array(n);
  for (let start = 0; start < n; start += NEAREST_BLOCK_ROWS) {
    const rows = Int32Array.from({ length: Math.min(NEAREST_BLOCK_ROWS, n - start) }, (_, r) => start + r);
    const block = guess?.subarray(start, start + rows.length);
    out.set(assignNearest(gather(x, d, rows, features), rows.length, nf, centroids, k, block), start);
  }
  return out;
}

