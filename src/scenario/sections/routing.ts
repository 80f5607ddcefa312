import { z } from 'zod';

/**
 * The `routing` section: where patients live relative to each other, so that two short home visits can be
 * chained on one trip (blood bank → A → B → bank, src/service/chain.ts). Give patient coordinates (cohort
 * columns) or a travel matrix (a CSV file), not both; with neither, every home visit is a round trip.
 */
export const routingSection = z
  .strictObject({
    /**
     * Patient coordinates in the cohort: `xy_km` (columns `x_km`, `y_km`, planar km), `lat_lon` (columns `lat`,
     * `lon`, degrees; great-circle distance), or `none`.
     */
    coordinates: z.enum(['none', 'xy_km', 'lat_lon']).default('none'),
    /**
     * CSV of travel minutes one way between patients (relative to the scenario file): first line the id column's
     * name then every patient id, then one row per patient (id, then minutes to each patient in header order).
     * The trips from and to the blood bank stay each patient's `travel_min_one_way`.
     */
    travel_matrix: z.string().min(1).nullable().default(null),
    /**
     * Minutes of a leg between two homes besides driving (parking, handover), with coordinates. Default 8 min:
     * the synthetic cohort's travel model (src/data/archetypes.ts; assumption, no DOMAIN.md figure).
     */
    leg_fixed_min: z.number().min(0).max(600).default(8),
    /** Minutes per straight-line km between two homes, with coordinates. Default 1.1: the synthetic cohort's. */
    leg_min_per_km: z.number().min(0).max(60).default(1.1),
  })
  .superRefine((s, ctx) => {
    if (s.coordinates !== 'none' && s.travel_matrix !== null) {
      const message = 'give routing.coordinates or routing.travel_matrix, not both';
      ctx.addIssue({ code: 'custom', path: ['travel_matrix'], message });
    }
  });

/** The validated `routing` section. */
export type RoutingSettings = z.infer<typeof routingSection>;
