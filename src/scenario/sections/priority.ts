import { z } from 'zod';

/**
 * The `priority` section: eligibility switches, the score's terms and weights, normalisation anchors, optional
 * AHP pairwise comparisons and the robustness check. Defaults cite ../shared/DOMAIN.md; the term names are
 * listed in `PRIORITY_TERMS` (src/priority/terms.ts mirrors them).
 */

/** Score terms in display order. */
export const PRIORITY_TERMS = [
  'clinical_urgency',
  'transfusion_burden',
  'travel_burden',
  'frailty',
  'home_suitability',
  'safety_risk',
  'waiting_time',
] as const;
export type PriorityTerm = (typeof PRIORITY_TERMS)[number];

const isTerm = (s: string): s is PriorityTerm => (PRIORITY_TERMS as readonly string[]).includes(s);
const termList = `known terms: ${PRIORITY_TERMS.join(', ')}`;

/** Hard exclusions applied before scoring (DOMAIN.md, "Home transfusion: who qualifies"). */
const exclusionsSection = z.strictObject({
  /** Prior haemolytic reaction excludes (DOMAIN.md exclusions, medicalalgorithms.com). */
  haemolytic_reaction_history: z.boolean().default(true),
  /** Alloantibodies needing a complex crossmatch exclude (assumption: blood bank cannot release at short notice). */
  alloantibodies: z.boolean().default(true),
  /**
   * Heart failure excludes. Off by default: DOMAIN.md excludes *unstable* cardiopulmonary status, and the
   * cohort column records any heart failure; the safety_risk term weighs it instead.
   */
  heart_failure: z.boolean().default(false),
  /** No telephone at home excludes (AABB survey: a telephone at home, DOMAIN.md). */
  no_phone: z.boolean().default(true),
  /** Living alone without an available caregiver excludes (AABB survey: a second adult at home, DOMAIN.md). */
  no_second_adult: z.boolean().default(true),
  /** One-way distance limit in km; null = none. No published limit exists (DOMAIN.md): assumption ≈ 1.8 h drive. */
  max_distance_km: z.number().positive().max(5_000).nullable().default(100),
  /** Most transfusion reactions in the last 12 months; null = no limit. */
  max_reactions_12m: z.number().min(0).max(1_000).nullable().default(null),
  /** A missing value in a switched-on criterion excludes (reason `<criterion>_unknown`): safety first. */
  exclude_when_unknown: z.boolean().default(true),
  /** Only target-segment or rule-matched patients are eligible (needs --segments or --rules). */
  require_target: z.boolean().default(false),
});

/** Fixed clinical anchors: the raw value at which a term reaches its full points (the low end is 0). */
const anchorsSection = z.strictObject({
  /** Urgency is full at 0 days to the Hb trigger and zero at this many days (assumption: a 4-week cycle). */
  urgency_horizon_days: z.number().positive().max(3_650).default(28),
  /** Clinic chair-hours a year for full burden points (derived: 26 episodes × (2 units × 1.8 h + 0.5 h) ≈ 107 h). */
  burden_hours_per_year: z.number().positive().max(8_760).default(120),
  /** Round-trip km a year for full travel points (derived: 50 km one way × 2 × 26 episodes = 2,600 km). */
  travel_km_per_year: z.number().positive().max(1_000_000).default(2600),
  /** Frailty grade for full points: ECOG 0–4 plus one grade at or above `frailty_age_years`. */
  frailty_grade: z.number().positive().max(5).default(4),
  /** Age that adds one frailty grade (assumption; MDS home cohort median 86, DOMAIN.md Ages). */
  frailty_age_years: z.number().positive().max(120).default(80),
  /** Safety-risk points for the full penalty: reactions in 12 months + 1 for heart failure. */
  safety_points: z.number().positive().max(1_000).default(2),
  /** Days on the waiting list for full waiting points (assumption: one transfusion cycle, 4 weeks). */
  waiting_days: z.number().positive().max(3_650).default(28),
});

