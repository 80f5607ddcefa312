import { z } from 'zod';

/** The `priority` section: filled in by the priority capability; unknown keys are errors until then. */
export const prioritySection = z.strictObject({});
