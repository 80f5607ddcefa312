/** Named tolerances of the allocation model, each with its reason. */

/** Hb comparisons (g/dL): thresholds are data to 0.01 g/dL, so 1e-9 only absorbs floating-point error. */
export const HB_TOL = 1e-9;
/** A solver value within this of 0 or 1 counts as integral (HiGHS' default mip_feasibility_tolerance is 1e-6). */
export const INTEGRALITY_TOL = 1e-6;
/** Row activity may exceed its bound by this, relative to max(1, |bound|) (HiGHS' primal feasibility 1e-7, scaled). */
export const FEASIBILITY_TOL = 1e-6;
/** Objectives agree when within this relative difference (used by the re-check and the LP round trip). */
export const OBJECTIVE_REL_TOL = 1e-7;
/** Extra wall-clock seconds the guard allows beyond the solver's own time limit (HiGHS overran by ~10%). */
export const GUARD_GRACE_SEC = 5;
/** Share of the time limit the guard allows beyond it, on top of {@link GUARD_GRACE_SEC}. */
export const GUARD_GRACE_SHARE = 0.25;
