/**
 * `x-amazon-apigateway-gateway-responses`: the answers API Gateway gives by itself (no such
 * route, throttled, a body its validator refused, an authorizer's denial, a timed-out
 * integration), written in the same error format as gatefold's. Gateway response templates only
 * substitute variables: `$context.error.messageString` is already a quoted JSON string.
 */
import type { OpenApiDocument } from './types.js';

/** The problem format gateway responses are written in. */
export type GatewayResponseFormat = 'json-api' | 'problem';

interface GatewayResponseSpec {
  /** The status sent, or `undefined` to keep API Gateway's own (the `DEFAULT_*` families). */
  readonly status: number | undefined;
  /** A fixed code and title, for the responses whose message would mislead. */
  readonly code?: string;
  readonly title?: string;
}

// API Gateway answers a path or method no resource declares with 403 "Missing Authentication
// Token"; gatefold's router says 404 `route-not-found`, and so does this.
const SPECS: Readonly<Record<string, GatewayResponseSpec>> = {
  DEFAULT_4XX: { status: undefined },
  DEFAULT_5XX: { status: undefined },
  MISSING_AUTHENTICATION_TOKEN: { status: 404, code: 'route-not-found', title: 'Not Found' },
  BAD_REQUEST_BODY: { status: 400 },
  BAD_REQUEST_PARAMETERS: { status: 400 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  REQUEST_TOO_LARGE: { status: 413 },
  UNAUTHORIZED: { status: 401 },
  ACCESS_DENIED: { status: 403 },
  THROTTLED: { status: 429 },
  QUOTA_EXCEEDED: { status: 429 },
  INTEGRATION_FAILURE: { status: 502 },
  INTEGRATION_TIMEOUT: { status: 504 },
};

function template(spec: GatewayResponseSpec, format: GatewayResponseFormat): string {
  const code = `"${spec.code ?? '$context.error.responseType'}"`;
  const title = spec.title === undefined ? '$context.error.messageString' : `"${spec.title}"`;
  // A DEFAULT_* template is not told the status it goes out with: its document has none, which
  // the error schemas allow (problem-schemas.ts).
  const status = spec.status === undefined ? undefined : String(spec.status);
  if (format === 'problem') {
    const statusMember = status === undefined ? '' : `"status":${status},`;
    return `{"type":"about:blank","title":${title},${statusMember}"code":${code},"requestId":"$context.requestId"}`;
  }
  const statusMember = status === undefined ? '' : `"status":"${status}",`;
  return `{"errors":[{${statusMember}"code":${code},"title":${title}}],"meta":{"requestId":"$context.requestId"}}`;
}

/** The gateway responses, in `format`, with the request id header on each. */
export function gatewayResponses(
  format: GatewayResponseFormat,
  mediaType: string,
  requestIdHeader: string,
): NonNullable<OpenApiDocument['x-amazon-apigateway-gateway-responses']> {
  const out: Record<
    string,
    NonNullable<OpenApiDocument['x-amazon-apigateway-gateway-responses']>[string]
  > = {};
  for (const [type, spec] of Object.entries(SPECS)) {
    out[type] = {
      ...(spec.status === undefined ? {} : { statusCode: String(spec.status) }),
      responseParameters: {
        'gatewayresponse.header.Content-Type': `'${mediaType}'`,
        [`gatewayresponse.header.${requestIdHeader}`]: 'context.requestId',
      },
      // Keyed by the default type: the header above says what the body is.
      responseTemplates: { 'application/json': template(spec, format) },
    };
  }
  return out;
}
