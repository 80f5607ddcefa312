/**
 * Text forms of a {@link SegmentationResult}: `segments.csv` and `segmentation.json`. Pure (strings out);
 * the CLI or the report stage writes them. Patient ids appear only in `segments.csv`.
 */
import type { SegmentSettings } from '../scenario/sections/segment.js';
import type { SegmentationResult } from './segment.js';
import { csvField } from '../data/csvText.js';

/** Decimals kept for metrics and confidence in files (well below any difference that matters). */
export const OUTPUT_DECIMALS = 4;

const round = (x: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(OUTPUT_DECIMALS)) : null);

/**
 * `patient_id,segment,confidence`, one row per patient in table order; segments numbered 1..k (1 = largest).
 * The header says `patient_id` whatever the input's id column was called. O(n).
 * @example
 * segmentsCsv(table.ids, result).split('\n')[0]; // 'patient_id,segment,confidence'
 */
export function segmentsCsv(ids: readonly string[], result: Pick<SegmentationResult, 'labels' | 'confidence'>): string {
  const lines = ['patient_id,segment,confidence'];
  for (let i = 0; i < ids.length; i++) lines.push(`${csvField(ids[i]!)},${result.labels[i]! + 1},${result.confidence[i]!.toFixed(OUTPUT_DECIMALS)}`);
  return lines.join('\n') + '\n';
}

export interface SegmentationRunInfo {
  readonly file: string;
  readonly idColumn: string;
  readonly rows: number;
  readonly seed: number;
  readonly totalMs?: number;
}

/** A JSON-ready object (numbers rounded, NaN → null); `summary` leaves out profiles' column summaries. */
export function segmentationObject(result: SegmentationResult, settings: SegmentSettings, run: SegmentationRunInfo, summary = false): Record<string, unknown> {
  const perK = result.perK.map((m) => ({
    k: m.k, pac: round(m.pac), cdf_area: round(m.cdfArea), delta_area: round(m.deltaArea), cdf: m.cdf.map(round),
    pairs_exhaustive: m.pairsExhaustive, silhouette: round(m.silhouette), calinski_harabasz: round(m.calinskiHarabasz),
    davies_bouldin: round(m.daviesBouldin), min_stability: round(m.minStability), mean_stability: round(m.meanStability),
    stability: m.stability.map(round), mean_confidence: round(m.meanConfidence), sizes: m.sizes, min_share: round(m.minShare),
  }));
  const profiles = result.profiles.map((p) => ({
    segment: p.segment, label: p.label, size: p.size, share: round(p.share), stability: round(p.stability),
    mean_confidence: round(p.meanConfidence),
    distinctive: p.distinctive.map((e) => ({ column: e.column, ...(e.level !== undefined ? { level: e.level } : {}), effect: round(e.effect), text: e.text })),
    ...(summary ? {} : {
      numeric: Object.fromEntries(Object.entries(p.numeric).map(([c, s]) => [c, { median: round(s.median), q1: round(s.q1), q3: round(s.q3), missing: s.missing }])),
      binary: Object.fromEntries(Object.entries(p.binary).map(([c, v]) => [c, round(v)])),
      categorical: Object.fromEntries(Object.entries(p.categorical).map(([c, levels]) => [c, Object.fromEntries(Object.entries(levels).map(([l, v]) => [l, round(v)]))])),
    }),
  }));
  return {
    k: result.k,
    chosen_by: result.chosenBy,
    consensus: result.consensus,
    input: { file: run.file, id_column: run.idColumn, rows: run.rows, seed: run.seed },
    reference_rows: result.referenceRows,
    members: { per_k: result.members.perK, total: result.members.total, ward: result.members.ward },
    features: {
      columns: result.features.columns, names: result.features.names, dropped: result.features.dropped,
      variance_kept: round(result.features.varianceKept),
    },
    per_k: perK,
    profiles,
    ...(summary ? {} : { settings }),
    warnings: result.warnings,
    // only the segment command's own file carries timings (docs/segment.md); a run's copy stays load-independent
    ...(run.totalMs !== undefined ? { timings_ms: { ...result.timingsMs, total: run.totalMs } } : {}),
  };
}

/** `segmentation.json` text. */
export function segmentationJson(result: SegmentationResult, settings: SegmentSettings, run: SegmentationRunInfo, summary = false): string {
  return JSON.stringify(segmentationObject(result, settings, run, summary), null, 2) + '\n';
}
