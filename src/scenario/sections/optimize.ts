import { z } from 'zod';

/** The `optimize` section: filled in by the optimize capability; unknown keys are errors until then. */
export const optimizeSection = z.strictObject({});
