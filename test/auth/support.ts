/**
 * Reading a request through the real adapter, and a plain view of a caller that `toStrictEqual`
 * can compare as a whole (claims and contexts are maps that inherit nothing).
 */
import { ok } from 'neverthrow';
import { expect } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import { json, toLambda } from '../../src/index.js';
import type { CallerIdentity } from '../../src/auth/index.js';
import { fakeContext } from '../../src/testing/index.js';
import { asEvent } from '../support/fixtures.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID } from '../support/request-id.js';

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

/** The request a handler receives for an event, read by `toLambda`'s own readers. */
export async function readRequest(event: unknown): Promise<HttpRequest> {
  const logger = capturingLogger();
  const seen: HttpRequest[] = [];
  const handler = toLambda(
    (request) => {
      seen.push(request);
      return ok(json(null));
    },
    { logger },
  );
  await handler(asEvent(event), context);
  expect(seen).toHaveLength(1);
  expect(logger.error).not.toHaveBeenCalled();
  return seen[0]!;
}

/** A caller as plain data: its maps copied into plain objects, every other field as it is. */
export function plainCaller(caller: CallerIdentity): unknown {
  switch (caller.type) {
    case 'jwt':
    case 'oidc':
      return { ...caller, claims: { ...caller.claims } };
    case 'lambda':
      return { ...caller, context: { ...caller.context } };
    default:
      return { ...caller };
  }
}

/** True when a map inherits nothing: its prototype is an empty object without a prototype. */
export function inheritsNothing(map: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(map);
  return (
    prototype === null ||
    (typeof prototype === 'object' &&
      Object.getPrototypeOf(prototype) === null &&
      Object.getOwnPropertyNames(prototype).length === 0)
  );
}
