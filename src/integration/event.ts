/**
 * The event a REST API's custom (non-proxy) Lambda integration sends: whatever its request
 * mapping template builds. Two templates are read: gatefold's own (`requestTemplate()`, every
 * text value URL-encoded so that no character can break the JSON), and API Gateway's "method
 * request passthrough" template, which the console offers as the default.
 *
 * Path parameters reach a mapping template as the client sent them, still percent-encoded, just
 * as a REST API's proxy events carry them (`pathParameters` `{ "proxy": "capture/space%20value" }`
 * in the live capture of hotsock/voker#8; serverless/serverless#5037): `$input.params()` reads
 * the same method request parameters. AWS's own template for a Lambda custom integration says as
 * much: the Transfer Family user guide's API Gateway identity provider
 * (https://docs.aws.amazon.com/transfer/latest/userguide/authentication-api-gateway.html,
 * "Improvements to the CloudFormation templates") maps the `{username}` of
 * `/servers/{serverId}/users/{username}/config` as `$util.urlDecode($input.params('username'))`.
 * So the request's path is rebuilt from them as it was sent, percent-encoded like the path of
 * every other event, and each parameter is then decoded once, as the proxy adapter's REST reader
 * decodes `pathParameters`: the handler gets the same path and parameters from either
 * integration, and the same 400 for a parameter that is not valid percent-encoding.
 */
import type { Context } from 'aws-lambda';
import type { ReadRequest, RequestParts } from '../events/read.js';
import { completeRequest, decodePathParameters, invalidPathEncoding } from '../events/read.js';
import { readCookies } from '../_internals/cookies.js';
import { asRecord, asString, emptyMap } from '../_internals/fields.js';

/** The marker and version of the event gatefold's request template builds. */
export const INTEGRATION_EVENT_VERSION = 'gatefold-integration/1';

/** The event gatefold's request template builds; every string in it is URL-encoded. */
export interface IntegrationEvent {
  readonly gatefold: typeof INTEGRATION_EVENT_VERSION;
  readonly method: string;
  /** The resource path API Gateway matched, such as `/users/{id}`. */
  readonly resource: string;
  readonly stage: string;
  readonly requestId: string;
  readonly sourceIp: string;
  readonly principalId: string;
  readonly params: {
    /** Path parameters as the client sent them (percent-encoded), then URL-encoded. */
    readonly path: Readonly<Record<string, string>>;
    readonly querystring: Readonly<Record<string, string>>;
    readonly header: Readonly<Record<string, string>>;
  };
  /** The JSON body as `$input.json('$')` gives it; absent when the request had none. */
  readonly body?: unknown;
}

/** The event API Gateway's "method request passthrough" template builds. */
export interface PassthroughEvent {
  readonly 'body-json': unknown;
  readonly params: {
    readonly path?: Readonly<Record<string, string>>;
    readonly querystring?: Readonly<Record<string, string>>;
    readonly header?: Readonly<Record<string, string>>;
  };
  readonly 'stage-variables'?: Readonly<Record<string, string>>;
  readonly context: Readonly<Record<string, string>>;
}

/** True for an event built by gatefold's request template or the passthrough template. */
export function isIntegrationEvent(event: unknown): boolean {
  const record = asRecord(event);
  if (record === undefined) return false;
  if (record['gatefold'] === INTEGRATION_EVENT_VERSION) return true;
  return (
    Object.hasOwn(record, 'body-json') &&
    asRecord(record['params']) !== undefined &&
    asRecord(record['context']) !== undefined
  );
}

/** Decodes `$util.urlEncode` (Java's `URLEncoder`: `+` for a space); bad escapes stay as sent. */
function urlDecoded(value: unknown): string | undefined {
  const text = asString(value);
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

function textMap(
  value: unknown,
  decode: (text: unknown) => string | undefined,
  lowerCaseKeys: boolean,
): Record<string, string> {
  const out = emptyMap<string>();
  const record = asRecord(value);
  if (record === undefined) return out;
  for (const key of Object.keys(record)) {
    const name = decode(key);
    const text = decode(record[key]);
    if (name === undefined || text === undefined) continue;
    out[lowerCaseKeys ? name.toLowerCase() : name] = text;
  }
  return out;
}

function multiValue(map: Record<string, string>): Record<string, string[]> {
  const out = emptyMap<string[]>();
  for (const key of Object.keys(map)) out[key] = [map[key] as string];
  return out;
}

/**
 * The path the client asked for, rebuilt from the resource and its parameters as they were sent
 * (percent-encoded): the form `HttpRequest.path` has for every event kind.
 */
function pathOf(resource: string, sent: Readonly<Record<string, string>>): string {
  return resource.replace(/\{([^}+]+)\+?\}/g, (whole, name: string) => sent[name] ?? whole);
}

/** The body as JSON text: the templates deliver it parsed, and only JSON reaches them. */
function bodyText(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return JSON.stringify(body);
}

/**
 * @internal Reads a custom integration event into a request. Values the templates cannot carry
 * are absent: repeated query keys and headers keep one value (`$input.params()` has one), and
 * cookies come from the `Cookie` header. Path parameters are decoded once (see above); one that
 * is not valid percent-encoding is the 400 `invalid-path-encoding`, as under `toLambda`.
 */
export function readIntegrationEvent(
  event: Record<string, unknown>,
  context: Context | undefined,
): ReadRequest {
  const ours = event['gatefold'] === INTEGRATION_EVENT_VERSION;
  const decode = ours ? urlDecoded : asString;
  const params = asRecord(event['params']);
  const passthroughContext = asRecord(event['context']);
  const field = (gatefold: string, passthrough: string): string | undefined =>
    ours ? decode(event[gatefold]) : asString(passthroughContext?.[passthrough]);

  const headers = textMap(params?.['header'], decode, true);
  const body = ours ? event['body'] : event['body-json'];
  const text = bodyText(body);
  // Only JSON reaches the template (`$input.json`), whatever the client labelled it.
  if (text !== undefined) headers['content-type'] = 'application/json';
  // As the client sent them: only the template's own URL encoding is undone so far.
  const sentParameters = textMap(params?.['path'], decode, false);
  const { parameters: pathParameters, invalid } = decodePathParameters(sentParameters);
  const resource = field('resource', 'resource-path') ?? '/';
  const multiValueHeaders = multiValue(headers);
  const principalId = field('principalId', 'authorizer-principal-id');
  const parts: RequestParts = {
    method: (field('method', 'http-method') ?? 'GET').toUpperCase(),
    path: pathOf(resource, sentParameters),
    route: resource,
    headers: multiValueHeaders,
    query: multiValue(textMap(params?.['querystring'], decode, false)),
    pathParameters,
    cookies: readCookies(undefined, multiValueHeaders['cookie']),
    sourceIp: field('sourceIp', 'source-ip'),
    stage: field('stage', 'stage'),
    authorizer: principalId === undefined || principalId === '' ? undefined : { principalId },
    // The request templates carry no `$context.identity`: a custom integration's IAM caller is
    // not read.
    identity: undefined,
  };
  return completeRequest(
    'rest',
    parts,
    field('requestId', 'request-id'),
    context,
    text,
    false,
    invalid === undefined ? undefined : invalidPathEncoding(invalid),
  );
}
