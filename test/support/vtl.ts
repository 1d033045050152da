/**
 * A stand-in for API Gateway's mapping template engine (Velocity, with `$input`, `$util` and
 * `$context`), to render the templates gatefold generates the way a REST API would:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 *
 * velocityjs renders the Velocity; the objects below behave as API Gateway's do:
 * - `$input.params()` is a map with the keys `path`, `querystring` and `header`, each a map with
 *   Java's `get` (null for a missing key) and `keySet`;
 * - `$input.path(p)` gives the value at a JSONPath of the payload, `$input.json(p)` its JSON
 *   text (`{}` for the root of an empty payload, as the passthrough template shows for a GET);
 * - `$util.escapeJavaScript` is Apache Commons Lang 2's `StringEscapeUtils.escapeJavaScript`,
 *   `$util.urlEncode` / `$util.urlDecode` are Java's `URLEncoder` / `URLDecoder` in UTF-8, and
 *   `$util.parseJson` parses JSON text;
 * - `$context.responseOverride.status` and `.header.<Name>` collect what a response template
 *   overrides.
 *
 * Assumed rather than documented: a context variable without a value (`$context.identity.user`
 * without IAM auth) renders as an empty string, as the passthrough template's output shows.
 * Known difference: velocityjs treats an empty string as false in `#if`, Velocity 1.7 as true.
 */
import { Compile, parse } from 'velocityjs';

/** A map with Java's `get` and `keySet`, as `$input.params()` and its members are. */
export class JavaMap<V> {
  // A private field: velocityjs adds an `eval` member to any object whose method it calls.
  readonly #entries: Map<string, V>;

  constructor(entries: Iterable<readonly [string, V]>) {
    this.#entries = new Map(entries);
  }

  /**
   * The value, or nothing for a missing key: Java's `null`, which Velocity renders as the
   * reference's own text (velocityjs does so for `undefined`, and writes `null` for `null`).
   */
  get(key: unknown): V | undefined {
    return this.#entries.get(String(key));
  }

