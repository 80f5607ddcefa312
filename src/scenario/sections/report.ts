import { z } from 'zod';

/** The `report` section: what `carestrata run` writes besides each stage's own files. */
export const reportSection = z.strictObject({
  /** Report heading; empty → the scenario name. */
  title: z.string().default(''),
  /** Replace patient ids by keyed pseudonyms (`P-` + 12 hex of HMAC-SHA-256) in every file `run` writes. */
  pseudonymize: z.boolean().default(false),
  /** Secret key for the pseudonyms; empty → derived from the seed (repeatable, but guessable: set a key for real data). */
  pseudonym_key: z.string().default(''),
  /** Also write `charts/NAME.png` next to each `.svg` (the HTML report inlines the SVG either way). */
  png: z.boolean().default(true),
});
