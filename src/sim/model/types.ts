/**
 * Plain inputs of the transfusion model. The pipeline adapts the cohort table and the priority / rules results
 * into a {@link SimCohort} (struct of typed arrays: cheap to copy to worker threads), and the scenario into
 * {@link ServiceSettings}.
 */
import type { BloodSettings } from '../../scenario/sections/blood.js';
import type { CostsSettings } from '../../scenario/sections/costs.js';
import type { OptimizeSettings } from '../../scenario/sections/optimize.js';
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { RegimenSettings } from '../../scenario/sections/regimen.js';
import type { SimulationSettings } from '../../scenario/sections/simulation.js';
import type { ClinicalTiming } from '../../service/timing.js';
import type { ArrivalPlan } from './arrivals.js';
import type { LegSource } from '../../service/legs.js';

/** One entry per patient, index-aligned. */
export interface SimCohort {
  readonly n: number;
  /** The patient's transfusion trigger, g/dL (service model: clinical section, src/service/thresholds.ts). */
  readonly triggerGdl: Float64Array;
  /** The patient's safety floor (< trigger), g/dL (same source). */
  readonly floorGdl: Float64Array;
  /** Mean Hb decline, g/dL per day. */
  readonly declinePerDay: Float64Array;
  /** Units per transfusion episode (≥ 1). */
  readonly unitsPerEpisode: Int32Array;
  /** Hb rise per unit for this patient, g/dL. */
  readonly incrementPerUnit: Float64Array;
  /** Patient travel to the clinic, minutes one way. */
  readonly travelMinOneWay: Float64Array;
  readonly distanceKm: Float64Array;
  /** 1 = may be transfused at home (priority eligibility). */
  readonly eligible: Uint8Array;
  /** Priority score without the waiting-time term; higher is served first. */
  readonly score: Float64Array;
  /** 1 = in the target group (segment / rule match). */
  readonly target: Uint8Array;
  /** Segment index into `segmentNames` (−1 unknown). */
  readonly segment: Int32Array;
  readonly segmentNames: readonly string[];
  /** Diagnosis index into `diagnosisNames` (−1 unknown). */
  readonly diagnosis: Int32Array;
  readonly diagnosisNames: readonly string[];
  /**
   * The priority score's waiting-time term: maxPoints · min(1, days / fullAtDays) (priority's
   * `scoreWithWaiting`); null → `simulation.wait_points_per_day` per day.
   */
  readonly waiting: { readonly maxPoints: number; readonly fullAtDays: number } | null;
  /**
   * The priority score's clinical-urgency term, recomputed from the simulated Hb (days until the projected
   * trigger day): maxPoints · (1 − min(1, days / fullAtDays)). When set, `score` excludes the term's points from
   * the historic data; null → the score's own (static) urgency.
   */
  readonly urgency: { readonly maxPoints: number; readonly fullAtDays: number } | null;
  /** ABO/Rh group per patient: index into src/service BLOOD_GROUPS (`abo_rh`); −1 unknown (drawn per replication). */
  readonly bloodGroup: Int8Array;
  /** 1 = red cell exchange at the clinic (apheresis), never at home (src/service/regimen.ts); absent: nobody. */
  readonly exchange?: Uint8Array;
  /** Simple top-up cap per patient, g/dL (Infinity: none; src/service/regimen.ts); absent: no caps. */
  readonly topUpCapGdl?: Float64Array;
  /** Open cohort: who arrives when (src/sim/model/arrivals.ts); absent: everyone is in from day 0. */
  readonly arrivals?: ArrivalPlan;
  /** Departures (deaths, discharges) per patient-day in the cohort; absent: nobody leaves. */
  readonly departurePerDay?: Float64Array;
  /**
   * Travel between patients' homes (the scenario's `routing`: coordinates or a travel matrix): two visits may be
   * chained on one trip (src/service/chain.ts). Undefined → every home visit is a round trip.
   */
  readonly legs?: LegSource | undefined;
}

/** Capacity, costs and model rates: the scenario's `program` (as validated), `costs` and `simulation` sections. */
export interface ServiceSettings {
  /** The service model's input (src/service reads it); the same record the optimize stage reads. */
  readonly program: ProgramSettings;
  readonly costs: SimCosts;
  readonly sim: SimulationSettings;
  /**
   * The scenario's `costs` and `optimize` sections as validated: what lp_rolling's optimize planner hands to
   * the optimize stage's model with `program` (plain data, so it crosses to worker threads).
   */
  readonly lpModel: LpModelSections;
  /** Labs on working days, crossmatch lead and validity (the `clinical` section; src/service/timing.ts). */
  readonly timing: ClinicalTiming;
  /** The blood bank: typed stock, reservations, transport box (the scenario's `blood` section). */
  readonly blood: BloodSettings;
  /** Special regimens: exchange chair time, post-exchange Hb, apheresis capacity (absent: no exchanges). */
  readonly regimen?: RegimenSettings;
  /** N of the measure `served_within_<N>d` (the scenario's `decide.within_days`). */
  readonly withinDays: number;
}

/** Inputs of the optimize stage's allocation model besides `program`, as the scenario holds them. */
export interface LpModelSections {
  readonly costs: CostsSettings;
  readonly optimize: OptimizeSettings;
}

/** Costs used for cost per transfusion (the scenario's `costs` section). */
export interface SimCosts {
  readonly unitCost: number;
  readonly chairHourCost: number;
  /** Per chair-hour beyond clinic capacity (extra session). */
  readonly overflowPenaltyPerChairHour: number;
  readonly nurseHourCost: number;
  /** Per nurse hour past the shift (paid instead of nurseHourCost for those hours). */
  readonly overtimeHourCost: number;
  readonly nurseCostPerKm: number;
  readonly patientCostPerKm: number;
  readonly patientCostPerHour: number;
  /** Per hospital transfer after a severe reaction (home or clinic). */
  readonly hospitalTransferCost: number;
}

/** Where one transfusion happened. */
export const HOME = 1;
export const CLINIC = 2;
