import { z } from 'zod';

/** The `segment` section: filled in by the segment capability; unknown keys are errors until then. */
export const segmentSection = z.strictObject({});
