import type { Context } from 'aws-lambda';
import { err, ok } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LambdaOptions } from '../../src/index.js';
import { UnsupportedEventError, json, notFound, problem, toLambda } from '../../src/index.js';
import { toLambdaIntegration } from '../../src/integration/index.js';
import { albEvent, fakeContext, httpApiEvent, restApiEvent } from '../../src/testing/index.js';
import { HTTP_REQUEST_ID, LAMBDA_REQUEST_ID, REST_REQUEST_ID } from '../support/request-id.js';

// `logger: false`: nothing of what gatefold logs or prints reaches the console or standard
// output, on every path that writes a line; the answers stay the same.

const context = fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

/** A function either adapter returns, called with events of any kind. */
type Lambda = (event: never, context: Context) => Promise<unknown>;

interface Case {
  readonly name: string;
  readonly make: (options: LambdaOptions) => Lambda;
  readonly event: unknown;
  /** How many lines each console method and standard output get with the default logger. */
  readonly printed: Partial<Printed>;
}

interface Printed {
  readonly error: number;
  readonly warn: number;
  readonly info: number;
  readonly debug: number;
  readonly log: number;
  readonly stdout: number;
}

const NOTHING: Printed = { error: 0, warn: 0, info: 0, debug: 0, log: 0, stdout: 0 };

const cases: readonly Case[] = [
  {
    name: 'a defect',
    make: (options) =>
      toLambda(() => {
        throw new TypeError('boom');
      }, options),
    event: httpApiEvent({ requestId: HTTP_REQUEST_ID }),
    printed: { error: 1 },
  },
  {
    name: 'a 4xx',
    make: (options) => toLambda(() => err(notFound({ code: 'UserNotFound' })), options),
    event: httpApiEvent({ requestId: HTTP_REQUEST_ID }),
    printed: { info: 1 },
  },
  {
    name: 'a 4xx at a chosen level',
    make: (options) => toLambda(() => err(notFound()), { ...options, clientErrorLogLevel: 'warn' }),
    event: httpApiEvent({ requestId: HTTP_REQUEST_ID }),
    printed: { warn: 1 },
  },
  {
    name: 'a 5xx the handler returned',
    make: (options) => toLambda(() => err(problem({ status: 503 })), options),
    event: restApiEvent({ requestId: REST_REQUEST_ID }),
    printed: { error: 1 },
  },
  {
    name: 'the access log',
    make: (options) => toLambda(() => ok(json({ up: true })), { ...options, accessLog: true }),
    event: restApiEvent({ requestId: REST_REQUEST_ID }),
    printed: { info: 1 },
  },
  {
    name: 'EMF metric lines',
    make: (options) =>
      toLambda(() => ok(json({ up: true })), { ...options, metrics: { namespace: 'shop-api' } }),
    event: restApiEvent({ requestId: REST_REQUEST_ID }),
    printed: { stdout: 1 },
  },
  {
    name: 'a result too large for its source',
    make: (options) =>
      toLambda(() => ok(json({ text: 'x'.repeat(5000) })), {
        ...options,
        responseLimits: { http: 4096 },
      }),
    event: httpApiEvent({ requestId: HTTP_REQUEST_ID }),
    printed: { error: 1 },
  },
  {
    name: 'cookies an ALB in single-value mode cannot send',
    make: (options) => toLambda(() => ok(json({ up: true }, { cookies: ['a=1', 'b=2'] })), options),
    event: albEvent(),
    printed: { warn: 1 },
  },
  {
    name: 'an event that is not HTTP',
    make: (options) => toLambda(() => ok(1), options),
    event: { Records: [] },
    printed: { error: 1 },
  },
  {
    name: 'an event that is not a custom integration’s',
    make: (options) => toLambdaIntegration(() => ok(1), options),
    event: { Records: [] },
    printed: { error: 1 },
  },
];

let spies: Record<keyof Printed, { mock: { calls: unknown[][] } }>;

beforeEach(() => {
  spies = {
    error: vi.spyOn(console, 'error').mockImplementation(() => undefined),
    warn: vi.spyOn(console, 'warn').mockImplementation(() => undefined),
    info: vi.spyOn(console, 'info').mockImplementation(() => undefined),
    debug: vi.spyOn(console, 'debug').mockImplementation(() => undefined),
    log: vi.spyOn(console, 'log').mockImplementation(() => undefined),
    stdout: vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
  };
});

