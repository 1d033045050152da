/**
 * `GET /me`: who is calling, as the authorizer in front of the function described the caller — a
 * JWT authorizer's subject and scopes, or a signed IAM caller's ARN. Any other caller (none, when
 * no authorizer is attached) is answered 401.
 */
import * as t from 'io-ts';
import { ok } from 'neverthrow';
import { caller, endpoint, json } from '../../../src/index.js';

const Caller = t.union([
  t.type({ type: t.literal('jwt'), claims: t.type({ sub: t.string }), scopes: t.array(t.string) }),
  t.type({ type: t.literal('iam'), userArn: t.string }),
]);

/** The caller as a JSON:API resource. */
export const Me = t.type({
  data: t.type({
    type: t.literal('callers'),
    id: t.string,
    attributes: t.type({ kind: t.keyof({ jwt: null, iam: null }), scopes: t.array(t.string) }),
  }),
});

export const me = endpoint(
  { auth: caller(Caller, { onMismatch: 401 }) },
  ({ auth }) =>
    ok(
      json({
        data: {
          type: 'callers' as const,
          id: auth.type === 'jwt' ? auth.claims.sub : auth.userArn,
          attributes: {
            kind: auth.type,
            scopes: auth.type === 'jwt' ? auth.scopes : [],
          },
        },
      }),
    ),
  { describe: { summary: 'Who is calling', response: Me } },
);
