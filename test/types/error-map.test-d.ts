import { err, errAsync, ok } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ErrorEntry,
  ErrorMap,
  HttpRequest,
  ProblemSource,
  TaggedErrorClass,
} from '../../src/index.js';
import {
  TaggedError,
  badRequest,
  errorMap,
  mergeErrorMaps,
  overrideErrors,
  toLambda,
} from '../../src/index.js';

class UserNotFound extends TaggedError('UserNotFound')<{ readonly id: string }> {}
class EmailTaken extends TaggedError('EmailTaken')<{ readonly email: string }> {}
class RateLimited extends TaggedError('RateLimited')<{ readonly seconds: number }> {}
interface CartEmpty {
  readonly _tag: 'CartEmpty';
  readonly cartId: string;
}

type UserErrors = UserNotFound | EmailTaken;

const userErrors = errorMap<UserErrors>({
  UserNotFound: (e) => ({ status: 404, detail: `No user ${e.id}.` }),
  EmailTaken: { status: 409 },
});

describe('errorMap exhaustiveness', () => {
  it('needs every tag, each spelt right, and no tag outside the union', () => {
    // @ts-expect-error — EmailTaken is missing
    errorMap<UserErrors>({ UserNotFound: { status: 404 } });
    errorMap<UserErrors>({
      UserNotFound: { status: 404 },
      // @ts-expect-error — misspelt tag
      EmailTakn: { status: 409 },
    });
    errorMap<UserErrors>({
      UserNotFound: { status: 404 },
      EmailTaken: { status: 409 },
      // @ts-expect-error — a tag not in the union
      RateLimited: { status: 429 },
    });
  });

  it('asks for literal tags: a map cannot list tags typed only as string', () => {
    const tagFromSomewhere: string = 'UserNotFound';
    // @ts-expect-error — the tag must be a literal for a map to name it
    TaggedError(tagFromSomewhere);
    // @ts-expect-error — an empty map would otherwise cover every `string` tag
    errorMap<{ readonly _tag: string }>({});
    // @ts-expect-error — one loosely tagged error in the union is enough to refuse
    errorMap<UserErrors | { readonly _tag: string }>({
      UserNotFound: { status: 404 },
      EmailTaken: { status: 409 },
    });
    expectTypeOf(TaggedError('UserNotFound')).toEqualTypeOf<TaggedErrorClass<'UserNotFound'>>();
  });

  it('types each entry function with its own error', () => {
    errorMap<UserErrors>({
      UserNotFound: (e) => {
        expectTypeOf(e).toEqualTypeOf<UserNotFound>();
        return { status: 404 };
      },
      EmailTaken: (e) => {
        expectTypeOf(e.email).toEqualTypeOf<string>();
        return { status: 409 };
      },
    });
  });

  it('accepts only error statuses', () => {
    // @ts-expect-error — 200 is not an error status
    errorMap<CartEmpty>({ CartEmpty: { status: 200 } });
  });
});

