import { z } from 'zod';
import { DEFAULT_FLOOR_G_DL, DEFAULT_TRIGGER_G_DL } from '../../service/clinical.js';
import { DEFAULT_CROSSMATCH_LEAD_WORKING_DAYS, DEFAULT_CROSSMATCH_VALID_DAYS } from '../../service/timing.js';

const hb = z.number().positive().max(20);

/** Trigger and floor for one diagnosis (either may be left to the section's default). */
const thresholds = z.strictObject({ trigger_g_dl: hb.optional(), floor_g_dl: hb.optional() });

/**
 * The `clinical` section: one transfusion trigger and one safety floor per patient, read by priority,
 * optimize and the simulator through the service model (src/service/thresholds.ts). Per diagnosis, with a
 * default; a patient column (by default the patient's usual pre-transfusion Hb) overrides the trigger.
 * Figures cite ../shared/DOMAIN.md (Haemoglobin dynamics).
 */
export const clinicalSection = z
  .strictObject({
    /** Trigger when neither the patient nor the diagnosis gives one: REDDS restrictive, transfuse < 8.0 g/dL. */
    trigger_g_dl: hb.default(DEFAULT_TRIGGER_G_DL),
    /** Safety floor: AABB 2023 restrictive threshold 7 g/dL. */
    floor_g_dl: hb.default(DEFAULT_FLOOR_G_DL),
    /**
     * Per diagnosis (cohort `diagnosis` values). Thalassaemia: pre-transfusion Hb 9–10.5 (DOMAIN.md) →
     * trigger 9.5, floor 9. Others take the defaults.
     */
    by_diagnosis: z.record(z.string(), thresholds).default({ thalassaemia: { trigger_g_dl: 9.5, floor_g_dl: 9 } }),
    /** Patient column whose value overrides the trigger (null: none); default the usual pre-transfusion Hb. */
    trigger_column: z.string().min(1).nullable().default('hb_pre_mean_g_dl'),
    /** Patient column whose value overrides the floor (null: none). */
    floor_column: z.string().min(1).nullable().default(null),
    /**
     * A patient whose trigger is at or below their floor gets floor = trigger − this gap (assumption: the
     * 0.5 g/dL margin of ../shared/MODELING.md), counted and reported.
     */
    floor_gap_g_dl: z.number().positive().max(5).default(0.5),
    /**
     * Hb rise per unit in a 70 kg adult, g/dL: ≈ 1 g/dL per unit in an average adult (DOMAIN.md, Hb dynamics);
     * scaled by 70 kg / weight within [0.7, 1.4] (src/service/clinical.ts).
     */
    increment_per_unit_g_dl: z.number().positive().max(3).default(1.0),
    /**
     * Working days from the crossmatch sample to the earliest transfusion, home and clinic alike: "elective
     * crossmatch needs one clear working day" (DOMAIN.md, Time; read as: the sample reaches the laboratory a
     * working day ahead, docs/model.md). The sample is the lab that finds the patient due.
     */
    crossmatch_lead_working_days: z.int().min(0).max(5).default(DEFAULT_CROSSMATCH_LEAD_WORKING_DAYS),
    /** Days after the sample day a crossmatch sample stays valid: 72 h if transfused in the last 3 months (DOMAIN.md, Time). */
    crossmatch_valid_days: z.int().min(1).max(14).default(DEFAULT_CROSSMATCH_VALID_DAYS),
  })
  .superRefine((s, ctx) => {
    if (s.floor_g_dl >= s.trigger_g_dl) {
      ctx.addIssue({ code: 'custom', path: ['floor_g_dl'], message: `the floor (${s.floor_g_dl} g/dL) must be below the trigger (${s.trigger_g_dl} g/dL)` });
    }
    for (const [dx, t] of Object.entries(s.by_diagnosis)) {
      const trigger = t.trigger_g_dl ?? s.trigger_g_dl, floor = t.floor_g_dl ?? s.floor_g_dl;
      if (floor >= trigger) {
        ctx.addIssue({ code: 'custom', path: ['by_diagnosis', dx, 'floor_g_dl'], message: `the floor (${floor} g/dL) must be below the trigger (${trigger} g/dL)` });
      }
    }
  });

/** The validated `clinical` section. */
export type ClinicalSettings = z.infer<typeof clinicalSection>;
