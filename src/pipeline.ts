/**
 * The part of answering that does not depend on how the request arrived: middleware, handler,
 * fold, logs and metrics, and the request id on the response. `toLambda` and
 * `toLambdaIntegration` read their events and write their results around it.
 */
import type { Context } from 'aws-lambda';
import type { ErrorMap } from './errors/error-map.js';
import type { Tagged } from './errors/tagged-error.js';
import type { ReadRequest } from './events/read.js';
import type { Folded, FoldConfig } from './fold.js';
import type { LambdaOptions } from './options.js';
import type { Invocation as ObservedInvocation, ObserveConfig } from './observe/observe.js';
import type { HttpRequest } from './request.js';
import type { HttpResponse } from './response.js';
import type { Middleware, MiddlewareTools } from './middleware/middleware.js';
import { defectFolded, foldSettled, problemsFolded } from './fold.js';
import type { Logger } from './logger.js';
import { consoleLogger, silentLogger } from './logger.js';
import type { Chain } from './middleware/chain.js';
import { chain } from './middleware/chain.js';
import { writeStdout } from './observe/metrics.js';
import { needsDuration, observe } from './observe/observe.js';
import { isHeaderName, isHeaderValue } from './_internals/headers.js';
import { withEntry } from './_internals/fields.js';
import { kindOf } from './_internals/kind-of.js';
import { forgetRoute } from './_internals/routed.js';
import type { Settled } from './_internals/settle.js';
import { isSettled, settle } from './_internals/settle.js';

/** @internal A handler as the pipeline calls it: any outcome, checked by the fold. */
export type AnyHandler = (request: HttpRequest, context: Context) => unknown;

/** @internal What one invocation is known to be, for the logs. */
export interface Invocation extends ObservedInvocation {
  /** Set as soon as the request is read, so that a last-resort answer quotes its id. */
  request?: HttpRequest;
}

/** @internal What the pipeline answered. */
export interface Answered {
  readonly request: HttpRequest;
  readonly folded: Folded;
  /** The folded response with the request id header. */
  readonly response: HttpResponse;
  /**
   * True when every header and cookie of `response` is known to be sendable: the fold checked
   * them, and nothing but the request id (whose name and value are checked) was added after.
   */
  readonly headersChecked: boolean;
}

/** @internal The pipeline for one handler, its settings resolved once. */
export interface Pipeline {
  readonly config: FoldConfig;
  /**
   * Whether an invocation's `startedAt` is read (for the access log or metrics); when not, it may
   * be 0, and `performance` need not be loaded at all.
   */
  readonly timed: boolean;
  readonly requestIdHeader: string;
  /** The header a client request id is adopted from, or `undefined` when none is. */
  readonly adoptRequestId: string | undefined;
  /** Answers at once when nothing had to be awaited, through a promise otherwise. */
  readonly run: (
    read: () => ReadRequest,
    fallback: () => HttpRequest,
    context: Context,
    invocation: Invocation,
  ) => Answered | Promise<Answered>;
}

/**
 * Calls the handler and folds its outcome: at once for a synchronous outcome, through a promise
 * only when the outcome has to be awaited.
 */
function answer(
  handler: AnyHandler,
  request: HttpRequest,
  context: Context,
  config: FoldConfig,
): Folded | Promise<Folded> {
  // A synchronous throw, a rejection, or a return value that is not a result is a defect.
  const fold = (settled: Settled): Folded => {
    try {
      return foldSettled(request, settled, config);
    } catch (defect) {
      return defectFolded(request, defect, config);
    }
  };
  let settled: Settled | Promise<Settled>;
  try {
    settled = settle(handler(request, context));
  } catch (defect) {
    return defectFolded(request, defect, config);
  }
  return isSettled(settled)
    ? fold(settled)
    : settled.then(fold, (defect: unknown) => defectFolded(request, defect, config));
}

/**
 * Runs the folded handler inside the middleware. The fold result that produced the response —
 * the handler's, a problem a middleware answered with, or the masked 500 of a middleware's
 * defect — is kept for the logs and metrics. The chain checks what the middleware answer (`chain`),
 * so what this returns can be sent.
 */
async function throughMiddleware(
  middleware: Chain,
  core: (request: HttpRequest, context: Context) => Folded | Promise<Folded>,
  request: HttpRequest,
  context: Context,
  config: FoldConfig,
): Promise<Folded> {
  let produced: Folded | undefined;
  const tools: MiddlewareTools = {
    problem: (req, problem) => {
      // A middleware's own answer is what the client gets, even after it called `next`.
      const folded = problemsFolded(req, [problem], config);
      produced = folded;
      return folded.response;
    },
    defect: (req, cause) => {
      // Logged here, once; the middleware around it see the masked 500 and may decorate it.
      const folded = defectFolded(req, cause, config);
      produced = folded;
      return folded.response;
    },
  };
  const inner = async (req: HttpRequest, ctx: Context): Promise<HttpResponse> => {
    const folded = await core(req, ctx);
    produced ??= folded;
    return folded.response;
  };
  const response = await middleware(inner, tools)(request, context);
  return { defect: false, problems: [], mapped: [], ...produced, response };
}

/**
 * The middleware option, checked when the adapter is built: a JavaScript caller can pass one
 * middleware where a list belongs, which would otherwise be skipped without a word.
 */
