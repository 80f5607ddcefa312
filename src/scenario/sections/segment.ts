import { z } from 'zod';

/**
 * The `segment` section: ensemble (consensus) clustering settings. Defaults and their reasons are in
 * docs/segment.md; the feature defaults fit the synthetic cohort's columns and are harmless elsewhere
 * (excluding an absent column is an error only when it is named explicitly by the user on the command line).
 */
export const segmentSection = z
  .strictObject({
    /** Columns to cluster on; empty = every column except `exclude`. */
    features: z.array(z.string().min(1)).default([]),
    /**
     * Columns left out. Default: blood group and sex (no bearing on care needs) and the home-setting columns
     * lives_alone, caregiver_available, phone_access — eligibility conditions that the rules stage applies,
     * not clinical profile (DOMAIN.md, "Home transfusion: who qualifies").
     */
    exclude: z.array(z.string().min(1)).default(['abo_rh', 'sex', 'lives_alone', 'caregiver_available', 'phone_access']),
    /** Feature scaling: z-score, robust (median / IQR), or none. */
    scaling: z.enum(['zscore', 'robust', 'none']).default('zscore'),
    /** Drop a numeric column with |Pearson r| ≥ this against an earlier one (derived duplicates); 1 = keep all. */
    redundancy: z.number().min(0.5).max(1).default(0.9),
    /** Principal components to keep; 0 = no PCA. */
    pca: z.int().min(0).max(200).default(0),
    /**
     * Binary and one-hot indicator scaling: `mismatch` — differing on the column costs the squared distance two
     * random patients differ by on a z-scored numeric column (2), whatever the prevalence; `variance` — the
     * column's total variance is 1 (rare indicators then dominate distances).
     */
    indicator_scaling: z.enum(['mismatch', 'variance']).default('mismatch'),
    /** Multiplies the squared distance each categorical or binary column contributes. */
    categorical_weight: z.number().positive().max(10).default(2),
    /**
     * Rule for k: the largest k whose every segment has bootstrap (clusterboot) mean Jaccard ≥ this (Hennig 2007:
     * ≥ 0.75 stable, 0.6–0.75 "indicating patterns", < 0.5 dissolved; default his 0.75) …
     */
    stable_jaccard: z.number().min(0).max(1).default(0.75),
    /** … and holds at least this share of rows (a segment a plan can use). */
    min_segment_share: z.number().min(0).max(0.5).default(0.02),
    /**
     * Bootstrap resamples per k for segment stability: independent refits on rows drawn with replacement
     * (Hennig's clusterboot), never the ensemble members that built the consensus.
     */
    bootstrap_resamples: z.int().min(2).max(500).default(20),
    /** Fixed number of segments; absent = chosen from k_min..k_max by the documented rule. */
    k: z.int().min(2).max(50).optional(),
    k_min: z.int().min(2).max(50).default(2),
    k_max: z.int().min(2).max(50).default(10),
    /** Base clusterings per k (the ensemble size). */
    members: z.int().min(2).max(1000).default(50),
    /** Share of rows each member sees. */
    item_fraction: z.number().min(0.1).max(1).default(0.8),
    /** Share of source columns each member sees (1 = all: on the cohort, dropping diagnosis or age made members disagree for reasons unrelated to the patients; docs/segment.md). */
    feature_fraction: z.number().min(0.1).max(1).default(1),
    /** Share of members that are Ward agglomerative clusterings (the rest k-means). */
    ward_share: z.number().min(0).max(1).default(0.5),
    /** Consensus function: exact evidence accumulation, micro-cluster consensus, or auto by size. */
    consensus: z.enum(['auto', 'exact', 'micro']).default('auto'),
    /**
     * After micro-cluster linkage, move each row to the segment it is most often co-clustered with (undoes the
     * blocks' resolution; docs/segment.md). Not after exact linkage, where it only pulled rows towards the
     * majority algorithm's partition.
     */
    reassign: z.boolean().default(true),
    /** `auto` uses exact consensus up to this many reference rows (O(r²) memory). */
    exact_max_rows: z.int().min(2).max(10_000).default(2_000),
    /** Rows the consensus is built on; larger tables are labelled through micro-cluster centres. */
    reference_rows: z.int().min(100).max(200_000).default(20_000),
    /** Micro-clusters (over-clustering) for the scalable consensus. */
    micro_clusters: z.int().min(20).max(2_000).default(200),
    /** k-means members fit on at most this many rows, then label the rest of their sample. */
    max_fit_rows: z.int().min(100).max(1_000_000).default(10_000),
    /** Rows linked by each Ward member (O(w²) memory). */
    ward_rows: z.int().min(50).max(5_000).default(800),
    /** Pairs sampled for PAC and the consensus CDF (all pairs when fewer). */
    pair_sample: z.int().min(1_000).max(10_000_000).default(200_000),
    /** Rows used for the mean silhouette (exact when the table is smaller). */
    silhouette_sample: z.int().min(100).max(20_000).default(2_000),
  })
  .refine((s) => s.k_min <= s.k_max, { message: 'k_min must not exceed k_max', path: ['k_min'] });

/** Validated `segment` settings. */
export type SegmentSettings = z.infer<typeof segmentSection>;
/** `segment` settings before defaults. */
export type SegmentSettingsInput = z.input<typeof segmentSection>;
