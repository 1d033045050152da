/**
 * `gatefold/integration`: the API Gateway REST API custom (non-proxy) Lambda integration —
 * the adapter, its error messages and selection patterns, and the mapping templates it needs.
 *
 * @example
 * ```ts
 * import { ok } from 'neverthrow';
 * import { json, router } from 'gatefold';
 * import { toLambdaIntegration } from 'gatefold/integration';
 *
 * export const handler = toLambdaIntegration(router().get('/health', () => ok(json({ status: 'ok' }))));
 * ```
 *
 * @module
 */
export { toLambdaIntegration, IntegrationErrorResponse } from './adapter.js';
export type { LambdaIntegrationHandler } from './adapter.js';
export { INTEGRATION_EVENT_VERSION, isIntegrationEvent } from './event.js';
export type { IntegrationEvent, PassthroughEvent } from './event.js';
export { FOREIGN_ERROR_PATTERN, otherStatusPattern, selectionPattern } from './message.js';
export type { ErrorMessage } from './message.js';
export { errorResponseTemplate, requestTemplate, successResponseTemplate } from './templates.js';
