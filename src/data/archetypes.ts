/**
 * The latent patient archetypes behind the synthetic cohort. Each number cites ../shared/DOMAIN.md where a
 * published figure exists; the rest are *derived* (arithmetic on sourced regimens) or plausible assumptions,
 * marked as such. Archetypes overlap on purpose: no single column separates them.
 */

/** A discrete distribution: values with weights. */
export type Discrete<T> = readonly (readonly [T, number])[];

export interface Archetype {
  readonly name: string;
  readonly label: string;
  /** Share of the cohort. */
  readonly share: number;
  readonly ageMean: number;
  readonly ageSd: number;
  readonly ageMin: number;
  readonly ageMax: number;
  readonly maleShare: number;
  readonly diagnosis: Discrete<string>;
  /** Mean pre-transfusion Hb, g/dL. */
  readonly hbPreMean: number;
  readonly hbPreSd: number;
  readonly unitsPerEpisode: Discrete<number>;
  /** Mean days between episodes and the log-scale spread across patients. */
  readonly intervalDaysMedian: number;
  readonly intervalSdLog: number;
  readonly distanceKmMedian: number;
  readonly distanceSdLog: number;
  readonly ecog: Discrete<number>;
  readonly charlsonMean: number;
  readonly livesAlone: number;
  /** Caregiver availability when not living alone / when living alone. */
  readonly caregiverIfCohabiting: number;
  readonly caregiverIfAlone: number;
  readonly phoneAccess: number;
  readonly reactionRatePerUnit: number;
  readonly haemolyticHistory: number;
  readonly alloantibodies: number;
  readonly heartFailure: number;
  readonly edVisitsMean: number;
  readonly ferritinMedian: number;
  readonly weightKgMean: number;
}

// Reactions: US haemovigilance, all reactions 205.5 per 100,000 RBC units (DOMAIN.md, Reactions per RBC unit).
const REACTIONS_PER_UNIT = 205.5 / 100_000;

