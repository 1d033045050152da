/**
 * Query components decoded as forms are (`+` a space, `%XX` a byte): malformed escapes and runs
 * of escapes that are not UTF-8 are kept as sent while the valid sequences beside them are
 * decoded, and whatever the escapes, decoding throws nothing on the way — not even inside, where a
 * caught exception per escape once made 640 KB of `%C0` take seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeQueryComponent, parseQueryString } from '../../src/_internals/query-string.js';

/**
 * Counts the times `decodeURIComponent` throws until restored: each throw is an exception raised
 * and caught inside the decoder, the cost this file guards against.
 */
function watchThrows(): { readonly thrown: () => number; readonly restore: () => void } {
  const original = globalThis.decodeURIComponent;
  let thrown = 0;
  // Replaced by hand rather than with a spy, which would also keep every call's arguments.
  globalThis.decodeURIComponent = (text) => {
    try {
      return original(text);
    } catch (error) {
      thrown += 1;
      throw error;
    }
  };
  return {
    thrown: () => thrown,
    restore: () => {
      globalThis.decodeURIComponent = original;
    },
  };
}

/** What `run` returns, and how many times `decodeURIComponent` threw while it ran. */
function throwsDuring<T>(run: () => T): { readonly value: T; readonly thrown: number } {
  const watch = watchThrows();
  try {
    return { value: run(), thrown: watch.thrown() };
  } finally {
    watch.restore();
  }
}

/** A query map as the parser makes it: without a prototype. */
function queryMap(entries: Readonly<Record<string, string[]>>): Record<string, string[]> {
  return Object.assign(Object.setPrototypeOf({}, null) as Record<string, string[]>, entries);
}

/**
 * The documented semantics, written the slow and obvious way: each UTF-8 sequence is handed to
 * `decodeURIComponent` on its own, and an escape that does not start one it accepts is kept.
 */
function reference(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let out = '';
    let i = 0;
    while (i < run.length) {
      const lead = parseInt(run.slice(i + 1, i + 3), 16);
      const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(run.slice(i, i + length * 3));
      } catch {
        decoded = undefined;
      }
      if (decoded === undefined || run.length < i + length * 3) {
        out += run.slice(i, i + 3);
        i += 3;
      } else {
        out += decoded;
        i += length * 3;
      }
    }
    return out;
  });
}

const hex = (byte: number, lower: boolean): string => {
  const digits = byte.toString(16).padStart(2, '0');
  return `%${lower ? digits : digits.toUpperCase()}`;
};

// Lead bytes at the ends of each range of Table 3-7 of the Unicode Standard, the continuation
// bytes that bound its special second bytes, and bytes that never occur in UTF-8.
const EDGE_BYTES = [
  0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee,
  0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff,
];

/** Query text rich in escapes: any byte (either case), malformed ones, and plain characters. */
const escapeHeavy = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.nat(0xff), fc.boolean()).map(([b, l]) => hex(b, l)) },
      // Bytes at the edges of UTF-8's ranges, more often than chance would pick them.
      {
        weight: 4,
        arbitrary: fc
          .tuple(fc.constantFrom(...EDGE_BYTES), fc.boolean())
          .map(([b, l]) => hex(b, l)),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom('%', '%z', '%4', '%zz', '+', '=', 'a', '€', '%%', '\n'),
      },
    ),
    { maxLength: 24 },
  )
  .map((tokens) => tokens.join(''));