  keySet(): string[] {
    return [...this.#entries.keys()];
  }

  containsKey(key: unknown): boolean {
    return this.#entries.has(String(key));
  }

  size(): number {
    return this.#entries.size;
  }

  isEmpty(): boolean {
    return this.#entries.size === 0;
  }

  /** `{a=1, b=2}`, as `java.util.AbstractMap.toString`. */
  toString(): string {
    return `{${[...this.#entries].map(([key, value]) => `${key}=${String(value)}`).join(', ')}}`;
  }
}

const HEX = '0123456789ABCDEF';

function percent(byte: number): string {
  return `%${HEX[byte >> 4] ?? '0'}${HEX[byte & 15] ?? '0'}`;
}

/**
 * `java.net.URLEncoder.encode(text, "UTF-8")`: letters, digits and `.-*_` stay, a space becomes
 * `+`, everything else the `%XX` of its UTF-8 bytes (upper-case hex); a lone surrogate is
 * encoded as `?` (`%3F`), as Java's UTF-8 encoder replaces it.
 */
export function urlEncode(text: string): string {
  let out = '';
  for (const char of text) {
    if (/^[A-Za-z0-9.*_-]$/.test(char)) out += char;
    else if (char === ' ') out += '+';
    else {
      const code = char.codePointAt(0) ?? 0;
      const lone = code >= 0xd800 && code <= 0xdfff;
      for (const byte of lone ? [0x3f] : Buffer.from(char, 'utf8')) out += percent(byte);
    }
  }
  return out;
}

/** `java.net.URLDecoder.decode(text, "UTF-8")`: `+` is a space; a bad escape throws. */
export function urlDecode(text: string): string {
  return decodeURIComponent(text.replaceAll('+', ' '));
}

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Apache Commons Lang 2 `StringEscapeUtils.escapeJavaScript`, which API Gateway's
 * `$util.escapeJavaScript` is: `'`, `"`, `\` and `/` get a backslash, `\b \t \n \f \r` their short
 * escapes, other control characters and every character above 0x7f a `\uXXXX` escape with
 * upper-case hex, one per UTF-16 code unit (DEL, 0x7f, stays as it is).
 */
export function escapeJavaScript(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text.charAt(i);
    if (code > 0x7f) out += unicodeEscape(code);
    else if (code < 32) {
      const short: Readonly<Record<number, string>> = {
        8: '\\b',
        9: '\\t',
        10: '\\n',
        12: '\\f',
        13: '\\r',
      };
      out += short[code] ?? unicodeEscape(code);
    } else if (char === "'" || char === '"' || char === '\\' || char === '/') out += `\\${char}`;
    else out += char;
  }
  return out;
}

/** The value at a JSONPath of the forms API Gateway templates use: `$`, `$.a.b`, `$['a'][0]`. */
export function jsonPath(root: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new Error(`Unsupported JSONPath ${JSON.stringify(path)}.`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\['([^']*)'\]|\[(\d+)\]/g)];
  const consumed = steps.map((step) => step[0]).join('');
  if (consumed !== path.slice(1)) {
    throw new Error(`Unsupported JSONPath ${JSON.stringify(path)}.`);
  }
  let value = root;
  for (const step of steps) {
    const key = step[1] ?? step[2] ?? Number(step[3]);
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** What a method request holds, as API Gateway passes it to the request template. */
export interface MethodRequest {
  readonly httpMethod: string;
  /** The matched resource, `/users/{id}`. */
  readonly resourcePath: string;
  readonly stage: string;
  readonly requestId: string;
  readonly sourceIp: string;
  readonly principalId?: string | undefined;
  /** One value per name, as `$input.params()` has them. */
  readonly path: Readonly<Record<string, string>>;
  readonly querystring: Readonly<Record<string, string>>;
  readonly header: Readonly<Record<string, string>>;
  /** The raw body text; `''` for none. */
  readonly body: string;
  readonly stageVariables?: Readonly<Record<string, string>> | undefined;
}

/** `$util`, as API Gateway provides it. */
export const util = {
  escapeJavaScript,
  urlEncode,
  urlDecode,
  parseJson: (text: string): unknown => JSON.parse(text) as unknown,
  base64Encode: (text: string): string => Buffer.from(text, 'utf8').toString('base64'),
  base64Decode: (text: string): string => Buffer.from(text, 'base64').toString('utf8'),
};

function input(body: string) {
  const parsed = (): unknown => (body === '' ? {} : (JSON.parse(body) as unknown));
  return {
    body,
    path: (path: string): unknown => jsonPath(parsed(), path),
    json: (path: string): string => {
      const value = jsonPath(parsed(), path);
      return value === undefined ? '' : JSON.stringify(value);
    },
  };
}

function mapOf(record: Readonly<Record<string, string>>): JavaMap<string> {
  return new JavaMap(Object.entries(record));
}

/** What a response template set besides its body. */
export interface ResponseOverride {
  status: number | undefined;
  readonly header: Record<string, string>;
}

// Parsing is most of the cost of a render, and the tests render the same few templates often.
const parsed = new Map<string, ReturnType<typeof parse>>();

function render(template: string, context: Record<string, unknown>): string {
  let asts = parsed.get(template);
  if (asts === undefined) {
    asts = parse(template);
    parsed.set(template, asts);
  }
  return new Compile(asts).render(context);
}

/**
 * Renders a request template for a method request: `$input`, `$util`, `$context` (method,
 * resource path, stage, request id, source IP, authorizer principal) and `$stageVariables`.
 */
export function renderRequestTemplate(template: string, request: MethodRequest): string {
  const params = new JavaMap<JavaMap<string>>([
    ['path', mapOf(request.path)],
    ['querystring', mapOf(request.querystring)],
    ['header', mapOf(request.header)],
  ]);
  const { body, path, json } = input(request.body);
  return render(template, {
    input: { body, path, json, params: () => params },
    util,
    stageVariables: mapOf(request.stageVariables ?? {}),
    context: {
      httpMethod: request.httpMethod,
      resourcePath: request.resourcePath,
      resourceId: 'res1',
      stage: request.stage,
      requestId: request.requestId,
      apiId: 'abc123',
      authorizer: { principalId: request.principalId ?? '' },
      identity: {
        sourceIp: request.sourceIp,
        accountId: '',
        apiKey: '',
        caller: '',
        cognitoAuthenticationProvider: '',
        cognitoAuthenticationType: '',
        cognitoIdentityId: '',
        cognitoIdentityPoolId: '',
        user: '',
        userAgent: request.header['User-Agent'] ?? '',
        userArn: '',
      },
    },
  });
}

/** A rendered integration response: the body and what the template overrode. */
export interface RenderedResponse {
  readonly body: string;
  readonly override: ResponseOverride;
}

/**
 * Renders an integration response template for the integration's payload (for a failed Lambda
 * invocation, the error JSON `{"errorMessage", "errorType", "stackTrace"}`).
 */
export function renderResponseTemplate(
  template: string,
  payload: string,
  requestId: string,
): RenderedResponse {
  const override: ResponseOverride = { status: undefined, header: {} };
  const { body, path, json } = input(payload);
  const rendered = render(template, {
    input: { body, path, json },
    util,
    context: { requestId, responseOverride: override },
  });
  return { body: rendered, override };
}

/** What API Gateway knows of an error it answers itself, for a gateway response template. */
export interface GatewayError {
  readonly requestId: string;
  readonly responseType: string;
  readonly message: string;
}

/**
 * Renders a gateway response template. `$context.error.messageString` is the message in quotes
 * (assumed JSON-escaped, as the documentation's examples use it unquoted inside JSON).
 */
export function renderGatewayResponseTemplate(template: string, error: GatewayError): string {
  return render(template, {
    context: {
      requestId: error.requestId,
      error: {
        responseType: error.responseType,
        message: error.message,
        messageString: JSON.stringify(error.message),
      },
    },
  });
}

/**
 * The "Method Request passthrough" request template the API Gateway console offers, as it
 * generates it (comments and indentation included).
 */
export const PASSTHROUGH_TEMPLATE = `##  See http://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
##  This template will pass through all parameters including path, querystring, header, stage variables, and context through to the integration endpoint via the body/payload
#set($allParams = $input.params())
{
"body-json" : $input.json('$'),
"params" : {
#foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
"$type" : {
    #foreach($paramName in $params.keySet())
    "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
        #if($foreach.hasNext),#end
    #end
}
    #if($foreach.hasNext),#end
#end
},
"stage-variables" : {
#foreach($key in $stageVariables.keySet())
"$key" : "$util.escapeJavaScript($stageVariables.get($key))"
    #if($foreach.hasNext),#end
#end
},
"context" : {
    "account-id" : "$context.identity.accountId",
    "api-id" : "$context.apiId",
    "api-key" : "$context.identity.apiKey",
    "authorizer-principal-id" : "$context.authorizer.principalId",
    "caller" : "$context.identity.caller",
    "cognito-authentication-provider" : "$context.identity.cognitoAuthenticationProvider",
    "cognito-authentication-type" : "$context.identity.cognitoAuthenticationType",
    "cognito-identity-id" : "$context.identity.cognitoIdentityId",
    "cognito-identity-pool-id" : "$context.identity.cognitoIdentityPoolId",
    "http-method" : "$context.httpMethod",
    "stage" : "$context.stage",
    "source-ip" : "$context.identity.sourceIp",
    "user" : "$context.identity.user",
    "user-agent" : "$context.identity.userAgent",
    "user-arn" : "$context.identity.userArn",
    "request-id" : "$context.requestId",
    "resource-id" : "$context.resourceId",
    "resource-path" : "$context.resourcePath"
    }
}
`;
