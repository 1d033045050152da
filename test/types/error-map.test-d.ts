import { err, errAsync, ok } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorMap, HttpRequest, TaggedErrorClass } from '../../src/index.js';
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
