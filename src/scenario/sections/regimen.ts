import { z } from 'zod';

const hb = z.number().positive().max(20);

/** One diagnosis's regimen. */
const diagnosisRegimen = z.strictObject({
  /** `exchange`: red cell exchange at the clinic (apheresis), never at home; `top_up`: a simple transfusion. */
  procedure: z.enum(['top_up', 'exchange']).default('top_up'),
  /** Simple top-ups never push Hb above this, g/dL (null: no cap); also the ceiling of an exchange's Hb. */
  top_up_cap_g_dl: hb.nullable().default(null),
});

/**
 * The `regimen` section: special transfusion regimens per diagnosis, overridable per patient (service model,
 * src/service/regimen.ts). Figures cite ../shared/DOMAIN.md (Haemoglobin dynamics, sickle cell disease).
 */
export const regimenSection = z.strictObject({
  /**
   * Per diagnosis (cohort `diagnosis` values). Sickle cell: automated red cell exchange for chronically
   * transfused patients (ASH 2020), and after a simple transfusion Hb must not exceed about 10–11 g/dL.
   */
  by_diagnosis: z.record(z.string(), diagnosisRegimen).default({ sickle_cell: { procedure: 'exchange', top_up_cap_g_dl: 11 } }),
  /** Patient column (`exchange` / `top_up`) that overrides the diagnosis's procedure (null: none). */
  column: z.string().min(1).nullable().default('regimen'),
  /** Apheresis chair-hours of one exchange, set-up to disconnection (assumption: no DOMAIN.md figure). */
  exchange_chair_hours: z.number().positive().max(24).default(3),
  /** Hb right after an exchange, g/dL (assumption within DOMAIN.md's 10–11 g/dL ceiling). */
  exchange_post_hb_g_dl: hb.default(10),
  /** HbS share right after an exchange (assumption: below DOMAIN.md's HbS < 30%, so it stays below till the next). */
  exchange_post_hbs_share: z.number().min(0).max(1).default(0.2),
  /**
   * Apheresis machines (chairs) at the clinic (derived: the default cohort's ≈ 1,500 exchanges a year × 3 h / 260
   * working days ≈ 17 h a day; 2 × 9 h overflowed 16% of the hours in simulation, so 3).
   */
  apheresis_chairs: z.int().min(0).max(1000).default(3),
  /** Apheresis hours per working day. */
  apheresis_hours_per_day: z.number().positive().max(24).default(9),
  /**
   * When exchanges happen (src/service/regimen.ts): `interval` — every `exchange_interval_days`; `hbs` — when the
   * HbS curve reaches `exchange_hbs_target_share`; `trigger` — like a top-up, when the Hb reaches the trigger.
   * Chronic exchange programs run on a fixed interval aiming at HbS < 30% (DOMAIN.md, Who receives and Hb
   * dynamics). The Hb trigger is the safety net under every schedule.
   */
  exchange_schedule: z.enum(['interval', 'hbs', 'trigger']).default('interval'),
  /** Days between scheduled exchanges: DOMAIN.md "exchange every 3–6 weeks" → 4 weeks (a monthly program). */
  exchange_interval_days: z.int().min(7).max(84).default(28),
  /** HbS share an `hbs` schedule keeps below: "chronic programs keep HbS < 30%" (DOMAIN.md, Hb dynamics). */
  exchange_hbs_target_share: z.number().gt(0).lt(1).default(0.3),
  /** HbS share the patient's own blood returns to without transfusion (assumption: ≈ 90% in HbSS, no DOMAIN figure). */
  exchange_hbs_baseline_share: z.number().gt(0).max(1).default(0.9),
  /**
   * Time constant of HbS's return to baseline, days (assumption, *derived*: from 20% after an exchange it reaches
   * 30% in 4 weeks, DOMAIN.md's interval: τ = 28 / ln(0.7 / 0.6) ≈ 181.6, rounded to 182).
   */
  exchange_hbs_time_constant_days: z.number().positive().max(3650).default(182),
}).superRefine((s, ctx) => {
  if (s.exchange_hbs_target_share <= s.exchange_post_hbs_share || s.exchange_hbs_target_share >= s.exchange_hbs_baseline_share) {
    ctx.addIssue({
      code: 'custom', path: ['exchange_hbs_target_share'],
      message: `the HbS target (${s.exchange_hbs_target_share}) must lie between exchange_post_hbs_share (${s.exchange_post_hbs_share}) and exchange_hbs_baseline_share (${s.exchange_hbs_baseline_share})`,
    });
  }
  for (const [dx, r] of Object.entries(s.by_diagnosis)) {
    if (r.top_up_cap_g_dl !== null && r.top_up_cap_g_dl < s.exchange_post_hb_g_dl && r.procedure === 'exchange') {
      ctx.addIssue({ code: 'custom', path: ['by_diagnosis', dx, 'top_up_cap_g_dl'], message: `the cap (${r.top_up_cap_g_dl} g/dL) is below exchange_post_hb_g_dl (${s.exchange_post_hb_g_dl} g/dL)` });
    }
  }
});

/** The validated `regimen` section. */
export type RegimenSettings = z.infer<typeof regimenSection>;
