import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEvent } from '../../src/streaming/index.js';
import type { ServerSentEvent } from '../../src/streaming/index.js';

/** Runs per property; `FUZZ_RUNS=100000` for more. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

interface Parsed {
  readonly type: string;
  readonly data: string;
  readonly lastEventId: string;
  readonly retry: number | undefined;
}

/**
 * A client's reading of an event stream, as the HTML standard's "event stream interpretation"
 * describes it: lines split on CRLF, LF or CR; a blank line dispatches; `:` starts a comment;
 * one space after the colon removed; `data` lines joined with LF, the last LF dropped; nothing
 * dispatched when no `data` line came.
 */
function parse(stream: string): Parsed[] {
  const events: Parsed[] = [];
  let data = '';
  let type = '';
  let lastEventId = '';
  let retry: number | undefined;
  for (const line of stream.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data !== '') {
        events.push({ type: type || 'message', data: data.slice(0, -1), lastEventId, retry });
      }
      data = '';
      type = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') data += `${value}\n`;
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }
  return events;
}

const oneLine = fc.string({ unit: 'grapheme' }).filter((text) => !/[\r\n\0]/.test(text));
const anyText = fc.string({ unit: 'grapheme' });

describe('server-sent events encoding', () => {
  it('round-trips through a client: data (line breaks read as LF), type, id and retry', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              event: oneLine.filter((text) => text !== ''),
              id: oneLine,
              data: anyText,
              retry: fc.nat(),
              comment: anyText,
            },
            { requiredKeys: ['data'] },
          ),
          { maxLength: 5 },
        ),
        (events: ServerSentEvent[]) => {
          const parsed = parse(events.map((event) => encodeEvent(event)).join(''));
          let lastEventId = '';
          let retry: number | undefined;
          const expected: Parsed[] = [];
          for (const event of events) {
            if (event.id !== undefined) lastEventId = event.id;
            if (event.retry !== undefined) retry = event.retry;
            // A `data:` line with nothing after it still makes an event, of empty data.
            const data = String(event.data).replace(/\r\n|\r/g, '\n');
            expected.push({ type: event.event ?? 'message', data, lastEventId, retry });
          }
          expect(parsed).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('keeps every event its own: no data, comment or line break spills into the next', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 6 }), fc.array(anyText), (datas, comments) => {
        const text = [
          ...comments.map((comment) => encodeEvent({ comment })),
          ...datas.map((data) => encodeEvent(data)),
        ].join('');
        expect(parse(text).map((event) => event.data)).toEqual(
          datas.map((data) => data.replace(/\r\n|\r/g, '\n')),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses what would break the stream: a line break in a type or id, a bad retry', () => {
    expect(() => encodeEvent({ event: 'a\nb' })).toThrow(/line break/);
    expect(() => encodeEvent({ id: 'a\rb' })).toThrow(/line break/);
    expect(() => encodeEvent({ id: 'a\0b' })).toThrow(/NUL/);
    expect(() => encodeEvent({ retry: -1 })).toThrow(/retry/);
    expect(() => encodeEvent({ data: () => 1 })).toThrow(/JSON/);
  });

  it('writes data that is not a string as JSON, and a string as the data of a message', () => {
    expect(encodeEvent({ data: { a: [1, 'x'] } })).toBe('data: {"a":[1,"x"]}\n\n');
    expect(encodeEvent('plain')).toBe('data: plain\n\n');
    expect(encodeEvent({ data: '' })).toBe('data: \n\n');
  });
});
