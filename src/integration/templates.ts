/**
 * The mapping templates (Velocity) of a custom integration. Each is one line: Velocity keeps the
 * whitespace between directives, and a stray newline before a JSON body is still a body.
 */
import { INTEGRATION_EVENT_VERSION } from './event.js';
import { FORWARDED_HEADERS } from './message.js';

const PARAM_KINDS = ['path', 'querystring', 'header'] as const;

/**
 * The request template: the event `readIntegrationEvent` reads. Every text value goes through
 * `$util.urlEncode`, whose output (letters, digits, `%`, `+`, `.`, `-`, `*`, `_`) cannot break a
 * JSON string, unlike `$util.escapeJavaScript`, which writes `\'` for a quote: invalid JSON.
 */
export function requestTemplate(): string {
  const params = PARAM_KINDS.map(
    (kind) =>
      `"${kind}":{#foreach($name in $params.get('${kind}').keySet())"$util.urlEncode($name)":"$util.urlEncode($params.get('${kind}').get($name))"#if($foreach.hasNext),#end#end}`,
  ).join(',');
  return [
    '#set($params = $input.params())',
    '{',
    `"gatefold":"${INTEGRATION_EVENT_VERSION}",`,
    '"method":"$context.httpMethod",',
    '"resource":"$util.urlEncode($context.resourcePath)",',
    '"stage":"$util.urlEncode($context.stage)",',
    '"requestId":"$util.urlEncode($context.requestId)",',
    '"sourceIp":"$util.urlEncode($context.identity.sourceIp)",',
    // Without an authorizer the value is null, which `urlEncode` would fail on.
    '"principalId":"#if($context.authorizer.principalId)$util.urlEncode($context.authorizer.principalId)#end",',
    `"params":{${params}}`,
    // `$input.json('$')` gives `{}` for a request without a body: leave the member out instead,
    // so that a missing body is reported as missing, as the proxy adapter reports it.
    `#if($input.body != ''),"body":$input.json('$')#end`,
    '}',
  ].join('');
}

/** Velocity's name for a header in `$context.responseOverride.header` (Title-Case). */
function overrideName(header: string): string {
  return header
    .split('-')
    .map((part) => (part === '' ? part : `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`))
    .join('-');
}

/**
 * The response template of an error status: it parses the error message, sends its headers and
 * writes its body exactly as the proxy adapter would have. With `setStatus`, the status comes
 * from the message too (for the one pattern that serves several statuses).
 */
export function errorResponseTemplate(requestIdHeader: string, setStatus: boolean): string {
  const headers = ['content-type', requestIdHeader, ...FORWARDED_HEADERS]
    // A Velocity identifier takes letters, digits, `-` and `_`: other names cannot be sent on.
    .filter((name) => /^[a-z][a-z0-9_-]*$/.test(name))
    .map(
      (name) =>
        `#if($error.headers.${name})#set($context.responseOverride.header.${overrideName(name)} = $error.headers.${name})#end`,
    )
    .join('');
  return [
    "#set($error = $util.parseJson($input.path('$.errorMessage')))",
    setStatus ? '#set($context.responseOverride.status = $error.status)' : '',
    headers,
    '${error.body}',
  ].join('');
}

/**
 * The template of the default response, which a success selects (API Gateway matches the
 * selection patterns against an empty string then, and none of gatefold's matches it). It writes
 * the `body` of the function's result as it is (`success.ts`): `$input.path` reads a JSON string
 * member as text, so the body's numbers, escapes and member order reach the client unchanged.
 *
 * A failed invocation whose error message no pattern matches takes the default response too —
 * only an empty message, which gatefold never throws — and its payload is Lambda's error object
 * (`errorMessage`, `errorType`, `stackTrace`). Seen by its `errorType`, it is answered as the
 * 502 it is rather than as a success. The body reference is quiet (`$!`): Velocity writes a
 * missing value's reference as text otherwise.
 */
export function successResponseTemplate(format: 'json-api' | 'problem', mediaType: string): string {
  return [
    "#if($input.path('$.errorType'))",
    '#set($context.responseOverride.status = 502)',
    foreignErrorTemplate(502, 'Bad Gateway', format, mediaType),
    '#{else}',
    "$!{input.path('$.body')}",
    '#end',
  ].join('');
}

/** The problem document for a failure outside the function's control, in the chosen format. */
export function foreignErrorTemplate(
  status: 502 | 504,
  title: string,
  format: 'json-api' | 'problem',
  mediaType: string,
): string {
  const type = `#set($context.responseOverride.header.Content-Type = '${mediaType}')`;
  // The gateway's own request id: the function may not have run far enough to have one.
  return format === 'problem'
    ? `${type}{"type":"about:blank","title":"${title}","status":${String(status)},"requestId":"$context.requestId"}`
    : `${type}{"errors":[{"status":"${String(status)}","title":"${title}"}],"meta":{"requestId":"$context.requestId"}}`;
}
