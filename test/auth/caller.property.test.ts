/**
 * `callerOf` never throws for an API Gateway or Function URL request, whatever its
 * `requestContext` holds: every shape is read into a frozen caller of a known type, its lists
 * of strings and its maps inheriting nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallerIdentity } from '../../src/auth/index.js';
import { CALLER_TYPES, callerOf } from '../../src/auth/index.js';
import { readHttpEvent } from '../../src/events/http.js';
import { readRestEvent } from '../../src/events/rest.js';
import { inheritsNothing } from './support.js';

/** Any value an event could hold, prototype-named keys and null-prototype objects included. */
const value = fc.anything({
  maxDepth: 3,
  withNullPrototype: true,
  withObjectString: true,
  key: fc.oneof(
    fc.string(),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'scope', 'scp', 'claims'),
  ),
});

/** An object with some of the members each authorizer type reads, each of any value. */
function someOf(...keys: string[]) {
  return fc.dictionary(
    fc.constantFrom(...keys),
    fc.oneof(value, fc.dictionary(fc.string(), value)),
  );
}

const authorizer = fc.oneof(
  value,
  someOf('jwt', 'lambda', 'iam', 'claims', 'scopes', 'principalId', 'integrationLatency'),
  fc.record({
    jwt: fc.oneof(value, someOf('claims', 'scopes')),
    lambda: value,
    iam: fc.oneof(value, someOf('accessKey', 'accountId', 'userArn', 'cognitoIdentity')),
  }),
  fc.record({ claims: fc.oneof(value, someOf('scope', 'scp', 'sub')), scopes: value }),
);

const identity = fc.oneof(
  value,
  someOf(
    'accessKey',
    'accountId',
    'caller',
    'user',
    'userArn',
    'principalOrgId',
    'cognitoIdentityId',
    'cognitoIdentityPoolId',
    'cognitoAuthenticationType',
    'cognitoAuthenticationProvider',
  ),
);

const requestContext = fc.oneof(
  value,
  fc.record({ authorizer, identity }, { requiredKeys: [] }),
  fc.record({ authorizer, http: fc.constant({ method: 'GET' }) }, { requiredKeys: ['http'] }),
);

function checkShape(caller: CallerIdentity): void {
  expect(CALLER_TYPES).toContain(caller.type);
  expect(Object.isFrozen(caller)).toBe(true);
  switch (caller.type) {
    case 'jwt':
      expect(inheritsNothing(caller.claims)).toBe(true);
      for (const scope of caller.scopes) {
        expect(typeof scope).toBe('string');
        expect(scope).not.toBe('');
      }
      break;
    case 'lambda':
      expect(inheritsNothing(caller.context)).toBe(true);
      expect(['string', 'undefined']).toContain(typeof caller.principalId);
      break;
    case 'iam':
      for (const field of [caller.accessKey, caller.accountId, caller.userArn, caller.callerId]) {
        expect(['string', 'undefined']).toContain(typeof field);
      }
      for (const entry of caller.cognitoIdentity?.amr ?? []) expect(typeof entry).toBe('string');
      break;
    default:
      break;
  }
}

describe('callerOf on any requestContext', () => {
  it('REST API events (payload 1.0): never throws, always a known, frozen shape', () => {
    fc.assert(
      fc.property(requestContext, fc.boolean(), (context, httpApi) => {
        const event = {
          httpMethod: 'GET',
          path: '/',
          requestContext: context,
          ...(httpApi ? { version: '1.0' } : {}),
        };
        checkShape(callerOf(readRestEvent(event, undefined).request));
      }),
      { numRuns: 500 },
    );
  });

  it('HTTP API and Function URL events (payload 2.0): the same', () => {
    fc.assert(
      fc.property(requestContext, fc.constantFrom('http', 'function-url'), (context, kind) => {
        const event = { version: '2.0', rawPath: '/', requestContext: context };
        checkShape(callerOf(readHttpEvent(kind, event, undefined).request));
      }),
      { numRuns: 500 },
    );
  });
});