function middlewareList(middleware: unknown): readonly Middleware[] {
  if (middleware === undefined) return [];
  if (!Array.isArray(middleware)) {
    throw new TypeError(
      `The \`middleware\` option is ${kindOf(middleware)}; pass a list, e.g. { middleware: [cors({ origins: ['https://shop.example'] })] }.`,
    );
  }
  middleware.forEach((layer: unknown, index) => {
    if (typeof layer !== 'function') {
      throw new TypeError(
        `The \`middleware\` option's entry ${String(index)} is ${kindOf(layer)}; each entry is a middleware, the function cors({ … }) and the like return.`,
      );
    }
  });
  return middleware as readonly Middleware[];
}

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/**
 * The logger option, checked when the adapter is built: a JavaScript caller can pass `true`, or
 * an object that is no logger, and each record would otherwise be dropped without a word.
 */
function loggerOption(logger: unknown): Logger | false {
  if (logger === undefined) return consoleLogger;
  if (logger === false) return false;
  const missing =
    (typeof logger === 'object' || typeof logger === 'function') && logger !== null
      ? LOG_LEVELS.find((level) => typeof (logger as Partial<Logger>)[level] !== 'function')
      : 'error';
  if (missing !== undefined) {
    const kind = kindOf(logger);
    const what = kind === 'an object' ? `an object with no ${missing} method` : kind;
    throw new TypeError(
      `The \`logger\` option is ${what}; pass a logger (error, warn, info and debug methods, e.g. consoleLogger), or false to log nothing.`,
    );
  }
  return logger as Logger;
}

/**
 * A HEAD response: the headers GET would send, no body (RFC 9110 §9.3.2). Dropped last, so that
 * middleware computed its headers (an ETag, a length, an encoding) from the body GET would send.
 */
function withoutBody(response: HttpResponse): HttpResponse {
  return response.body === '' ? response : { ...response, body: '' };
}

/** Sends the request id back on every response, unless the handler set the header itself. */
function withRequestId(response: HttpResponse, header: string, requestId: string): HttpResponse {
  if (response.headers[header] !== undefined || requestId === '') return response;
  return { ...response, headers: withEntry(response.headers, header, [requestId]) };
}

/**
 * {@link withRequestId} without a copy, for a response straight from the fold: its header map
 * is new, and nothing else holds it yet.
 */
function addRequestId(response: HttpResponse, header: string, requestId: string): HttpResponse {
  if (response.headers[header] === undefined && requestId !== '') {
    (response.headers as Record<string, readonly string[]>)[header] = [requestId];
  }
  return response;
}

/** @internal Builds the pipeline for a handler; settings are resolved here, not per request. */
export function pipeline(
  handler: AnyHandler,
  options: LambdaOptions & { readonly errors?: ErrorMap<Tagged> | undefined },
): Pipeline {
  const chosen = loggerOption(options.logger);
  // `false`: nothing is logged or printed; the lines that only observing needs are not even built.
  const silent = chosen === false;
  const logger = silent ? silentLogger : chosen;
  const config: FoldConfig = {
    logger,
    errorFormat: options.errorFormat ?? 'json-api',
    jsonApiMediaType: options.jsonApiMediaType ?? 'application/json',
    errors: options.errors,
  };
  const observeConfig: ObserveConfig = {
    logger,
    clientErrorLevel: silent ? 'off' : (options.clientErrorLogLevel ?? 'info'),
    accessLog: !silent && (options.accessLog ?? false),
    metrics:
      options.metrics === undefined || (silent && options.metrics.write === undefined)
        ? undefined
        : { namespace: options.metrics.namespace, write: options.metrics.write ?? writeStdout },
  };
  const middleware = middlewareList(options.middleware);
  const middlewareChain = chain(middleware);
  const requestIdHeader = (options.requestIdHeader ?? 'x-request-id').toLowerCase();
  const adoptRequestId = (options.acceptRequestId ?? true) ? requestIdHeader : undefined;
  // The fold checks the headers it builds, and the chain what the middleware answer; what
  // neither checked is known before any request: the request id header's name, and the JSON:API
  // media type from the options (a JavaScript caller can pass any string). Request ids never hold
  // control characters (chooseRequestId, adoptRequestId).
  const headersChecked = isHeaderName(requestIdHeader) && isHeaderValue(config.jsonApiMediaType);

  /** A folded answer logged and measured, with the request id header; HEAD loses its body. */
  function finish(request: HttpRequest, folded: Folded, invocation: Invocation): Answered {
    observe(request, folded, invocation, observeConfig);
    forgetRoute(request);
    const response =
      middleware.length === 0
        ? addRequestId(folded.response, requestIdHeader, request.requestId)
        : withRequestId(folded.response, requestIdHeader, request.requestId);
    return {
      request,
      folded,
      response: request.method === 'HEAD' ? withoutBody(response) : response,
      headersChecked,
    };
  }

  function run(
    read: () => ReadRequest,
    fallback: () => HttpRequest,
    context: Context,
    invocation: Invocation,
  ): Answered | Promise<Answered> {
    let request: HttpRequest | undefined;
    let folded: Folded | Promise<Folded>;
    try {
      const reading = read();
      request = reading.request;
      invocation.request = request;
      const rejection = reading.rejection;
      const core = (req: HttpRequest, ctx: Context): Folded | Promise<Folded> =>
        rejection === undefined
          ? answer(handler, req, ctx, config)
          : problemsFolded(req, [rejection], config);
      folded =
        middleware.length === 0
          ? core(request, context)
          : throughMiddleware(middlewareChain, core, request, context, config);
    } catch (defect) {
      // The event could not be read, or the fold itself failed.
      request ??= fallback();
      folded = defectFolded(request, defect, config);
    }
    // A synchronous answer costs no trip through the microtask queue.
    if (!(folded instanceof Promise)) return finish(request, folded, invocation);
    const answered = request;
    return folded.then(
      (done) => finish(answered, done, invocation),
      (defect: unknown) => finish(answered, defectFolded(answered, defect, config), invocation),
    );
  }

  return { config, timed: needsDuration(observeConfig), requestIdHeader, adoptRequestId, run };
}
