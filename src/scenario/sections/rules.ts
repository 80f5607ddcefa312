import { z } from 'zod';

/** The `rules` section: filled in by the rules capability; unknown keys are errors until then. */
export const rulesSection = z.strictObject({});
