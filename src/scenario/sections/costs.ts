import { z } from 'zod';

/** The `costs` section (shared by optimize's cost objective and the simulator's cost per transfusion). */
export const costsSection = z.strictObject({});
