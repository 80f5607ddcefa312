/**
 * Plain input and output records of the allocation model. Optimize depends on no other stage: the pipeline
 * (or the simulator) adapts its data to {@link OptimizePatient}.
 */
import type { CostsSettings } from '../scenario/sections/costs.js';
import type { OptimizeSettings } from '../scenario/sections/optimize.js';
import type { Scenario } from '../scenario/schema.js';

export type { CostsSettings, OptimizeSettings };
/** The `program` section (capacity), as validated. */
export type ProgramCapacity = Scenario['program'];

/** One patient as the model sees them. Hb values in g/dL; day 0 is the day of the data (before day 1). */
export interface OptimizePatient {
  /** Identifier written to plan.csv only (never logged). */
  readonly id: string;
  /** May be transfused at home (priority's eligibility). Ineligible patients are planned at the clinic. */
  readonly eligible: boolean;
  /** Priority weight ≥ 0 of one home transfusion of this patient. */
  readonly score: number;
  /** Hb on day 0. */
  readonly hbNowGDl: number;
  /** Hb lost per week without transfusion (≥ 0). */
  readonly hbDeclinePerWeek: number;
  /** Hb gained per unit transfused (> 0). */
  readonly hbIncrementPerUnit: number;
  /** Units per transfusion episode (integer ≥ 1). */
  readonly unitsPerEpisode: number;
  /** This patient's transfusion trigger. */
  readonly triggerGDl: number;
  /** This patient's safety floor (< trigger). */
  readonly floorGDl: number;
  /** One-way travel between the clinic and the patient's home, minutes. */
  readonly travelMinOneWay: number;
  /** One-way road distance between the clinic and the home, km. */
  readonly distanceKm: number;
  /** Hb lost per day of delay, g/dL, for the day-dependent objective (default hbDeclinePerWeek / 7). */
  readonly urgencyGdlPerDay?: number;
  /**
   * `exchange`: a red cell exchange patient (src/service/regimen.ts) — planned with the regimen settings, always at
   * the clinic on an apheresis chair (regimen.exchange_chair_hours), never at home or on a transfusion chair.
   * Absent: a simple transfusion.
   */
  readonly procedure?: 'exchange';
}

/** Where a transfusion happens. */
export type Setting = 'home' | 'clinic';

/** The window (days, inclusive) in which a patient's k-th transfusion of the horizon must happen. */
export interface Episode {
  readonly patient: number;
  /** 1-based episode number within the horizon. */
  readonly k: number;
  /** Earliest clinically allowed day (Hb has reached trigger + margin), clamped to ≥ 1. */
  readonly earliest: number;
  /** Latest day before Hb falls below the floor (may exceed the horizon). */
  readonly latest: number;
  /** Must happen within the horizon (latest ≤ horizon, or overdue). */
  readonly mandatory: boolean;
  /** Hb was already below the floor on day 1: window is [1, grace] and every day counts as late. */
  readonly overdue: boolean;
}

/** One planned transfusion. */
export interface Assignment {
  readonly day: number;
  readonly patient: number;
  readonly patientId: string;
  readonly episode: number;
  readonly setting: Setting;
  readonly units: number;
  /** The nurse (0-based, among those on duty that day) who makes a home visit; −1 at the clinic. */
  readonly nurse: number;
  /** Nurse hours of a home visit (0 at the clinic). */
  readonly nurseHours: number;
  /** Transfusion-chair hours of a clinic visit (0 at home and for an exchange on an apheresis chair). */
  readonly chairHours: number;
  /** Apheresis chair hours of a red cell exchange (regimen.exchange_chair_hours); absent for any other visit. */
  readonly apheresisHours?: number;
  /**
   * A home visit on a chained trip (bank → stop 1 → stop 2 → bank, src/service/chain.ts): the other patient of
   * the trip and this visit's stop. `nurseHours` splits the trip: stop 2 carries its nursing and the drive back
   * to the bank, stop 1 the rest (pick-up, drive out, its nursing, the leg). Absent for a round trip.
   */
  readonly chain?: { readonly partner: number; readonly stop: 1 | 2 };
}

/** Capacity and its use on one day of the horizon. */
export interface DayCapacityUse {
  readonly day: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly working: boolean;
  readonly homeVisits: number;
  readonly homeVisitsCap: number;
  readonly nurseHours: number;
  readonly nurseHoursCap: number;
  readonly homeUnits: number;
  readonly homeUnitsCap: number;
  readonly clinicVisits: number;
  readonly chairHours: number;
  readonly chairHoursCap: number;
  /** Chair hours above capacity (soft constraint, penalised). */
  readonly overflowHours: number;
  /** Planned with the regimen settings: red cell exchanges, their apheresis hours, capacity and overflow (penalised). */
  readonly exchanges?: number;
  readonly apheresisHours?: number;
  readonly apheresisHoursCap?: number;
  readonly apheresisOverflowHours?: number;
}

/**
 * `work_limit`: the deterministic node or simplex-iteration limit stopped the solver with a feasible plan above
 * the gap (the same on every machine); `time_limit`: the wall clock stopped it — the plan depends on machine load.
 */
export type PlanStatus = 'optimal' | 'work_limit' | 'time_limit' | 'infeasible' | 'unbounded' | 'error';
export type SolverName = 'jsl' | 'highs';

/** A constraint family and the patients or days that make the model infeasible. */
export interface Diagnosis {
  readonly family: 'clinical_timing' | 'capacity' | 'solver';
  /** Patient indices involved (ids are looked up by the caller; never logged). */
  readonly patients: readonly number[];
  readonly days: readonly number[];
  readonly message: string;
}

/** The solved allocation, its quality and the capacity it uses. */
export interface Plan {
  readonly status: PlanStatus;
  /** `max` or `min`, as the exported LP states the objective. */
  readonly sense: 'max' | 'min';
  /** Objective of the returned plan (null when there is none). */
  readonly objective: number | null;
  /** Best proven bound on the optimum (null when unknown). */
  readonly bound: number | null;
  /** |bound − objective| / max(|objective|, 1e-9); null when either is unknown. */
  readonly gap: number | null;
  readonly solver: SolverName;
  /** How the solution was found: `lp` (LP optimum was integral), `lp-fix`, `lp-fix+mip`, `mip`, or the solver name. */
  readonly method: string;
  readonly seconds: number;
  readonly rows: number;
  readonly cols: number;
  readonly nonzeros: number;
  readonly startDay: number;
  readonly horizonDays: number;
  readonly assignments: readonly Assignment[];
  readonly capacityUse: readonly DayCapacityUse[];
  /** Total cost of the plan in the costs section's terms, whatever the objective. */
  readonly cost: number | null;
  readonly diagnosis: readonly Diagnosis[];
  readonly warnings: readonly string[];
  /** The wall clock stopped a solver on the way to this plan: it can differ on a busier or slower machine. */
  readonly loadDependent: boolean;
}
