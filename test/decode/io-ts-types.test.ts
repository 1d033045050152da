import * as t from 'io-ts';
import { BooleanFromString as IotsBoolean } from 'io-ts-types/lib/BooleanFromString.js';
import { DateFromISOString } from 'io-ts-types/lib/DateFromISOString.js';
import { NonEmptyString as IotsNonEmpty } from 'io-ts-types/lib/NonEmptyString.js';
import { NumberFromString as IotsNumber } from 'io-ts-types/lib/NumberFromString.js';
import { UUID } from 'io-ts-types/lib/UUID.js';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  BooleanFromString,
  DateTimeFromString,
  NumberFromString,
  endpoint,
  json,
  toLambda,
} from '../../src/index.js';
import { fakeContext, httpApiEvent } from '../../src/testing/index.js';
import { capturingLogger } from '../support/logger.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID } from '../support/request-id.js';

// What docs/decoding.md says about io-ts-types, checked against the library itself.

const isRight = (codec: t.Mixed, value: unknown): boolean => codec.decode(value)._tag === 'Right';

describe('io-ts-types where it is not strict enough', () => {
  it.each(['0x10', '1e3', 'Infinity', ' 7'])(
    'its NumberFromString accepts %j; gatefold’s refuses it',
    (text) => {
      expect(isRight(IotsNumber, text)).toBe(true);
      expect(isRight(NumberFromString, text)).toBe(false);
    },
  );

  it.each(['2026-11-25', 'Nov 25 2026 10:00'])(
    'its DateFromISOString accepts %j, which is no RFC 3339 date-time; gatefold’s refuses it',
    (text) => {
      expect(isRight(DateFromISOString, text)).toBe(true);
      expect(isRight(DateTimeFromString, text)).toBe(false);
    },
  );
});

describe('io-ts-types where it is correct', () => {
  it.each(['true', 'false', '1', 'yes', 'TRUE'])('its BooleanFromString agrees on %j', (text) => {
    expect(isRight(IotsBoolean, text)).toBe(isRight(BooleanFromString, text));
  });

  it('its codecs work in an endpoint, failures reported with the codec’s name', async () => {
    const lambda = toLambda(
      endpoint(
        { params: t.type({ id: UUID }), query: t.type({ name: IotsNonEmpty }) },
        ({ params }) => ok(json(params.id)),
      ),
      { logger: capturingLogger() },
    );
    const result = await lambda(
      httpApiEvent({
        pathParameters: { id: 'nope' },
        query: { name: '' },
        requestId: HTTP_REQUEST_ID,
      }),
      fakeContext({ awsRequestId: LAMBDA_REQUEST_ID }),
    );
    expect(JSON.parse(result.body ?? '')).toEqual({
      errors: [
        {
          status: '400',
          code: 'invalid-value',
          title: 'Invalid value',
          detail: 'Expected UUID, received "nope".',
          source: { parameter: 'id' },
        },
        {
          status: '400',
          code: 'invalid-value',
          title: 'Invalid value',
          detail: 'Expected NonEmptyString, received "".',
          source: { parameter: 'name' },
        },
      ],
      meta: { requestId: HTTP_REQUEST_ID },
    });
  });
});
