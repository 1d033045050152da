/**
 * The middleware chain: each middleware guarded, so that a defect in one — a throw, a rejection,
 * an answer that cannot be sent — is the masked 500 right where it happens, which the middleware
 * around it still see and decorate.
 */
import type { HttpResponse } from '../response.js';
import type { HttpHandler, Middleware, MiddlewareTools } from './middleware.js';
import { checkResponse } from '../_internals/sendable.js';

/** The last answer a handler in the chain gave, once it was checked (or made by the fold). */
interface Checked {
  answer: HttpResponse | undefined;
}

/**
 * How much of a middleware's answer is checked: nothing, for one known to keep a sendable answer
 * sendable; what it changed of the answer `next` gave it; or all of it.
 */
type Check = 'none' | 'changes' | 'whole';

// The shipped middleware whose options are checked when they are made and whose answers are
// sendable whenever the answers they were given are. A set of this copy of gatefold's own
// functions, which no caller can add to: a middleware of another copy is checked like any other.
const SOUND = /*#__PURE__*/ new WeakSet<Middleware>();

/** @internal Marks a shipped middleware whose answers need no check (see `SOUND`). */
export function sound(layer: Middleware): Middleware {
  SOUND.add(layer);
  return layer;
}

/**
 * One middleware around `next`, answering for it: a throw, a rejection or an answer that cannot
 * be sent (`checkResponse`) becomes the masked 500 right there, so that the middleware around it
 * still see a response and add their headers to it (CORS, so that the browser shows the error;
 * security headers). `next` is itself guarded, so it never rejects.
 */
function guarded(
  layer: Middleware,
  next: HttpHandler,
  below: Checked,
  own: Checked,
  check: Check,
  tools: MiddlewareTools,
): HttpHandler {
  // Built on the first call, once, however often a middleware around it calls `next`.
  let handler: HttpHandler | undefined;
  return async (request, context) => {
    let answer: HttpResponse;
    try {
      handler ??= layer(next, tools);
      const given = await handler(request, context);
      answer =
        check === 'none'
          ? given
          : checkResponse(given, check === 'whole' ? undefined : below.answer);
    } catch (defect) {
      answer = tools.defect(request, defect);
    }
    own.answer = answer;
    return answer;
  };
}

/** @internal The middleware chain, planned once: `(inner, tools) => handler` for a request. */
export type Chain = (inner: HttpHandler, tools: MiddlewareTools) => HttpHandler;

/**
 * @internal Plans the chain for a list of middleware, the first one outermost. What a middleware
 * of the caller's answers is checked as it leaves it, for what it changed of the answer it was
 * given, and then the outermost answer whole, in case one changed in place a list it was given;
 * the shipped middleware (`sound`) are not checked. What the chain answers can then be sent, as
 * `inner`'s answers (the fold's) can.
 */
export function chain(middleware: readonly Middleware[]): Chain {
  const layers = [...middleware];
  const checked = layers.some((layer) => !SOUND.has(layer));
  const checks: Check[] = layers.map((layer, index) =>
    checked && index === 0 ? 'whole' : SOUND.has(layer) ? 'none' : 'changes',
  );
  // The fold's answer is kept only when the innermost middleware's changes are checked against it.
  const keepFold = checks[checks.length - 1] === 'changes';
  return (inner, tools) => {
    let below: Checked = { answer: undefined };
    const fold = below;
    let handler: HttpHandler = keepFold
      ? async (request, context) => (fold.answer = await inner(request, context))
      : inner;
    for (let i = layers.length - 1; i >= 0; i--) {
      const own: Checked = { answer: undefined };
      handler = guarded(layers[i] as Middleware, handler, below, own, checks[i] as Check, tools);
      below = own;
    }
    return handler;
  };
}