describe('error map entries', () => {
  it('carry a source, fixed or computed from the error, shaped as a problem source', () => {
    errorMap<UserErrors>({
      UserNotFound: { status: 404, source: { parameter: 'id' } },
      EmailTaken: {
        status: 409,
        source: (e) => {
          expectTypeOf(e).toEqualTypeOf<EmailTaken>();
          return { pointer: '/data/attributes/email' };
        },
      },
    });
    errorMap<UserErrors>({
      UserNotFound: () => ({ status: 404, source: { header: 'x-user-id' } }),
      EmailTaken: { status: 409, source: { pointer: '/data/attributes/email' } },
    });
    expectTypeOf<ErrorEntry<EmailTaken>['source']>().toEqualTypeOf<
      ProblemSource | ((error: EmailTaken) => ProblemSource) | undefined
    >();
  });

  it('refuse a source of another shape', () => {
    errorMap<UserErrors>({
      // @ts-expect-error — a source is a pointer, a parameter or a header, not a path
      UserNotFound: { status: 404, source: { path: '/users' } },
      EmailTaken: { status: 409 },
    });
    errorMap<UserErrors>({
      UserNotFound: { status: 404 },
      // @ts-expect-error — a pointer is text
      EmailTaken: { status: 409, source: () => ({ pointer: 7 }) },
    });
    errorMap<UserErrors>({
      UserNotFound: { status: 404 },
      // @ts-expect-error — `id` belongs to UserNotFound
      EmailTaken: { status: 409, source: (e) => ({ parameter: String(e.id) }) },
    });
  });

  it('refuse members entries do not have, in a map and in an override', () => {
    errorMap<UserErrors>({
      // @ts-expect-error — `sauce` is not a member of an entry (a misspelt `source`)
      UserNotFound: { status: 404, sauce: { parameter: 'id' } },
      EmailTaken: { status: 409 },
    });
    errorMap<UserErrors>({
      UserNotFound: { status: 404 },
      // @ts-expect-error — `details` is not a member of an entry (`detail` is)
      EmailTaken: { status: 409, details: 'taken' },
    });
    // @ts-expect-error — `retryAfter` is not a member of an entry (headers carry it)
    overrideErrors(userErrors, { UserNotFound: { status: 410, retryAfter: 30 } });
  });
});

describe('toLambda with an error map', () => {
  it('accepts a handler whose domain errors the map covers, mixed with problems', () => {
    toLambda(
      (request: HttpRequest) =>
        request.method === 'GET' ? ok(1) : err(new UserNotFound({ id: 'u' })),
      {
        errors: userErrors,
      },
    );
    toLambda(() => errAsync([new EmailTaken({ email: 'a@b.c' }), badRequest()]), {
      errors: userErrors,
    });
    toLambda(() => err(badRequest()), { errors: userErrors });
  });

  it('refuses a handler with an error the map does not cover', () => {
    // @ts-expect-error — RateLimited is not in the map
    toLambda(() => err(new RateLimited({ seconds: 3 })), { errors: userErrors });
    const twoErrors = (request: HttpRequest) =>
      request.method === 'GET'
        ? err(new UserNotFound({ id: 'u' }))
        : err(new RateLimited({ seconds: 3 }));
    // @ts-expect-error — one branch returns an unmapped error
    toLambda(twoErrors, { errors: userErrors });
  });

  it('refuses domain errors without a map', () => {
    // @ts-expect-error — no map covers UserNotFound
    toLambda(() => err(new UserNotFound({ id: 'u' })));
  });

  it('merged maps cover both unions; overrides keep the type', () => {
    const carts = errorMap<CartEmpty>({ CartEmpty: { status: 422 } });
    const all = mergeErrorMaps(userErrors, carts);
    expectTypeOf(all).toEqualTypeOf<ErrorMap<UserErrors | CartEmpty>>();
    toLambda(
      (request: HttpRequest) =>
        request.method === 'GET'
          ? err(new UserNotFound({ id: 'u' }))
          : err<never, CartEmpty>({ _tag: 'CartEmpty', cartId: 'c' }),
      { errors: all },
    );
    const forDelete = overrideErrors(userErrors, { UserNotFound: { status: 410 } });
    expectTypeOf(forDelete).toEqualTypeOf<ErrorMap<UserErrors>>();
    // @ts-expect-error — an override for a tag the map does not have
    overrideErrors(userErrors, { CartEmpty: { status: 422 } });
  });

  it('a bigger map serves a handler with fewer errors', () => {
    toLambda(() => err(new EmailTaken({ email: 'x' })), { errors: userErrors });
  });
});

describe('TaggedError', () => {
  it('makes errors with their tag and data', () => {
    const e = new UserNotFound({ id: 'u-1' });
    expectTypeOf(e._tag).toEqualTypeOf<'UserNotFound'>();
    expectTypeOf(e.id).toEqualTypeOf<string>();
    expectTypeOf(e).toExtend<Error>();
    class Plain extends TaggedError('Plain') {}
    expectTypeOf(new Plain()._tag).toEqualTypeOf<'Plain'>();
    // @ts-expect-error — the data is required when the error declares some
    new UserNotFound();
  });
});