/** Columns the terms and exclusions read; defaults are the synthetic cohort's names. */
const columnsSection = z.strictObject({
  hb: z.string().min(1).default('hb_pre_mean_g_dl'),
  hb_decline: z.string().min(1).default('hb_decline_g_dl_week'),
  episodes: z.string().min(1).default('episodes_12m'),
  units: z.string().min(1).default('units_12m'),
  clinic_hours: z.string().min(1).default('clinic_hours_12m'),
  distance: z.string().min(1).default('distance_km'),
  ecog: z.string().min(1).default('ecog'),
  age: z.string().min(1).default('age'),
  caregiver: z.string().min(1).default('caregiver_available'),
  lives_alone: z.string().min(1).default('lives_alone'),
  phone: z.string().min(1).default('phone_access'),
  reactions: z.string().min(1).default('reactions_12m'),
  heart_failure: z.string().min(1).default('heart_failure'),
  haemolytic: z.string().min(1).default('haemolytic_reaction_history'),
  alloantibodies: z.string().min(1).default('alloantibodies'),
  /** Days already waiting, when the extract has it; null → everyone starts at 0. */
  days_waiting: z.string().min(1).nullable().default(null),
});

const termName = z.string().refine(isTerm, { message: `unknown term (${termList})` });

/** Pairwise comparisons on Saaty's 1–9 scale: `[a, b, 3]` = a is 3 times as important as b. */
const ahpSection = z
  .strictObject({
    criteria: z.array(termName).min(2),
    comparisons: z.array(z.tuple([termName, termName, z.number().min(1 / 9).max(9)])),
    /** Criteria whose derived weight is applied as a penalty (negative). */
    penalties: z.array(termName).default(['safety_risk']),
  })
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    a.comparisons.forEach(([x, y], i) => {
      if (!a.criteria.includes(x) || !a.criteria.includes(y)) ctx.addIssue({ code: 'custom', path: ['comparisons', i], message: 'compares a term not listed in ahp.criteria' });
      if (x === y) ctx.addIssue({ code: 'custom', path: ['comparisons', i], message: `compares ${x} with itself` });
      const key = [x, y].sort().join('|');
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['comparisons', i], message: `pair ${x}/${y} compared twice` });
      seen.add(key);
    });
    const need = (a.criteria.length * (a.criteria.length - 1)) / 2;
    if (seen.size < need) ctx.addIssue({ code: 'custom', path: ['comparisons'], message: `${need} pairs needed for ${a.criteria.length} criteria, ${seen.size} given` });
  });

const robustnessSection = z.strictObject({
  /** Monte Carlo draws of perturbed weights (0 = skip the check). */
  draws: z.int().min(0).max(100_000).default(200),
  /** Each weight is multiplied by U(1 − p, 1 + p). */
  perturbation: z.number().min(0).max(0.99).default(0.2),
  /** Size of the capacity line; null → estimated from `program` (yearly home visits and units). */
  top_n: z.int().min(1).max(5_000_000).nullable().default(null),
  /** A patient is unstable when its top-N membership differs from the base in more than this share of draws. */
  unstable_share: z.number().min(0).max(0.5).default(0.1),
});

export const prioritySection = z
  .strictObject({
    /** Weight per term; absent → defaults (or the AHP weights). Only the listed terms enter the score. */
    weights: z.record(z.string(), z.number().min(-1_000).max(1_000)).optional(),
    /** Terms that may carry a negative weight (a penalty). */
    negative_weights_allowed: z.array(termName).default(['safety_risk']),
    /** `anchors`: fixed clinical anchors; `percentiles`: a patient's percentile rank in the cohort. */
    normalisation: z.enum(['anchors', 'percentiles']).default('anchors'),
    anchors: anchorsSection.prefault({}),
    exclusions: exclusionsSection.prefault({}),
    /** Segment names that are the home program's target (segments.csv `segment` or rules.json `segment`). */
    target_segments: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
    columns: columnsSection.prefault({}),
    ahp: ahpSection.optional(),
    robustness: robustnessSection.prefault({}),
  })
  .superRefine((p, ctx) => {
    if (p.weights !== undefined && p.ahp !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['ahp'], message: 'give either weights or ahp, not both' });
    }
    const weights = p.weights ?? {};
    let nonZero = 0;
    for (const [name, w] of Object.entries(weights)) {
      if (!isTerm(name)) {
        ctx.addIssue({ code: 'custom', path: ['weights', name], message: `unknown term "${name}" (${termList})` });
        continue;
      }
      if (w < 0 && !p.negative_weights_allowed.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['weights', name], message: `negative weight ${w} for term "${name}" is not allowed (priority.negative_weights_allowed: ${p.negative_weights_allowed.join(', ') || 'none'})` });
      }
      if (w !== 0) nonZero++;
    }
    if (p.weights !== undefined && nonZero === 0) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'all term weights are zero: the score would be undefined' });
    }
  });

/** The validated `priority` section. */
export type PrioritySettings = z.infer<typeof prioritySection>;
