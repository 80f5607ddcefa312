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
 * When exchanges happen (`exchange_schedule`): chronic exchange programs run on a fixed interval, aiming to keep
 * HbS below a target (DOMAIN.md: exchange every 3–6 weeks; HbS < 30%).
 *
 *   trigger     = like a top-up: when a lab finds the Hb will reach the trigger (the model before schedules);
 *   interval    = every exchange_interval_days after the last exchange;
 *   hbs         = when the HbS share, rising after an exchange from h0 = exchange_post_hbs_share back toward the
 *                 patient's untransfused share b = exchange_hbs_baseline_share with time constant
 *                 τ = exchange_hbs_time_constant_days,
 *                     HbS(t) = b − (b − h0) · e^(−t/τ),
 *                 would pass exchange_hbs_target_share: t* = τ · ln((b − h0) / (b − target)), booked on day ⌊t*⌋;
 *
 * a scheduled day that is not a working day is brought forward to the working day before it (never late), and
 * the Hb trigger stays the safety net between exchanges (a patient whose Hb falls first is exchanged early).
 *
 * Cost: O(1) per call; {@link patientRegimens} O(n).
 */
import type { ProgramSettings } from '../scenario/sections/program.js';
import type { RegimenSettings } from '../scenario/sections/regimen.js';
import { workingDayOnOrBefore } from './timing.js';

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

/**
 * HbS share `days` after an exchange (the closed form above).
 * @example hbsShareAfter(regimen, 0); // 0.2; → 0.9 as days → ∞
 */
export function hbsShareAfter(settings: RegimenSettings, days: number): number {
  const b = settings.exchange_hbs_baseline_share, h0 = settings.exchange_post_hbs_share;
  return b - (b - h0) * Math.exp(-days / settings.exchange_hbs_time_constant_days);
}

/**
 * Days from an exchange until HbS reaches the target, t* = τ · ln((b − h0) / (b − target)) (Infinity when the
 * target is at or above the baseline).
 * @example daysToHbsTarget(regimen); // 182 · ln(0.7 / 0.6) ≈ 28.06
 */
export function daysToHbsTarget(settings: RegimenSettings): number {
  const b = settings.exchange_hbs_baseline_share, h0 = settings.exchange_post_hbs_share;
  const target = settings.exchange_hbs_target_share;
  if (target >= b) return Infinity;
  return settings.exchange_hbs_time_constant_days * Math.log((b - h0) / (b - target));
}

/**
 * Whole days between scheduled exchanges: `exchange_interval_days`, or the last whole day with HbS at or below the
 * target (⌊t*⌋, at least 1); null when exchanges follow the Hb trigger.
 * @example exchangeCycleDays({ ...regimen, exchange_schedule: 'hbs' }); // 28
 */
export function exchangeCycleDays(settings: RegimenSettings): number | null {
  if (settings.exchange_schedule === 'trigger') return null;
  if (settings.exchange_schedule === 'interval') return settings.exchange_interval_days;
  return Math.max(1, Math.floor(daysToHbsTarget(settings)));
}

/**
 * Day of the next scheduled exchange `cycleDays` after day `fromDay` (an exchange, or a start phase): brought
 * forward to a working day.
 * @example scheduledExchangeDay(program, 0, 27); // 25: day 27 is a Sunday → Friday
 */
export function scheduledExchangeDay(program: ProgramSettings, fromDay: number, cycleDays: number): number {
  return workingDayOnOrBefore(program, fromDay + cycleDays);
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
