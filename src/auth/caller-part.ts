/**
 * The `auth` part of an endpoint: `caller(codec, options)` decodes the request's caller
 * (`callerOf`) with an io-ts codec or a Standard Schema. Made by a function of its own, rather
 * than read from a bare codec, so that only endpoints that ask for the caller bundle the readers
 * of every authorizer's payload.
 */
import type { Result } from 'neverthrow';
import type { Issue } from '../decode/issue.js';
import type { PartOutput, PartSchema } from '../decode/endpoint.js';
import type { Problem } from '../problem.js';
import type { HttpRequest } from '../request.js';
import type { CallerIdentity } from './caller.js';
import type { OidcVerifier } from './caller-of.js';
import { callerOf } from './caller-of.js';
import { isCallerError } from './error.js';
import { reportSome } from '../decode/report.js';
import { isStandardSchema, standardIssues } from '../decode/standard-schema.js';
import { forbidden, problem, unauthorized } from '../problem.js';
import { isThenable } from '../_internals/promise.js';

/** How an endpoint answers a caller that does not match its `auth` codec. */
export type CallerMismatch = 500 | 401 | 403;

/** How {@link caller} reads and checks the caller. */
export interface CallerPartOptions<A> {
  /**
   * The answer to a caller the codec refuses. `500` (the default): API Gateway or the Function
   * URL already authorised the request, so a mismatch means the authorizer and the function
   * disagree — a defect, logged with every issue, answered with the masked 500. `401` or `403`:
   * a client problem that lists no claims, logged at the client-error level.
   */
  readonly onMismatch?: CallerMismatch;
  /** The `WWW-Authenticate` challenge of a 401 (RFC 9110 §15.5.2); `Bearer` by default. */
  readonly challenge?: string;
  /** Verifies an ALB's `x-amzn-oidc-data` token and returns its claims (docs/auth.md). */
  readonly verifyOidc?: OidcVerifier;
  /**
   * Rules over the decoded caller, such as a required scope; their issues are answered 403
   * Forbidden (RFC 6750 §3.1), before any other part is decoded.
   */
  readonly validate?: (caller: A) => Result<unknown, readonly Issue[]>;
}

const CALLER_PART = /*#__PURE__*/ Symbol.for('gatefold.caller-part');

/** What the `auth` part's check concluded: the decoded caller, or the problems to answer. */
export type CallerCheck =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The `auth` part of an endpoint, made by {@link caller}. */
export interface CallerPart<C extends PartSchema = PartSchema> {
  readonly [CALLER_PART]: true;
  /** The codec or schema the caller is decoded with. */
  readonly schema: C;
  /** The statuses besides 500 that the check answers with, for the OpenAPI document. */
  readonly statuses: readonly number[];
  /** @internal Reads and decodes the caller of a request; throws a defect. */
  readonly check: (request: HttpRequest) => CallerCheck | Promise<CallerCheck>;
}

/** Whether a value is an `auth` part made by {@link caller}. */
export function isCallerPart(value: unknown): value is CallerPart {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { readonly [CALLER_PART]?: unknown })[CALLER_PART] === true
  );
}

/**
 * Thrown (and so answered with the masked 500, logged as a defect) when the caller does not match
 * the `auth` codec and `onMismatch` is 500: the authorizer and the function disagree.
 */
export class CallerMismatchError extends Error {
  override readonly name = 'CallerMismatchError';
  /** What the codec found wrong with the caller, each with its pointer into the caller shape. */
  readonly issues: readonly Issue[];

  constructor(callerType: string, issues: readonly Issue[]) {
    // Where and what, never the values: a claim may be personal data, and this is logged.
    const listed = issues
      .map((issue) => {
        const at =
          issue.source !== undefined && 'pointer' in issue.source ? issue.source.pointer : '';
        return `${at === '' ? '(the caller)' : at} ${issue.code}`;
      })
      .join(', ');
    super(
      `The ${callerType} caller does not match the endpoint's auth codec (${listed}). The authorizer in front of the function and the function disagree; see docs/auth.md.`,
    );
    this.issues = issues;
  }
}

const MAX_LOGGED_ISSUES = 20;

/** A caller decoded, or the issues of one the codec refused. */
type Decoded = { readonly value: unknown } | { readonly issues: readonly Issue[] };

