/**
 * Error map entries that say where in the request the problem lies: `source` is a pointer into
 * the body, a parameter or a header — the same source any problem has — fixed or computed from
 * the error. It is written in either format, hidden with the other details when the entry is
 * masked, and logged. A member entries do not have is never dropped without a word: in an entry
 * written as an object it stops the map being declared, and in the object a mapping function
 * returns (which the compiler does not check) it is a defect, answered with the masked 500.
 */
import { err } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ErrorEntry, HttpRequest } from '../../src/index.js';
import { TaggedError, errorMap, overrideErrors, toLambda } from '../../src/index.js';
import { fakeContext, invoke, restApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

class EmailTaken extends TaggedError('EmailTaken')<{ readonly email: string }> {}
class ProductNotFound extends TaggedError('ProductNotFound')<{
  readonly productId: string;
  readonly index: number;
}> {}
class PageTooFar extends TaggedError('PageTooFar')<{ readonly page: number }> {}
class StaleVersion extends TaggedError('StaleVersion') {}
class LedgerDown extends TaggedError('LedgerDown') {}

type ShopError = EmailTaken | ProductNotFound | PageTooFar | StaleVersion | LedgerDown;

const shopErrors = errorMap<ShopError>({
  EmailTaken: { status: 409, source: { pointer: '/data/attributes/email' } },
  ProductNotFound: {
    status: 422,
    detail: (e) => `No product ${e.productId}.`,
    source: (e) => ({ pointer: `/items/${String(e.index)}/productId` }),
  },
  PageTooFar: (e) => ({
    status: 400,
    detail: `Page ${String(e.page)} is past the last one.`,
    source: { parameter: 'page' },
  }),
  StaleVersion: { status: 412, source: { header: 'if-match' } },
  // Masked: the client learns neither where nor why.
  LedgerDown: { status: 503, source: { pointer: '/data/attributes/ledger' } },
});

const errors: Readonly<Record<string, ShopError>> = {
  '/email': new EmailTaken({ email: 'ada@example.com' }),
  '/product': new ProductNotFound({ productId: 'p-9', index: 2 }),
  '/page': new PageTooFar({ page: 40 }),
  '/stale': new StaleVersion(),
  '/ledger': new LedgerDown(),
};

function call(path: string, accept = '*/*') {
  const logger = capturingLogger();
  const failing = (request: HttpRequest) => err(errors[request.path] ?? new StaleVersion());
  const handler = toLambda(failing, { errors: shopErrors, errorFormat: 'negotiate', logger });
  const response = invoke(
    handler,
    restApiEvent({ path, requestId: REST_REQUEST_ID, headers: { accept } }),
    fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
  );
  return { logger, response };
}

describe('an entry with a source', () => {
  it.each<[string, string, object]>([
    [
      'a fixed pointer',
      '/email',
      {
        status: '409',
        code: 'EmailTaken',
        title: 'Conflict',
        source: { pointer: '/data/attributes/email' },
      },
    ],
    [
      'a pointer computed from the error',
      '/product',
      {
        status: '422',
        code: 'ProductNotFound',
        title: 'Unprocessable Content',
        detail: 'No product p-9.',
        source: { pointer: '/items/2/productId' },
      },
    ],
    [
      'a parameter, from an entry built by a function',
      '/page',
      {
        status: '400',
        code: 'PageTooFar',
        title: 'Bad Request',
        detail: 'Page 40 is past the last one.',
        source: { parameter: 'page' },
      },
    ],
    [
      'a header',
      '/stale',
      {
        status: '412',
        code: 'StaleVersion',
        title: 'Precondition Failed',
        source: { header: 'if-match' },
      },
    ],
  ])('%s: the JSON:API error’s source', async (_, path, error) => {
    const response = await call(path).response;
    expect(response.json()).toStrictEqual({
      errors: [error],
      meta: { requestId: REST_REQUEST_ID },
    });
  });

  it.each<[string, object]>([
    [
      '/product',
      {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        detail: 'No product p-9.',
        code: 'ProductNotFound',
        pointer: '/items/2/productId',
        requestId: REST_REQUEST_ID,
      },
    ],
    [
      '/page',
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Page 40 is past the last one.',
        code: 'PageTooFar',
        parameter: 'page',
        requestId: REST_REQUEST_ID,
      },
    ],
    [
      '/stale',
      {
        type: 'about:blank',
        title: 'Precondition Failed',
        status: 412,
        code: 'StaleVersion',
        header: 'if-match',
        requestId: REST_REQUEST_ID,
      },
    ],
  ])('%s: a problem+json member', async (path, document) => {
    const response = await call(path, 'application/problem+json').response;
    expect(response.json()).toStrictEqual(document);
  });

  it('is hidden when the entry is masked, and logged', async () => {
    const { logger, response } = call('/ledger');
    expect((await response).json()).toStrictEqual({
      errors: [{ status: '503', title: 'Service Unavailable' }],
      meta: { requestId: REST_REQUEST_ID },
    });
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      errors: [
        {
          status: 503,
          tag: 'LedgerDown',
          exposed: false,
          source: { pointer: '/data/attributes/ledger' },
        },
      ],
    });
  });
});

