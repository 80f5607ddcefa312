/**
 * Look-back windows of the extractor, in days, all relative to the as-of date (see docs/extract.md). One
 * place, each with its reason.
 */
export const EXTRACT_WINDOWS = {
  /** The cohort's "12 months" columns (episodes_12m, units_12m, reactions_12m, ed_visits_12m …): 365 days. */
  lookbackDays: 365,
  /** Pre-transfusion Hb must be measured within 7 days before (or on) the first day of an episode. */
  hbPreDays: 7,
  /** Post-transfusion Hb: the first result within 7 days after the last day of an episode. */
  hbPostDays: 7,
  /** A patient needs records reaching back this far before as-of, or is listed as having too little history. */
  minHistoryDays: 365,
} as const;
export type ExtractWindows = typeof EXTRACT_WINDOWS;
