/**
 * Special transfusion regimens: which patients get a red cell exchange (an apheresis procedure at the clinic,
 * never at home) and which simple top-ups are capped, with the Hb that each leaves. One definition every stage
 * uses (../shared/DOMAIN.md, Haemoglobin dynamics, lines 24–27: sickle cell disease — chronic programs keep
 * HbS < 30%; ASH 2020 prefers automated red cell exchange, a clinic procedure, for chronically transfused
 * patients; after a simple transfusion Hb must not exceed about 10–11 g/dL, hyperviscosity):
 *
 *   regimen     = patient column (regimen.column: `exchange` or `top_up`) if given, else
 *                 regimen.by_diagnosis[diagnosis].procedure, else `top_up`;
 *   top-up cap  = regimen.by_diagnosis[diagnosis].top_up_cap_g_dl (none when null): a top-up gives the most
 *                 units, up to the usual number, whose expected rise keeps Hb ≤ the cap (fewer units, or none);
 *   exchange    = Hb after = min(cap, max(exchange_post_hb_g_dl, trigger + EXCHANGE_MIN_RISE_G_DL)),
 *                 HbS after = exchange_post_hbs_share; apheresis chair time exchange_chair_hours.
 *
 * Cost: O(1) per call; {@link patientRegimens} O(n).
 */
import type { RegimenSettings } from '../scenario/sections/regimen.js';

/** Slack when comparing an Hb rise with a cap: a sum of a few doubles errs by ulps. */
const HB_TOLERANCE = 1e-9;
/** Least rise an exchange is modelled to give over the trigger, g/dL (keeps the next cycle's length finite). */
export const EXCHANGE_MIN_RISE_G_DL = 0.5;

/** Units of a simple top-up that keep the expected post-transfusion Hb ≤ `capGdl` (Infinity: no cap). */
export function cappedTopUpUnits(hbBeforeGdl: number, incrementPerUnitGdl: number, units: number, capGdl: number): number {
  if (!Number.isFinite(capGdl)) return units;
  if (!(incrementPerUnitGdl > 0)) throw new Error(`cappedTopUpUnits: increment per unit must be > 0, got ${incrementPerUnitGdl}`);
  const room = Math.floor((capGdl - hbBeforeGdl) / incrementPerUnitGdl + HB_TOLERANCE);
  return Math.max(0, Math.min(units, room));
}

/** Hb right after an exchange for a patient with this trigger and top-up cap (Infinity: none). */
export function exchangePostHbGdl(settings: RegimenSettings, triggerGdl: number, capGdl: number): number {
  return Math.min(capGdl, Math.max(settings.exchange_post_hb_g_dl, triggerGdl + EXCHANGE_MIN_RISE_G_DL));
}

/** Apheresis chair-hours a working day: apheresis_chairs × apheresis_hours_per_day (0 when closed). */
export function apheresisHoursOnDay(settings: RegimenSettings, working: boolean): number {
  return working ? settings.apheresis_chairs * settings.apheresis_hours_per_day : 0;
}

/** Each patient's regimen. */
export interface PatientRegimens {
  /** 1 = red cell exchange at the clinic (apheresis), never at home. */
  readonly exchange: Uint8Array;
  /** Top-up cap, g/dL (Infinity: none). */
  readonly topUpCapGdl: Float64Array;
  /** Patients with a regimen other than an uncapped top-up. */
  readonly special: number;
}

/** Per-patient inputs: diagnosis (undefined = unknown) and the override column's value (undefined = none). */
export interface RegimenInputs {
  readonly n: number;
  readonly diagnosis?: (i: number) => string | undefined;
  readonly procedure?: (i: number) => string | undefined;
}

/**
 * Each patient's regimen by the rule above.
 * @example patientRegimens(scenario.regimen, { n: 1, diagnosis: () => 'sickle_cell' }).exchange[0]; // 1
 */
export function patientRegimens(settings: RegimenSettings, inp: RegimenInputs): PatientRegimens {
  const exchange = new Uint8Array(inp.n), topUpCapGdl = new Float64Array(inp.n).fill(Infinity);
  let special = 0;
  for (let i = 0; i < inp.n; i++) {
    const dx = inp.diagnosis?.(i);
    const byDx = dx === undefined ? undefined : settings.by_diagnosis[dx];
    const own = inp.procedure?.(i);
    const procedure = own === 'exchange' || own === 'top_up' ? own : byDx?.procedure ?? 'top_up';
    exchange[i] = procedure === 'exchange' ? 1 : 0;
    topUpCapGdl[i] = byDx?.top_up_cap_g_dl ?? Infinity;
    if (exchange[i] || Number.isFinite(topUpCapGdl[i]!)) special++;
  }
  return { exchange, topUpCapGdl, special };
}