export const ARCHETYPES: readonly Archetype[] = [
  {
    name: 'mds_elderly_far',
    label: 'Elderly transfusion-dependent MDS, far from the clinic',
    share: 0.34,
    // MDS median age 72 (IQR 66–77); outpatient series 79% male (DOMAIN.md, Who receives).
    ageMean: 75, ageSd: 7, ageMin: 50, ageMax: 98, maleShare: 0.72,
    diagnosis: [['mds', 0.84], ['myelofibrosis', 0.1], ['aplastic_anaemia', 0.06]],
    // MDS outpatients commonly < 8 g/dL; REDDS restrictive trigger 8.0 (DOMAIN.md, Hb dynamics).
    hbPreMean: 7.7, hbPreSd: 0.4,
    // Usually 2 units per episode; transfusion dependence ≥ 2 units/month (DOMAIN.md).
    unitsPerEpisode: [[2, 0.8], [1, 0.1], [3, 0.1]],
    intervalDaysMedian: 26, intervalSdLog: 0.15,
    // Assumption: rural referral catchment, right-skewed.
    distanceKmMedian: 42, distanceSdLog: 0.45,
    ecog: [[1, 0.45], [2, 0.4], [0, 0.1], [3, 0.05]],
    charlsonMean: 4, livesAlone: 0.38, caregiverIfCohabiting: 0.85, caregiverIfAlone: 0.3, phoneAccess: 0.96,
    reactionRatePerUnit: REACTIONS_PER_UNIT, haemolyticHistory: 0.01, alloantibodies: 0.05, heartFailure: 0.12,
    edVisitsMean: 0.7, ferritinMedian: 1800, weightKgMean: 74,
  },
  {
    name: 'thalassaemia_young',
    label: 'Young thalassaemia patients on a 3-weekly cycle',
    share: 0.1,
    ageMean: 27, ageSd: 8, ageMin: 12, ageMax: 55, maleShare: 0.5,
    diagnosis: [['thalassaemia', 0.95], ['aplastic_anaemia', 0.05]],
    // Thalassaemia: pre-transfusion 9–10.5, every 3–4 weeks (range 2–5) (DOMAIN.md).
    hbPreMean: 9.6, hbPreSd: 0.4,
    unitsPerEpisode: [[2, 0.45], [3, 0.5], [4, 0.05]],
    intervalDaysMedian: 21, intervalSdLog: 0.12,
    distanceKmMedian: 14, distanceSdLog: 0.55,
    ecog: [[0, 0.85], [1, 0.15]],
    charlsonMean: 0.3, livesAlone: 0.15, caregiverIfCohabiting: 0.8, caregiverIfAlone: 0.3, phoneAccess: 0.99,
    reactionRatePerUnit: REACTIONS_PER_UNIT, haemolyticHistory: 0.01, alloantibodies: 0.15, heartFailure: 0.02,
    edVisitsMean: 0.3, ferritinMedian: 2500, weightKgMean: 62,
  },
  {
    name: 'chemo_intermittent',
    label: 'Chemotherapy anaemia with intermittent needs and other clinic visits',
    share: 0.2,
    // Chemotherapy anaemia 64 ± 12 years (DOMAIN.md, Ages); solid tumours 4.7 units/year (pubmed 10894876).
    ageMean: 64, ageSd: 11, ageMin: 25, ageMax: 92, maleShare: 0.5,
    diagnosis: [['solid_tumour', 0.62], ['haematological_malignancy', 0.38]],
    hbPreMean: 7.9, hbPreSd: 0.5,
    unitsPerEpisode: [[2, 0.6], [1, 0.4]],
    intervalDaysMedian: 80, intervalSdLog: 0.3,
    distanceKmMedian: 18, distanceSdLog: 0.6,
    ecog: [[1, 0.55], [0, 0.2], [2, 0.25]],
    charlsonMean: 5.5, livesAlone: 0.25, caregiverIfCohabiting: 0.85, caregiverIfAlone: 0.3, phoneAccess: 0.97,
    reactionRatePerUnit: REACTIONS_PER_UNIT, haemolyticHistory: 0.01, alloantibodies: 0.03, heartFailure: 0.08,
    edVisitsMean: 1.3, ferritinMedian: 500, weightKgMean: 72,
  },
  {
    name: 'palliative_frail',
    label: 'Frail palliative patients with a caregiver',
    share: 0.14,
    // Palliative/hospice transfusion patients: mean age 71, 96% cancer (pmc PMC6291900).
    ageMean: 78, ageSd: 8, ageMin: 45, ageMax: 100, maleShare: 0.55,
    diagnosis: [['solid_tumour', 0.6], ['haematological_malignancy', 0.3], ['mds', 0.1]],
    hbPreMean: 7.6, hbPreSd: 0.5,
    unitsPerEpisode: [[2, 0.55], [1, 0.45]],
    intervalDaysMedian: 24, intervalSdLog: 0.25,
    distanceKmMedian: 22, distanceSdLog: 0.55,
    ecog: [[3, 0.55], [4, 0.25], [2, 0.2]],
    charlsonMean: 8, livesAlone: 0.1, caregiverIfCohabiting: 0.95, caregiverIfAlone: 0.6, phoneAccess: 0.93,
    reactionRatePerUnit: REACTIONS_PER_UNIT, haemolyticHistory: 0.01, alloantibodies: 0.04, heartFailure: 0.2,
    edVisitsMean: 2.2, ferritinMedian: 900, weightKgMean: 63,
  },
  {
    name: 'complex_high_risk',
    label: 'Complex patients with alloantibodies, reaction history or heart failure',
    share: 0.12,
    ageMean: 70, ageSd: 10, ageMin: 30, ageMax: 95, maleShare: 0.55,
    diagnosis: [['mds', 0.3], ['ckd_chronic_disease', 0.25], ['gi_bleeding', 0.25], ['myelofibrosis', 0.2]],
    hbPreMean: 7.5, hbPreSd: 0.5,
    unitsPerEpisode: [[2, 0.7], [1, 0.2], [3, 0.1]],
    intervalDaysMedian: 30, intervalSdLog: 0.3,
    distanceKmMedian: 20, distanceSdLog: 0.6,
    ecog: [[1, 0.3], [2, 0.5], [3, 0.2]],
    // Assumption: reaction rate ten times the haemovigilance average for a selected high-risk group.
    charlsonMean: 6, livesAlone: 0.3, caregiverIfCohabiting: 0.8, caregiverIfAlone: 0.3, phoneAccess: 0.95,
    reactionRatePerUnit: REACTIONS_PER_UNIT * 30, haemolyticHistory: 0.35, alloantibodies: 0.7, heartFailure: 0.55,
    edVisitsMean: 2.5, ferritinMedian: 1000, weightKgMean: 76,
  },
  {
    name: 'sickle_cell_exchange',
    label: 'Sickle cell disease on exchange programs',
    share: 0.1,
    // Sickle cell disease: exchange every 3–6 weeks (DOMAIN.md, Who receives).
    ageMean: 29, ageSd: 9, ageMin: 12, ageMax: 65, maleShare: 0.48,
    diagnosis: [['sickle_cell', 0.95], ['thalassaemia', 0.05]],
    hbPreMean: 8.8, hbPreSd: 0.5,
    // Assumption: an exchange uses 4–6 units.
    unitsPerEpisode: [[4, 0.35], [5, 0.35], [6, 0.3]],
    intervalDaysMedian: 32, intervalSdLog: 0.2,
    distanceKmMedian: 12, distanceSdLog: 0.6,
    ecog: [[0, 0.6], [1, 0.4]],
    charlsonMean: 1, livesAlone: 0.22, caregiverIfCohabiting: 0.75, caregiverIfAlone: 0.3, phoneAccess: 0.98,
    reactionRatePerUnit: REACTIONS_PER_UNIT * 3, haemolyticHistory: 0.06, alloantibodies: 0.3, heartFailure: 0.02,
    edVisitsMean: 3.5, ferritinMedian: 1300, weightKgMean: 66,
  },
];

/** Hb increment per unit in an average (70 kg) adult: ≈ 1 g/dL (DOMAIN.md, Hb dynamics). */
export const HB_INCREMENT_PER_UNIT_70KG = 1.0;
/** Minutes per km of road travel including urban start and end (assumption: ≈ 55 km/h). */
export const TRAVEL_MIN_PER_KM = 1.1;
/** Fixed minutes of each trip (parking, walking). Assumption; ≈ 30 min one way overall (DOMAIN.md, Time). */
export const TRAVEL_MIN_FIXED = 8;
/** Chair hours per clinic RBC visit besides the units: observation 0.5 h (DOMAIN.md, Time). */
export const CLINIC_OVERHEAD_HOURS = 0.5;
/** Hours per unit: 1 h 49 min mean (DOMAIN.md, Time). */
export const HOURS_PER_UNIT = 1.8;
