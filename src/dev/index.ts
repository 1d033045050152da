/**
 * `gatefold/dev`: `serve()`, a local HTTP server in front of a Lambda function, turning each
 * request into the event an AWS source would send — REST API, HTTP API, Function URL, ALB, or a
 * custom integration through its mapping templates.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { toLambda } from 'gatefold';
 * import { serve } from 'gatefold/dev';
 *
 * const server = await serve(toLambda(() => ok({ hello: 'world' })), { port: 3000, event: 'http' });
 * console.log(`listening on ${server.url}`);
 * ```
 *
 * @module
 */
export { serve } from './serve.js';
export type {
  LambdaFunction,
  LocalServer,
  ServeOptions,
  StreamingLambdaFunction,
} from './serve.js';
export type { LocalEventKind } from './to-event.js';
