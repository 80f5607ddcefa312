/**
 * The score's terms: each turns table columns into one raw value per patient in a stated unit, then into a
 * normalised value x ∈ [0, 1] (1 = most priority on this term, or most risk for safety_risk).
 * Missing inputs give NaN raw values; `normaliseTerm` imputes the cohort median and counts them.
 */
import { DEFAULT_TRIGGER_G_DL } from '../service/index.js';
import type { InputIssue } from '../errors.js';
import type { PatientTable } from '../data/table.js';
import { findColumn } from '../data/table.js';
import type { PrioritySettings, PriorityTerm } from './model.js';

export interface TermInfo {
  readonly unit: string;
  /** `lower`: a smaller raw value means more priority (days to the Hb trigger). */
  readonly direction: 'higher' | 'lower';
  readonly description: string;
}

export const TERM_INFO: Readonly<Record<PriorityTerm, TermInfo>> = {
  clinical_urgency: { unit: 'days', direction: 'lower', description: 'days until Hb falls to the trigger: (Hb − trigger) / decline per week × 7; 0 when already below' },
  transfusion_burden: { unit: 'chair-hours/year', direction: 'higher', description: 'clinic chair-hours in the last 12 months (episodes × overhead + units × hours per unit)' },
  travel_burden: { unit: 'km/year', direction: 'higher', description: 'round-trip km avoided a year: 2 × distance × episodes' },
  frailty: { unit: 'grade', direction: 'higher', description: 'ECOG grade + 1 at or above the frailty age' },
  home_suitability: { unit: 'points', direction: 'higher', description: 'caregiver available (1) + target segment or rule match (1, when supplied)' },
  safety_risk: { unit: 'points', direction: 'higher', description: 'reactions in 12 months + 1 for heart failure (a penalty)' },
  waiting_time: { unit: 'days', direction: 'higher', description: 'days on the waiting list (dynamic: grows each day in the simulator)' },
};

/** Columns (by settings key) each term reads. */
export const TERM_COLUMNS: Readonly<Record<PriorityTerm, readonly (keyof PrioritySettings['columns'])[]>> = {
  clinical_urgency: ['hb', 'hb_decline'],
  transfusion_burden: ['clinic_hours'],
  travel_burden: ['distance', 'episodes'],
  frailty: ['ecog', 'age'],
  home_suitability: ['caregiver'],
  safety_risk: ['reactions', 'heart_failure'],
  waiting_time: ['days_waiting'],
};

/** A numeric or binary column's values, or an issue naming who needs it. */
export function columnValues(table: PatientTable, name: string, neededBy: string, settingKey: string, issues: InputIssue[], file?: string): Float64Array | undefined {
  const c = findColumn(table, name);
  const base = { file: file ?? table.file, column: name, path: neededBy };
  if (!c) {
    issues.push({ code: 'missing_column', ...base, message: `${describe(neededBy)} needs column "${name}", which the data lacks (rename it with priority.columns.${settingKey})` });
    return undefined;
  }
  if (c.kind === 'categorical') {
    issues.push({ code: 'wrong_column_type', ...base, message: `${describe(neededBy)} needs column "${name}" to be numeric or 0/1, it is categorical` });
    return undefined;
  }
  return c.values;
}

function describe(path: string): string {
  const term = /^priority\.weights\.(.+)$/.exec(path);
  if (term) return `term "${term[1]}"`;
  const exclusion = /^priority\.exclusions\.(.+)$/.exec(path);
  if (exclusion) return `exclusion "${exclusion[1]}"`;
  return path;
}

export interface RawInputs {
  readonly table: PatientTable;
  readonly settings: PrioritySettings;
  /** 1 = target-segment member or rule match. */
  readonly targetMember?: Uint8Array;
  readonly file?: string;
  /** Each patient's transfusion trigger (service model); absent → the clinical default for everyone. */
  readonly triggerGdl?: ArrayLike<number>;
}

/**
 * Raw values of one term per patient (NaN = missing input), or undefined with issues pushed when a column is
 * missing. O(n).
 */
