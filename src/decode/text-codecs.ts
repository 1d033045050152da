import * as t from 'io-ts';
import { describeCodec } from './describe.js';

/**
 * Strict codecs for values that arrive as text: path parameters, query parameters, headers and
 * cookies. Each accepts one spelling only, so that `?page=0x10` or `?page=1e3` is a clear 400 and
 * not a surprise. (io-ts-types' `NumberFromString` and `IntFromString` go through `Number()`,
 * which accepts hex, exponents, `Infinity` and surrounding spaces; its `DateFromISOString` goes
 * through `new Date()`, which accepts far more than ISO 8601.)
 */

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 §5.6 date-time: a time zone is required, since a local time names no instant.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
// RFC 9562: versions 1–8 with the RFC variant, plus the nil and max UUIDs.
const UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i;

// UUID above, case-insensitive without a flag: JSON Schema patterns take none.
const UUID_SCHEMA_PATTERN =
  '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12})$';

function textCodec<A>(
  name: string,
  expected: string,
  schema: Readonly<Record<string, unknown>>,
  is: (value: unknown) => value is A,
  parse: (text: string) => A | undefined,
  encode: (value: A) => string,
): t.Type<A, string> {
  const codec = new t.Type<A, string, unknown>(
    name,
    is,
    (input, context) => {
      if (typeof input !== 'string') return t.failure(input, context);
      const parsed = parse(input);
      return parsed === undefined ? t.failure(input, context) : t.success(parsed);
    },
    encode,
  );
  // A value that is not text at all (a JSON number, an array) is a type problem, not a format one.
  return describeCodec(codec, {
    expected,
    issue: { code: 'invalid-format', title: 'Invalid format' },
    base: t.string,
    schema: { type: 'string', ...schema },
  });
}

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);
const isDate = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

/** A number in plain decimal, never in exponent notation, so that decoding reads it back. */
function plainDecimal(value: number): string {
  const text = String(value);
  if (!text.includes('e')) return text;
  if (Number.isInteger(value)) return BigInt(value).toString();
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const fractionDigits = (mantissa.split('.')[1] ?? '').length - Number(exponent);
  return value.toFixed(Math.min(100, Math.max(0, fractionDigits)));
}