describe('decodeQueryComponent', () => {
  it.each([
    ['plain text', 'abc', 'abc'],
    ['a plus sign is a space', 'a+b', 'a b'],
    ['an escaped plus sign is a plus sign', '%2B', '+'],
    ['lower-case hex', '%c3%a9', 'é'],
    ['the smallest two-byte sequence, U+0080', '%C2%80', '\u0080'],
    ['the largest two-byte sequence, U+07FF', '%DF%BF', '\u07ff'],
    ['the smallest three-byte sequence, U+0800', '%E0%A0%80', '\u0800'],
    ['the last code point before the surrogates, U+D7FF', '%ED%9F%BF', '\ud7ff'],
    ['the first code point after them, U+E000', '%EE%80%80', '\ue000'],
    ['U+FFFF', '%EF%BF%BF', '\uffff'],
    ['the smallest four-byte sequence, U+10000', '%F0%90%80%80', '\u{10000}'],
    ['the largest code point, U+10FFFF', '%F4%8F%BF%BF', '\u{10ffff}'],
    ['an emoji', '%F0%9F%98%80', '😀'],
    ['an escape that is not hex', '%zz', '%zz'],
    ['a lone percent sign', '100%', '100%'],
    ['a truncated escape', 'ab%2', 'ab%2'],
    ['a truncated escape before a line break', '%2\n', '%2\n'],
    ['a percent sign before a line break', '%\n41', '%\n41'],
    ['a percent sign before an escape', '%%41', '%A'],
    ['a percent sign before a non-hex digit after a valid one', '%4g%41', '%4gA'],
    ['an overlong "." (C0 AE)', '%C0%AE', '%C0%AE'],
    ['an overlong "." in lower case, kept in its case', '%c0%ae', '%c0%ae'],
    ['an overlong three-byte sequence', '%E0%80%AF', '%E0%80%AF'],
    ['an overlong four-byte sequence', '%F0%80%80%AF', '%F0%80%80%AF'],
    ['a surrogate (ED A0 80)', '%ED%A0%80', '%ED%A0%80'],
    ['a code point past U+10FFFF (F4 90 80 80)', '%F4%90%80%80', '%F4%90%80%80'],
    ['a byte that never starts a sequence (F5)', '%F5%80%80%80', '%F5%80%80%80'],
    ['a lone continuation byte', '%80', '%80'],
    ['a truncated sequence', '%E2%82', '%E2%82'],
    ['a truncated sequence before a valid one', '%E2%82%E2%82%AC', '%E2%82€'],
    ['a sequence cut by a plain character', '%E2%82x%AC', '%E2%82x%AC'],
    ['a lead byte whose next escape is ASCII', '%E2%41%42', '%E2AB'],
    ['an overlong sequence beside a euro sign', '%C0%AE%E2%82%AC', '%C0%AE€'],
    ['a bad escape beside good ones', '%zz%20b%2F', '%zz b/'],
    ['every kind at once', '%C0+%zz+%E2%82%AC+%', '%C0 %zz € %'],
  ])('%s', (_, text, decoded) => {
    const { value, thrown } = throwsDuring(() => decodeQueryComponent(text));
    expect(value).toBe(decoded);
    expect(thrown).toBe(0);
  });

  it('keeps the documented semantics for any escapes: each UTF-8 sequence decoded or kept', () => {
    fc.assert(
      fc.property(escapeHeavy, (text) => {
        expect(decodeQueryComponent(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('throws nothing, not even inside, whatever the text', () => {
    const watch = watchThrows();
    try {
      fc.assert(
        fc.property(
          fc.oneof(
            { weight: 9, arbitrary: escapeHeavy },
            { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
          ),
          (text) => {
            const before = watch.thrown();
            decodeQueryComponent(text);
            expect(watch.thrown() - before).toBe(0);
          },
        ),
        { numRuns: 1000 },
      );
    } finally {
      watch.restore();
    }
  });

  it('decodes what encodeURIComponent encoded, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeQueryComponent(encodeURIComponent(text))).toBe(text);
      }),
    );
  });

  it('decodes valid UTF-8 as a UTF-8 decoder does', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.boolean(), (text, lower) => {
        const bytes = new TextEncoder().encode(text);
        const escaped = Array.from(bytes, (b) => hex(b, lower)).join('');
        expect(decodeQueryComponent(escaped)).toBe(decoder.decode(bytes));
      }),
    );
  });
});

describe('parseQueryString with many escapes', () => {
  const KB = 1024;

  it.each([
    ['640 KB of %C0', '%C0'.repeat((640 * KB) / 3)],
    ['640 KB of truncated sequences (%E2%82)', '%E2%82'.repeat((640 * KB) / 6)],
    ['640 KB of %C0 between plain characters', '%C0x'.repeat((640 * KB) / 4)],
  ])('%s: the value as sent, and no exception raised on the way', (_, value) => {
    const { value: query, thrown } = throwsDuring(() => parseQueryString(`v=${value}`));
    expect(query).toStrictEqual(queryMap({ v: [value] }));
    expect(thrown).toBe(0);
  });

  it('160,000 values that are each a lone %: every one kept, no exception raised', () => {
    const { value: query, thrown } = throwsDuring(() => parseQueryString('a=%&'.repeat(160_000)));
    expect(query).toStrictEqual(queryMap({ a: Array.from({ length: 160_000 }, () => '%') }));
    expect(thrown).toBe(0);
  });

  it('640 KB of valid escapes, ASCII and not, decoded', () => {
    const euros = '%E2%82%AC'.repeat((640 * KB) / 9);
    const letters = '%41'.repeat((640 * KB) / 3);
    expect(parseQueryString(`e=${euros}&l=${letters}`)).toStrictEqual(
      queryMap({ e: ['€'.repeat((640 * KB) / 9)], l: ['A'.repeat((640 * KB) / 3)] }),
    );
  });
});