describe('a member entries do not have', () => {
  it('is none of the members an entry has, in an object or built by a function', async () => {
    // Typed as a whole entry, so that a member added to entries must be added here too.
    const every: Required<ErrorEntry<EmailTaken>> = {
      status: 409,
      code: 'email-taken',
      title: 'Email taken',
      detail: (e) => `${e.email} is registered.`,
      source: { pointer: '/data/attributes/email' },
      meta: { field: 'email' },
      type: 'https://errors.example.com/email-taken',
      headers: { 'cache-control': 'no-store' },
      expose: true,
    };
    const expected = {
      errors: [
        {
          status: '409',
          code: 'email-taken',
          title: 'Email taken',
          detail: 'ada@example.com is registered.',
          source: { pointer: '/data/attributes/email' },
          links: { type: 'https://errors.example.com/email-taken' },
          meta: { field: 'email' },
        },
      ],
      meta: { requestId: REST_REQUEST_ID },
    };
    for (const map of [
      errorMap<EmailTaken>({ EmailTaken: every }),
      errorMap<EmailTaken>({
        EmailTaken: () => ({ ...every, detail: 'ada@example.com is registered.' }),
      }),
    ]) {
      const handler = toLambda(() => err(new EmailTaken({ email: 'ada@example.com' })), {
        errors: map,
        logger: capturingLogger(),
      });
      const response = await invoke(
        handler,
        restApiEvent({ requestId: REST_REQUEST_ID }),
        fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
      );
      expect(response.status).toBe(409);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toStrictEqual(expected);
    }
  });

  it('returned by a mapping function is a defect, answered with the masked 500', async () => {
    const logger = capturingLogger();
    // The compiler does not look into what a function returns: this compiles.
    const typo = errorMap<EmailTaken>({
      EmailTaken: () => ({ status: 409, sauce: { pointer: '/data/attributes/email' } }),
    });
    const handler = toLambda(() => err(new EmailTaken({ email: 'ada@example.com' })), {
      errors: typo,
      logger,
    });
    const response = await invoke(
      handler,
      restApiEvent({ requestId: REST_REQUEST_ID }),
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
    expect(response.status).toBe(500);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({
      message: 'Handler defect answered with a masked 500',
      errorName: 'InvalidResponseError',
      errorMessage:
        'The error map\'s entry for "EmailTaken" has a member "sauce", which entries do not ' +
        'have (they have status, code, title, detail, source, meta, type, headers, expose).',
    });
  });

  it.each<[string, () => unknown, string, string]>([
    [
      'in a map',
      () => errorMap<EmailTaken>({ EmailTaken: { status: 409, details: 'taken' } as never }),
      'EmailTaken',
      'details',
    ],
    [
      'in an override',
      () =>
        overrideErrors(shopErrors, {
          StaleVersion: { status: 409, retryAfter: 30 } as never,
        }),
      'StaleVersion',
      'retryAfter',
    ],
    [
      'and inherited',
      () =>
        errorMap<EmailTaken>({
          EmailTaken: Object.create({ sauce: 'inherited' }, { status: { value: 409 } }) as never,
        }),
      'EmailTaken',
      'sauce',
    ],
  ])(
    'written as an object %s (past the compiler) stops the map being declared',
    (_, declare, tag, member) => {
      expect(declare).toThrow(
        new TypeError(
          `The error map's entry for "${tag}" has a member "${member}", which entries do not ` +
            'have (they have status, code, title, detail, source, meta, type, headers, expose).',
        ),
      );
    },
  );
});