/** A UTC date; unlike `Date.UTC`, years 0–99 stay years 0–99 rather than 1900–1999. */
function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function daysIn(year: number, month: number): number {
  return utcDate(year, month + 1, 0).getUTCDate();
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/**
 * A safe integer written in plain decimal (`-12`, `0`, `007`); rejects `0x10`, `1e3`, `1.0`,
 * `Infinity`, `""` and surrounding spaces.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { IntFromString } from 'gatefold';
 * const Query = t.partial({ page: IntFromString });
 * ```
 */
export const IntFromString: t.Type<number, string> = /*#__PURE__*/ textCodec(
  'IntFromString',
  'an integer',
  // The regex's source, written out: reading `INTEGER.source` would keep every text codec in
  // every bundle, since a bundler cannot tell that a property read has no side effect.
  { pattern: '^-?\\d+$', format: 'int64' },
  isInteger,
  (text) => {
    if (!INTEGER.test(text)) return undefined;
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : undefined;
  },
  String,
);

/**
 * A finite number in plain decimal (`-1.5`, `42`); rejects exponents, hex, `.5`, `5.`,
 * `Infinity`, `NaN`, `""` and surrounding spaces.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { NumberFromString } from 'gatefold';
 * const Query = t.type({ lat: NumberFromString, lng: NumberFromString });
 * ```
 */
export const NumberFromString: t.Type<number, string> = /*#__PURE__*/ textCodec(
  'NumberFromString',
  'a decimal number',
  { pattern: '^-?\\d+(?:\\.\\d+)?$' },
  isNumber,
  (text) => {
    if (!DECIMAL.test(text)) return undefined;
    const value = Number(text);
    // 310 digits parse to Infinity: not a number anyone sent on purpose.
    return Number.isFinite(value) ? value : undefined;
  },
  plainDecimal,
);

/**
 * `true` or `false`, exactly (not `1`, `yes` or `TRUE`).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { BooleanFromString } from 'gatefold';
 * const Query = t.partial({ archived: BooleanFromString });
 * ```
 */
export const BooleanFromString: t.Type<boolean, string> = /*#__PURE__*/ textCodec(
  'BooleanFromString',
  '"true" or "false"',
  { enum: ['true', 'false'] },
  (value): value is boolean => typeof value === 'boolean',
  (text) => (text === 'true' ? true : text === 'false' ? false : undefined),
  String,
);

/**
 * An ISO 8601 calendar date, `YYYY-MM-DD`, that exists (`2026-02-30` does not), as a `Date` at
 * midnight UTC.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { DateFromString } from 'gatefold';
 * const Query = t.type({ from: DateFromString });
 * ```
 */
export const DateFromString: t.Type<Date, string> = /*#__PURE__*/ textCodec(
  'DateFromString',
  'a date as YYYY-MM-DD',
  { format: 'date' },
  isDate,
  (text) => {
    const match = DATE.exec(text);
    if (match === null) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return validDay(year, month, day) ? utcDate(year, month, day) : undefined;
  },
  (date) => date.toISOString().slice(0, 10),
);

/**
 * An RFC 3339 date-time with a time zone (`2026-11-25T17:01:03Z`,
 * `2026-11-25T18:01:03.250+01:00`), every field in range, as a `Date`.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { DateTimeFromString } from 'gatefold';
 * const Headers = t.partial({ 'if-unmodified-since-iso': DateTimeFromString });
 * ```
 */
export const DateTimeFromString: t.Type<Date, string> = /*#__PURE__*/ textCodec(
  'DateTimeFromString',
  'a date-time such as 2026-11-25T17:01:03Z',
  { format: 'date-time' },
  isDate,
  (text) => {
    const m = DATE_TIME.exec(text);
    if (m === null) return undefined;
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const hour = Number(m[4]);
    const minute = Number(m[5]);
    const second = Number(m[6]);
    const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
    const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
    if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
    const sign = m[9] === '-' ? -1 : 1;
    const offset = m[8] === undefined ? sign * (offsetHours * 60 + offsetMinutes) : 0;
    const utc = utcDate(year, month, day, hour, minute, second).getTime() + Math.floor(fraction);
    return new Date(utc - offset * 60_000);
  },
  (date) => date.toISOString(),
);

/** A string that is a UUID. */
export interface UuidBrand {
  readonly Uuid: unique symbol;
}

/** A UUID string (RFC 9562, any version 1–8, or the nil or max UUID), case-insensitive. */
export type Uuid = t.Branded<string, UuidBrand>;

/**
 * A UUID (RFC 9562: versions 1–8 with the RFC variant, or the nil or max UUID).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { Uuid } from 'gatefold';
 * const Params = t.type({ id: Uuid });
 * ```
 */
export const Uuid: t.BrandC<t.StringC, UuidBrand> = /*#__PURE__*/ describeCodec(
  /*#__PURE__*/ t.brand(t.string, (s): s is Uuid => UUID.test(s), 'Uuid'),
  {
    expected: 'a UUID',
    issue: { code: 'invalid-format', title: 'Invalid format' },
    base: t.string,
    schema: { type: 'string', format: 'uuid', pattern: UUID_SCHEMA_PATTERN },
  },
);

/** A string with at least one character. */
export interface NonEmptyStringBrand {
  readonly NonEmptyString: unique symbol;
}

/** A string with at least one character. */
export type NonEmptyString = t.Branded<string, NonEmptyStringBrand>;

/**
 * A string with at least one character (`required` when empty).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { NonEmptyString } from 'gatefold';
 * const Body = t.type({ name: NonEmptyString });
 * ```
 */
export const NonEmptyString: t.BrandC<t.StringC, NonEmptyStringBrand> = /*#__PURE__*/ describeCodec(
  /*#__PURE__*/ t.brand(t.string, (s): s is NonEmptyString => s.length > 0, 'NonEmptyString'),
  {
    expected: 'a non-empty string',
    issue: { code: 'required', title: 'Value is empty', detail: 'Expected a non-empty string.' },
    base: t.string,
    schema: { type: 'string', minLength: 1 },
  },
);

/**
 * A string with surrounding white space removed; compose it with `minLength` or
 * `NonEmptyString` to refuse blank values.
 *
 * @example
 * ```ts
 * import { Trimmed, minLength } from 'gatefold';
 * const Name = minLength(Trimmed, 1);
 * ```
 */
export const Trimmed: t.Type<string, string> = /*#__PURE__*/ describeCodec(
  /*#__PURE__*/ new t.Type<string, string, unknown>(
    'Trimmed',
    (value): value is string => typeof value === 'string' && value.trim() === value,
    (input, context) =>
      typeof input === 'string' ? t.success(input.trim()) : t.failure(input, context),
    (value) => value,
  ),
  { expected: 'a string', base: t.string, schema: { type: 'string' } },
);

/**
 * One of the given strings, e.g. a sort order; a string-literal union type.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { oneOf } from 'gatefold';
 * const Query = t.partial({ order: oneOf('asc', 'desc') });
 * ```
 */
export function oneOf<const L extends readonly [string, ...string[]]>(
  ...literals: L
): t.KeyofC<{ [K in L[number]]: null }> {
  // No prototype, so that even "__proto__" is an ordinary key.
  const keys = Object.create(null) as Record<string, null>;
  for (const literal of literals) keys[literal] = null;
  return t.keyof(keys as { [K in L[number]]: null });
}