/** The issues of a caller a codec or schema refused, pointing into the caller shape. */
function callerIssues(schema: PartSchema, value: unknown): Decoded | Promise<Decoded> {
  if (isStandardSchema(schema)) {
    const result = schema['~standard'].validate(value);
    const conclude = (done: Awaited<typeof result>): Decoded =>
      done.issues === undefined
        ? { value: done.value }
        : {
            issues: standardIssues(
              'body',
              schema['~standard'].vendor,
              done.issues,
              value,
              MAX_LOGGED_ISSUES,
            ).issues,
          };
    return isThenable(result) ? Promise.resolve(result).then(conclude) : conclude(result);
  }
  const decoded = schema.decode(value);
  return decoded._tag === 'Right'
    ? { value: decoded.right }
    : { issues: reportSome('body', decoded.left, MAX_LOGGED_ISSUES).issues };
}

/**
 * The `auth` part of an endpoint: the request's caller (`callerOf`: one shape per authorizer
 * type) decoded with an io-ts codec or a Standard Schema, so that the handler receives typed
 * claims. It is checked before any other part. A caller the codec refuses is answered per
 * `onMismatch` (a logged, masked 500 by default); `validate`'s issues (a missing scope) are
 * answered 403.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { ok } from 'neverthrow';
 * import { caller, endpoint, json } from 'gatefold';
 *
 * const User = t.type({ type: t.literal('jwt'), claims: t.type({ sub: t.string }) });
 *
 * export const me = endpoint({ auth: caller(User) }, ({ auth }) => ok(json({ id: auth.claims.sub })));
 * ```
 */
export function caller<C extends PartSchema>(
  schema: C,
  options: CallerPartOptions<PartOutput<C>> = {},
): CallerPart<C> {
  const onMismatch = options.onMismatch ?? 500;
  const challenge = options.challenge ?? 'Bearer';
  const read = { verifyOidc: options.verifyOidc };
  const validate = options.validate as
    ((value: unknown) => Result<unknown, readonly Issue[]>) | undefined;

  /** The answer to a caller that does not match, or a throw for a defect. */
  function mismatch(identity: CallerIdentity | undefined, issues: readonly Issue[]): CallerCheck {
    if (onMismatch === 500) throw new CallerMismatchError(identity?.type ?? 'unread', issues);
    const details = {
      code: 'caller-mismatch',
      detail:
        onMismatch === 401
          ? 'This operation needs an authenticated caller.'
          : 'The caller is not allowed this operation.',
    };
    return {
      ok: false,
      problems: [onMismatch === 401 ? unauthorized(challenge, details) : forbidden(details)],
    };
  }

  function decided(identity: CallerIdentity): CallerCheck | Promise<CallerCheck> {
    const checked = callerIssues(schema, identity);
    const conclude = (done: Decoded): CallerCheck => {
      if ('issues' in done) return mismatch(identity, done.issues);
      if (validate !== undefined) {
        const ruled = validate(done.value);
        if (ruled.isErr()) {
          return {
            ok: false,
            problems: ruled.error.map((issue) => problem({ status: 403, ...issue })),
          };
        }
      }
      return { ok: true, value: done.value };
    };
    return checked instanceof Promise ? checked.then(conclude) : conclude(checked);
  }

  function check(request: HttpRequest): CallerCheck | Promise<CallerCheck> {
    let identity: CallerIdentity | PromiseLike<CallerIdentity>;
    try {
      identity = callerOf(request, read);
    } catch (failure) {
      return refused(failure);
    }
    if (!isThenable(identity)) return decided(identity);
    return Promise.resolve(identity).then(decided, refused);
  }

  /**
   * An ALB token the verifier refused is answered 401 or 403 when `onMismatch` says so; else it
   * is a defect, as is any other failure: thrown as it is, with the verifier's error as its cause.
   */
  function refused(failure: unknown): CallerCheck {
    if (isCallerError(failure) && failure.reason === 'oidc-token-rejected' && onMismatch !== 500) {
      return mismatch(undefined, []);
    }
    throw failure;
  }

  const statuses: number[] = [];
  if (onMismatch !== 500) statuses.push(onMismatch);
  if (validate !== undefined && !statuses.includes(403)) statuses.push(403);
  return { [CALLER_PART]: true, schema, statuses, check };
}