export function rawTermValues(term: PriorityTerm, inp: RawInputs, issues: InputIssue[]): Float64Array | undefined {
  const { table, settings } = inp;
  const n = table.ids.length;
  const cols = settings.columns;
  const path = `priority.weights.${term}`;
  const col = (key: keyof PrioritySettings['columns']): Float64Array | undefined => {
    const name = cols[key];
    return name === null ? undefined : columnValues(table, name, path, key, issues, inp.file);
  };
  const out = new Float64Array(n);
  switch (term) {
    case 'clinical_urgency': {
      const hb = col('hb');
      const decline = col('hb_decline');
      if (!hb || !decline) return undefined;
      const trigger = inp.triggerGdl;
      for (let i = 0; i < n; i++) out[i] = daysToTrigger(hb[i]!, decline[i]!, trigger ? trigger[i]! : DEFAULT_TRIGGER_G_DL);
      return out;
    }
    case 'transfusion_burden': {
      const h = col('clinic_hours');
      if (!h) return undefined;
      out.set(h);
      return out;
    }
    case 'travel_burden': {
      const d = col('distance');
      const e = col('episodes');
      if (!d || !e) return undefined;
      for (let i = 0; i < n; i++) out[i] = 2 * d[i]! * e[i]!;
      return out;
    }
    case 'frailty': {
      const ecog = col('ecog');
      const age = col('age');
      if (!ecog || !age) return undefined;
      const ageGrade = settings.anchors.frailty_age_years;
      for (let i = 0; i < n; i++) out[i] = ecog[i]! + (age[i]! >= ageGrade ? 1 : Number.isNaN(age[i]!) ? Number.NaN : 0);
      return out;
    }
    case 'home_suitability': {
      const care = col('caregiver');
      if (!care) return undefined;
      const t = inp.targetMember;
      for (let i = 0; i < n; i++) out[i] = (care[i]! > 0 ? 1 : care[i]! === 0 ? 0 : Number.NaN) + (t ? t[i]! : 0);
      return out;
    }
    case 'safety_risk': {
      const r = col('reactions');
      const hf = col('heart_failure');
      if (!r || !hf) return undefined;
      for (let i = 0; i < n; i++) out[i] = r[i]! + hf[i]!;
      return out;
    }
    case 'waiting_time': {
      if (cols.days_waiting === null) return out;
      const w = col('days_waiting');
      if (!w) return undefined;
      out.set(w);
      return out;
    }
  }
}

/**
 * Days until Hb reaches the trigger at a constant decline (g/dL/week): 0 at or below the trigger, +∞ when Hb
 * does not decline, NaN when an input is missing. O(1).
 * @example
 * daysToTrigger(8.5, 0.5, 7.5); // 14
 */
export function daysToTrigger(hbGdl: number, declineGdlPerWeek: number, triggerGdl: number): number {
  if (Number.isNaN(hbGdl) || Number.isNaN(declineGdlPerWeek)) return Number.NaN;
  if (hbGdl <= triggerGdl) return 0;
  if (declineGdlPerWeek <= 0) return Number.POSITIVE_INFINITY;
  return ((hbGdl - triggerGdl) / declineGdlPerWeek) * 7;
}

/** Anchor (raw value of full points) for a term under anchor normalisation. */
export function termAnchor(term: PriorityTerm, settings: PrioritySettings, hasTarget: boolean): number {
  const a = settings.anchors;
  switch (term) {
    case 'clinical_urgency': return a.urgency_horizon_days;
    case 'transfusion_burden': return a.burden_hours_per_year;
    case 'travel_burden': return a.travel_km_per_year;
    case 'frailty': return a.frailty_grade;
    case 'home_suitability': return hasTarget ? 2 : 1;
    case 'safety_risk': return a.safety_points;
    case 'waiting_time': return a.waiting_days;
  }
}

/**
 * Anchored normalisation: raw / anchor clamped to [0, 1]; for `lower` terms 1 − that. Monotone in raw. O(1).
 * @example
 * anchoredValue(1300, 2600, 'higher'); // 0.5
 */
export function anchoredValue(raw: number, anchor: number, direction: TermInfo['direction']): number {
  const r = Math.min(1, Math.max(0, raw / anchor));
  return direction === 'lower' ? 1 - r : r;
}
