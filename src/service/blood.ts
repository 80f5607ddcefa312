/**
 * Blood facts every stage shares: the eight ABO/Rh groups and their population shares, red-cell compatibility
 * and the order units are issued in, how long crossmatched units stay reserved, and when unused units may go
 * back to stock. One definition each, from ../shared/DOMAIN.md ("Blood logistics", "Time").
 *
 * Cost: O(1) per call (tables of 8 × 8).
 */

/** The eight ABO/Rh groups, in the order of DOMAIN.md's frequency line (and the cohort's `abo_rh` column). */
export const BLOOD_GROUPS = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;
export type BloodGroup = (typeof BLOOD_GROUPS)[number];
/** Index of O−, the universal red-cell donor (DOMAIN.md, Blood logistics). */
export const O_NEG = 1;

/**
 * ABO/Rh shares (US), aligned with {@link BLOOD_GROUPS}: O+ 38%, O− 7%, A+ 34%, A− 6%, B+ 9%, B− 2%, AB+ 3%,
 * AB− 1% (DOMAIN.md, Blood logistics).
 */
export const BLOOD_GROUP_SHARES: readonly number[] = [0.38, 0.07, 0.34, 0.06, 0.09, 0.02, 0.03, 0.01];

/** Crossmatched units go back to stock after 48 h if unused (DOMAIN.md, Time). */
export const CROSSMATCH_RESERVATION_HOURS = 48;
/** Out of the fridge: start within 30 min or return (DOMAIN.md, Blood logistics). */
export const OUT_OF_FRIDGE_RETURN_MIN = 30;
/** A validated box, unopened, must be back in a fridge within 2 h (DOMAIN.md, Blood logistics). */
export const TRANSPORT_BOX_RETURN_MIN = 120;

/** A/B antigens on the red cells of each group (bit 1 = A, bit 2 = B) and the RhD antigen. */
const ANTIGENS = [0, 0, 1, 1, 2, 2, 3, 3];
const RH_POSITIVE = [true, false, true, false, true, false, true, false];

/**
 * Whether red cells of group `donor` may be given to a patient of group `patient` (indices into
 * {@link BLOOD_GROUPS}): the donor's cells carry no A/B antigen the patient lacks, and an Rh− patient gets
 * Rh− units only (DOMAIN.md, Blood logistics).
 * @example redCellCompatible(1, 6); // true: O− to AB+
 */
export function redCellCompatible(donor: number, patient: number): boolean {
  if ((ANTIGENS[donor]! & ~ANTIGENS[patient]!) !== 0) return false;
  return RH_POSITIVE[patient]! || !RH_POSITIVE[donor]!;
}

/**
 * Groups a patient of group `patient` may receive, in issue order: the exact group first, then the other
 * compatible groups (Rh-alike before Rh− for an Rh+ patient, group O last), O− last of all — the universal
 * donor is the last resort (DOMAIN.md, Blood logistics).
 * @example issueOrder(2).map((g) => BLOOD_GROUPS[g]); // ['A+', 'A-', 'O+', 'O-']
 */
export function issueOrder(patient: number): readonly number[] {
  return ISSUE_ORDERS[patient]!;
}

/** Issue order per patient group: exact, then compatible by descending antigen count, Rh+ before Rh−, O− last. */
const ISSUE_ORDERS: readonly (readonly number[])[] = BLOOD_GROUPS.map((_, patient) => {
  const others = BLOOD_GROUPS.map((_, g) => g)
    .filter((g) => g !== patient && g !== O_NEG && redCellCompatible(g, patient));
  const antigens = (g: number): number => popcount(ANTIGENS[g]!), rh = (g: number): number => Number(RH_POSITIVE[g]);
  others.sort((a, b) => antigens(b) - antigens(a) || rh(b) - rh(a) || a - b);
  return patient === O_NEG ? [O_NEG] : [patient, ...others, O_NEG];
});

function popcount(x: number): number {
  return (x & 1) + ((x >> 1) & 1);
}

/**
 * Whether unused units out for `minutesOut` may go back to stock: within 2 h while a validated transport box
 * is still unopened (when the programme uses one), else within the 30-minute out-of-fridge rule
 * (DOMAIN.md, Blood logistics). `windows` carries the scenario's minutes.
 * @example unitsReturnable(75, true, { box: true, boxMin: 120, openMin: 30 }); // true
 */
export function unitsReturnable(minutesOut: number, boxUnopened: boolean, windows: ReturnWindows): boolean {
  const limit = windows.box && boxUnopened ? Math.max(windows.boxMin, windows.openMin) : windows.openMin;
  return minutesOut <= limit;
}

/** The return windows in force: whether units travel in a validated transport box, and the two limits. */
export interface ReturnWindows {
  readonly box: boolean;
  /** Unopened validated box, minutes (default {@link TRANSPORT_BOX_RETURN_MIN}). */
  readonly boxMin: number;
  /** Out of the fridge / box opened, minutes (default {@link OUT_OF_FRIDGE_RETURN_MIN}). */
  readonly openMin: number;
}

/**
 * Units a day the cohort needs in steady state: Σ decline per day / increment per unit (each patient's Hb
 * falls `declinePerDay` and a unit restores `incrementPerUnit`), the demand the bank's stock level is sized on.
 * O(n). @example steadyUnitsPerDay([0.1], [1]); // 0.1
 */
export function steadyUnitsPerDay(declinePerDay: ArrayLike<number>, incrementPerUnit: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < declinePerDay.length; i++) {
    const inc = incrementPerUnit[i]!;
    if (inc > 0) sum += declinePerDay[i]! / inc;
  }
  return sum;
}