afterEach(() => {
  vi.restoreAllMocks();
});

function printed(): Printed {
  const count = (name: keyof Printed): number => spies[name].mock.calls.length;
  return {
    error: count('error'),
    warn: count('warn'),
    info: count('info'),
    debug: count('debug'),
    log: count('log'),
    stdout: count('stdout'),
  };
}

/** The answer, or what the invocation rejected with. */
async function outcome(lambda: Lambda, event: unknown): Promise<unknown> {
  try {
    return { answered: await lambda(event as never, context) };
  } catch (error) {
    return { rejected: error };
  }
}

describe('logger: false', () => {
  it.each(cases)('prints nothing for $name, and answers the same', async (c) => {
    const logged = await outcome(c.make({}), c.event);
    expect(printed()).toEqual({ ...NOTHING, ...c.printed });
    vi.clearAllMocks();

    const silent = await outcome(c.make({ logger: false }), c.event);

    expect(printed()).toEqual(NOTHING);
    expect(silent).toEqual(logged);
  });

  it('still rejects an event that is not HTTP, with the same error', async () => {
    await expect(
      (toLambda(() => ok(1), { logger: false }) as Lambda)({ Records: [] } as never, context),
    ).rejects.toThrow(UnsupportedEventError);
  });

  it('still hands EMF lines to a metrics writer of your own', async () => {
    const lines: string[] = [];
    const lambda = toLambda(() => err(notFound()), {
      logger: false,
      metrics: { namespace: 'shop-api', write: (line) => lines.push(line) },
    });
    await lambda(restApiEvent({ requestId: REST_REQUEST_ID }), context);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number) as number,
          CloudWatchMetrics: [
            {
              Namespace: 'shop-api',
              Dimensions: [['Route']],
              Metrics: [
                { Name: 'Requests', Unit: 'Count' },
                { Name: 'ClientErrors', Unit: 'Count' },
                { Name: 'ServerErrors', Unit: 'Count' },
                { Name: 'Defects', Unit: 'Count' },
                { Name: 'Duration', Unit: 'Milliseconds' },
              ],
            },
          ],
        },
        Route: '/',
        Requests: 1,
        ClientErrors: 1,
        ServerErrors: 0,
        Defects: 0,
        Duration: expect.any(Number) as number,
        requestId: REST_REQUEST_ID,
      },
    ]);
    expect(printed()).toEqual(NOTHING);
  });
});

describe('the logger option, checked when the function is made', () => {
  const advice =
    'pass a logger (error, warn, info and debug methods, e.g. consoleLogger), or false to log nothing.';

  it.each([
    [true, 'a boolean'],
    [null, 'null'],
    ['console', 'a string'],
    [[], 'an array'],
    [() => undefined, 'a function'],
    [{}, 'an object with no error method'],
    [{ error: vi.fn(), warn: vi.fn(), info: vi.fn() }, 'an object with no debug method'],
    [{ error: vi.fn(), warn: 'x', info: vi.fn(), debug: vi.fn() }, 'an object with no warn method'],
  ])('refuses %o', (logger, what) => {
    const message = `The \`logger\` option is ${what}; ${advice}`;
    const options = { logger } as unknown as LambdaOptions;
    expect(() => toLambda(() => ok(1), options)).toThrow(new TypeError(message));
    expect(() => toLambdaIntegration(() => ok(1), options)).toThrow(new TypeError(message));
  });

  it('takes an object whose methods are inherited, such as a class instance', async () => {
    const records: unknown[] = [];
    class Collecting {
      error(record: unknown): void {
        records.push(record);
      }
      warn(): void {}
      info(): void {}
      debug(): void {}
    }
    await toLambda(
      () => {
        throw new Error('boom');
      },
      { logger: new Collecting() },
    )(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context);
    expect(records).toEqual([
      expect.objectContaining({
        message: 'Handler defect answered with a masked 500',
        requestId: HTTP_REQUEST_ID,
      }),
    ]);
    expect(printed()).toEqual(NOTHING);
  });
});
