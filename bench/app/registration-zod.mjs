// The registration document as a zod schema, for the contenders that validate with zod (Hono's
// validator and Powertools' Standard Schema validation). Each check's message names its rule, so
// the error hooks can turn issues into the API's problems; zod runs every check at once.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { z } from 'zod';

export const Registration = z.object({
  data: z.object({
    type: z.literal('users'),
    attributes: z
      .object({
        'first-name': z.string().min(3, 'too-short'),
        'last-name': z.string(),
        email: z.string(),
        password: z
          .string()
          .regex(/\p{L}/u, 'letter')
          .regex(/\p{N}/u, 'number')
          .regex(/[\p{P}\p{S}]/u, 'punctuation character'),
        'password-confirmation': z.string(),
      })
      .refine((attributes) => attributes.password === attributes['password-confirmation'], {
        message: 'mismatch',
        path: ['password'],
      }),
  }),
});

/** A zod issue (or one Powertools passed on) as a rule violation of the body. */
export function violation(issue, under = []) {
  const path = issue.path.slice(under.length).map(String);
  const pointer = `/${path.map((token) => token.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  return { pointer, rule: issue.message, message: issue.message };
}
