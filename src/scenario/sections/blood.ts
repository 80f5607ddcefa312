import { z } from 'zod';
import {
  BLOOD_GROUP_SHARES, BLOOD_GROUPS, CROSSMATCH_RESERVATION_HOURS, TRANSPORT_BOX_RETURN_MIN,
} from '../../service/blood.js';

const share = z.number().min(0).max(1);
/** One share per ABO/Rh group, defaults from DOMAIN.md's US frequencies. */
type GroupShareShape = Record<(typeof BLOOD_GROUPS)[number], z.ZodDefault<typeof share>>;
const groupShares = z.strictObject(
  Object.fromEntries(BLOOD_GROUPS.map((g, k) => [g, share.default(BLOOD_GROUP_SHARES[k]!)])) as GroupShareShape,
);

/**
 * The `blood` section: the blood bank that serves the home programme and the clinic (typed ABO/Rh stock,
 * crossmatch reservations, the transport box for home returns). Figures cite ../shared/DOMAIN.md (Blood
 * logistics, Time); the service facts live in src/service/blood.ts.
 */
export const bloodSection = z
  .strictObject({
    /**
     * Home units travel in a validated transport box: unopened, unused units may go back to stock within
     * `transport_box_min` (DOMAIN.md, Blood logistics); false → the 30-minute out-of-fridge rule
     * (`simulation.return_window_min`) applies to them too.
     */
    transport_box: z.boolean().default(true),
    /** A validated box, unopened, must be back in a fridge within 2 h (DOMAIN.md, Blood logistics). */
    transport_box_min: z.number().min(0).max(1440).default(TRANSPORT_BOX_RETURN_MIN),
    /** Crossmatched units return to stock after 48 h if unused (DOMAIN.md, Time). */
    reservation_hours: z.number().min(0).max(720).default(CROSSMATCH_RESERVATION_HOURS),
    /**
     * The bank's stock level, in days of the cohort's steady demand (Σ decline / increment per unit): each day
     * the supplier tops every group up to level × its share (assumption: a few days of stock; no DOMAIN figure).
     */
    stock_days: z.number().min(0).max(60).default(5),
    /**
     * Share of the stock level held in each group (default the population's ABO/Rh shares, DOMAIN.md Blood
     * logistics); the shares must add up to 1.
     */
    group_shares: groupShares.prefault({}),
  })
  .superRefine((s, ctx) => {
    const total = Object.values(s.group_shares).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['group_shares'], message: `shares must add up to 1, got ${total}` });
    }
  });

/** The validated `blood` section. */
export type BloodSettings = z.infer<typeof bloodSection>;
