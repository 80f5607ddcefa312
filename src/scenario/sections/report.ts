import { z } from 'zod';

/** The `report` section: filled in by the report capability; unknown keys are errors until then. */
export const reportSection = z.strictObject({});
