/**
 * `invoke` returns the lines the default console logger and the default EMF writer would have
 * printed during the invocation (`response.logs`), and prints none of them.
 */
import { err, ok } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpRequest } from '../../src/index.js';
import { UnsupportedEventError, consoleLogger, json, notFound, toLambda } from '../../src/index.js';
import type { InvokableHandler } from '../../src/testing/index.js';
import {
  fakeContext,
  functionUrlEvent,
  httpApiEvent,
  invoke,
  restApiEvent,
} from '../../src/testing/index.js';
import { writeStdout } from '../../src/observe/metrics.js';
import { capturingLogger } from '../support/logger.js';
import {
  HTTP_REQUEST_ID,
  LAMBDA_REQUEST_ID,
  REST_REQUEST_ID,
  TRACE_ID,
} from '../support/request-id.js';

const context = (): ReturnType<typeof fakeContext> =>
  fakeContext({ awsRequestId: LAMBDA_REQUEST_ID });

const traced = { 'x-amzn-trace-id': TRACE_ID };

/** A promise and the function that resolves it. */
function deferred(): { readonly promise: Promise<void>; readonly resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

interface Printed {
  readonly error: unknown[];
  readonly warn: unknown[];
  readonly info: unknown[];
  readonly debug: unknown[];
  readonly log: unknown[];
  readonly stdout: unknown[];
}

const NOTHING: Printed = { error: [], warn: [], info: [], debug: [], log: [], stdout: [] };

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

/** What reached the console and standard output: the first argument of each call. */
function printed(): Printed {
  const firsts = (name: keyof Printed): unknown[] => spies[name].mock.calls.map((call) => call[0]);
  return {
    error: firsts('error'),
    warn: firsts('warn'),
    info: firsts('info'),
    debug: firsts('debug'),
    log: firsts('log'),
    stdout: firsts('stdout'),
  };
}

const EMF_DIRECTIVE = {
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
};

describe('invoke captures the default logger', () => {
  it('returns a 4xx line on the response instead of printing it', async () => {
    const handler = toLambda(() => err(notFound({ code: 'UserNotFound', detail: 'No user.' })));

    const response = await invoke(
      handler,
      httpApiEvent({ path: '/users/u-9', headers: traced, requestId: HTTP_REQUEST_ID }),
      context(),
    );

    expect(response.status).toBe(404);
    expect(response.logs).toEqual([
      {
        level: 'info',
        message: 'Answered 404: a client error',
        requestId: HTTP_REQUEST_ID,
        lambdaRequestId: LAMBDA_REQUEST_ID,
        method: 'GET',
        path: '/users/u-9',
        route: '$default',
        traceId: TRACE_ID,
        status: 404,
        errors: [{ status: 404, title: 'Not Found', code: 'UserNotFound', detail: 'No user.' }],
      },
    ]);
    expect(Object.keys(response.logs[0] ?? {})[0]).toBe('level');
    expect(printed()).toEqual(NOTHING);
  });

  it('returns a defect line with its error', async () => {
    const handler = toLambda(() => {
      throw new TypeError('boom', { cause: new Error('socket closed') });
    });

    const response = await invoke(
      handler,
      restApiEvent({ path: '/orders', headers: traced, requestId: REST_REQUEST_ID }),
      context(),
    );

    expect(response.status).toBe(500);
    expect(response.logs).toEqual([
      {
        level: 'error',
        message: 'Handler defect answered with a masked 500',
        requestId: REST_REQUEST_ID,
        lambdaRequestId: LAMBDA_REQUEST_ID,
        kind: 'rest',
        method: 'GET',
        path: '/orders',
        route: '/orders',
        traceId: TRACE_ID,
        errorName: 'TypeError',
        errorMessage: 'boom',
        causes: [{ name: 'Error', message: 'socket closed', stack: expect.any(String) as string }],
        stack: expect.stringContaining('TypeError: boom') as string,
      },
    ]);
    expect(printed()).toEqual(NOTHING);
  });

  it('returns every line of the invocation in order, EMF lines marked as metrics', async () => {
    const handler = toLambda(() => err(notFound()), {
      accessLog: true,
      metrics: { namespace: 'shop-api' },
    });

    const response = await invoke(
      handler,
      restApiEvent({ path: '/users/u-9', headers: traced, requestId: REST_REQUEST_ID }),
      context(),
    );

    const request = {
      requestId: REST_REQUEST_ID,
      lambdaRequestId: LAMBDA_REQUEST_ID,
      method: 'GET',
      path: '/users/u-9',
      route: '/users/u-9',
      traceId: TRACE_ID,
    };
    expect(response.logs).toEqual([
      {
        level: 'info',
        message: 'Answered 404: a client error',
        ...request,
        status: 404,
        errors: [{ status: 404, title: 'Not Found' }],
      },
      {
        level: 'info',
        message: 'request',
        ...request,
        status: 404,
        durationMs: expect.any(Number) as number,
        errorCodes: [],
        coldStart: expect.any(Boolean) as boolean,
      },
      {
        level: 'metrics',
        _aws: EMF_DIRECTIVE,
        Route: '/users/u-9',
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

  it('returns what the console logger prints for a record it cannot serialise', async () => {
    const handler: InvokableHandler = () => {
      consoleLogger.warn({ message: 'counted', count: 10n });
      return { statusCode: 204, body: '' };
    };
    const response = await invoke(handler, restApiEvent());
    expect(response.logs).toEqual([{ level: 'warn', message: 'counted' }]);
    expect(printed()).toEqual(NOTHING);
  });

  it('gives each line the level it was logged at, whatever its fields say', async () => {
    const handler: InvokableHandler = () => {
      consoleLogger.debug({ message: 'odd', level: 'fatal' });
      return { statusCode: 204, body: '' };
    };
    const response = await invoke(handler, restApiEvent());
    expect(response.logs).toEqual([{ level: 'debug', message: 'odd' }]);
    expect(printed()).toEqual(NOTHING);
  });

  it('returns no lines for a handler with a logger of its own, which still gets them', async () => {
    const logger = capturingLogger();
    const handler = toLambda(() => err(notFound()), { logger });

    const response = await invoke(handler, httpApiEvent({ requestId: HTTP_REQUEST_ID }), context());

    expect(response.logs).toEqual([]);
    expect(logger.info.mock.calls).toEqual([
      [expect.objectContaining({ message: 'Answered 404: a client error', status: 404 })],
    ]);
    expect(printed()).toEqual(NOTHING);
  });

  it('returns no lines for a handler built with logger: false', async () => {
    const handler = toLambda(() => err(notFound()), {
      logger: false,
      accessLog: true,
      metrics: { namespace: 'shop-api' },
    });
    const response = await invoke(handler, httpApiEvent());
    expect(response.status).toBe(404);
    expect(response.logs).toEqual([]);
    expect(printed()).toEqual(NOTHING);
  });

  it('keeps the lines of concurrent invocations apart', async () => {
    const release = new Map<string, () => void>();
    const started = deferred();
    const handler = toLambda(async (request: HttpRequest) => {
      consoleLogger.debug({ message: 'started', path: request.path });
      await new Promise<void>((resolve) => {
        release.set(request.path, resolve);
        if (release.size === 2) started.resolve();
      });
      return err(notFound({ detail: request.path }));
    });
    const lines = (path: string): unknown[] => [
      { level: 'debug', message: 'started', path },
      expect.objectContaining({
        level: 'info',
        path,
        errors: [{ status: 404, title: 'Not Found', detail: path }],
      }),
    ];

    const first = invoke(handler, httpApiEvent({ path: '/a' }));
    const second = invoke(handler, functionUrlEvent({ path: '/b' }));
    await started.promise;
    // Both have logged a line; the second finishes first.
    release.get('/b')?.();
    const b = await second;
    release.get('/a')?.();
    const a = await first;

    expect(a.logs).toEqual(lines('/a'));
    expect(b.logs).toEqual(lines('/b'));
    expect(printed()).toEqual(NOTHING);
  });

  it('captures many concurrent invocations, each with its own lines', async () => {
    const handler = toLambda(async (request: HttpRequest) => {
      const delay = Number(request.path.slice(1)) % 3;
      await new Promise((resolve) => setTimeout(resolve, delay));
      consoleLogger.info({ message: 'answering', path: request.path });
      return ok(json({ path: request.path }));
    });
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        invoke(handler, httpApiEvent({ path: `/${index}` })),
      ),
    );
    expect(responses.map((response) => response.logs)).toEqual(
      Array.from({ length: 30 }, (_, index) => [
        { level: 'info', message: 'answering', path: `/${index}` },
      ]),
    );
    expect(printed()).toEqual(NOTHING);
  });

  it('prints a line logged after it returned, and keeps the response as it was', async () => {
    const later = deferred();
    const logged = deferred();
    const handler: InvokableHandler = () => {
      void later.promise.then(() => {
        consoleLogger.info({ message: 'late' });
        logged.resolve();
      });
      consoleLogger.info({ message: 'in time' });
      return { statusCode: 204, body: '' };
    };

    const response = await invoke(handler, restApiEvent());
    later.resolve();
    await logged.promise;

    expect(response.logs).toEqual([{ level: 'info', message: 'in time' }]);
    expect(printed()).toEqual({ ...NOTHING, info: ['{"level":"info","message":"late"}'] });
  });

  it('prints the captured lines when the handler throws, and passes the throw on', async () => {
    const handler = toLambda(() => ok(1));
    await expect(
      invoke(handler as InvokableHandler, { Records: [] } as never, context()),
    ).rejects.toThrow(UnsupportedEventError);
    expect(printed().error).toEqual([expect.stringMatching(/^\{"level":"error","message":"/)]);
    expect(JSON.parse(String(printed().error[0]))).toEqual({
      level: 'error',
      message: expect.stringContaining('gatefold serves HTTP events') as string,
      errorName: 'UnsupportedEventError',
      errorMessage: expect.any(String) as string,
      causes: [],
      stack: expect.any(String) as string,
    });
    expect({ ...printed(), error: [] }).toEqual(NOTHING);
  });

  it('prints the captured lines, in order, when the result is not an HTTP result', async () => {
    const handler: InvokableHandler = () => {
      consoleLogger.warn({ message: 'first' });
      writeStdout('{"Requests":1}');
      consoleLogger.error({ message: 'second' });
      return 'not a result';
    };
    await expect(invoke(handler, restApiEvent())).rejects.toThrow(
      "invoke: the handler returned 'not a result', which is not an HTTP result (it has no numeric statusCode).",
    );
    expect(printed()).toEqual({
      ...NOTHING,
      warn: ['{"level":"warn","message":"first"}'],
      stdout: ['{"Requests":1}\n'],
      error: ['{"level":"error","message":"second"}'],
    });
  });

  it('prints a metrics line that is not a JSON object, as it is', async () => {
    const handler: InvokableHandler = () => {
      writeStdout('not json');
      writeStdout('[1]');
      writeStdout('{"Requests":1}');
      return { statusCode: 204, body: '' };
    };
    const response = await invoke(handler, restApiEvent());
    expect(response.logs).toEqual([{ level: 'metrics', Requests: 1 }]);
    expect(printed()).toEqual({ ...NOTHING, stdout: ['not json\n', '[1]\n'] });
  });

  it('prints what is logged outside an invoke, as always', async () => {
    const handler = toLambda(() => err(notFound()), { metrics: { namespace: 'shop-api' } });
    await invoke(handler, httpApiEvent());
    await handler(httpApiEvent({ requestId: HTTP_REQUEST_ID }), context());
    const shown = printed();
    expect(shown.info.map((line) => JSON.parse(String(line)) as unknown)).toEqual([
      expect.objectContaining({ level: 'info', requestId: HTTP_REQUEST_ID, status: 404 }),
    ]);
    expect(shown.stdout.map((line) => JSON.parse(String(line)) as unknown)).toEqual([
      expect.objectContaining({ requestId: HTTP_REQUEST_ID, ClientErrors: 1 }),
    ]);
  });
});

describe('another copy of gatefold in the process', () => {
  it('is captured by invoke, and its invoke captures this copy', async () => {
    vi.resetModules();
    const other = await import('../../src/index.js');
    const otherTesting = await import('../../src/testing/index.js');
    expect(other.consoleLogger).not.toBe(consoleLogger);
    expect(otherTesting.invoke).not.toBe(invoke);

    const theirs = other.toLambda(() => err(other.notFound()));
    const ours = toLambda(() => err(notFound()));
    const event = httpApiEvent({ requestId: HTTP_REQUEST_ID });
    const expected = [
      expect.objectContaining({
        level: 'info',
        message: 'Answered 404: a client error',
        requestId: HTTP_REQUEST_ID,
      }),
    ];

    expect((await invoke(theirs, event)).logs).toEqual(expected);
    expect((await otherTesting.invoke(ours, event)).logs).toEqual(expected);
    expect(printed()).toEqual(NOTHING);
  });
});
