import { z } from 'zod';

/** The `simulation` section: filled in by the simulation capability; unknown keys are errors until then. */
export const simulationSection = z.strictObject({});
