/**
 * `gatefold/middleware`: the middleware shipped with gatefold, for `toLambda`'s `middleware`
 * option — CORS, compression, security headers, deadlines and conditional GETs.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, toLambda } from 'gatefold';
 * import { cors, securityHeaders } from 'gatefold/middleware';
 *
 * export const handler = toLambda(() => ok(json({ status: 'ok' })), {
 *   middleware: [cors({ origins: ['https://shop.example'] }), securityHeaders()],
 * });
 * ```
 *
 * @module
 */
export { compress } from './compress.js';
export type { CompressOptions } from './compress.js';
export { conditionalGet } from './conditional-get.js';
export { cors } from './cors.js';
export type { CorsOptions } from './cors.js';
export { deadline } from './deadline.js';
export type { DeadlineOptions } from './deadline.js';
export type { HttpHandler, Middleware, MiddlewareTools } from './middleware.js';
export { securityHeaders } from './security-headers.js';
export type { SecurityHeadersOptions } from './security-headers.js';
