/**
 * API Gateway's mapping template engine, locally: Velocity (rendered by velocityjs) over the
 * `$input`, `$util`, `$context` and `$stageVariables` that a REST API gives a template
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 * and https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-data-transformations.html).
 *
 * velocityjs is loaded the first time a template is rendered, with a dynamic `import()`: only a
 * local server or a test of a custom integration function pays for it. The published package
 * carries it, bundled into a file of its own (see `engineSpecifier`), so nobody installs it.
 *
 * Assumed rather than documented: a context variable without a value (`$context.identity.user`
 * without IAM auth) renders as an empty string, as the passthrough template's output shows.
 * Known difference: velocityjs treats an empty string as false in `#if`, Velocity 1.7 as true;
 * gatefold's templates test only values that are never empty, or whose empty value renders the
 * same either way.
 */
import { JavaMap, jsonPath, util } from './mapping-util.js';
import type * as VelocityEngine from './velocity-engine.js';

/** What a method request holds, as API Gateway passes it to the request template. */
export interface MethodRequest {
  readonly httpMethod: string;
  /** The matched resource, `/users/{id}`. */
  readonly resourcePath: string;
  readonly stage: string;
  /** API Gateway's request id (`$context.requestId`). */
  readonly requestId: string;
  readonly sourceIp: string;
  readonly principalId?: string | undefined;
  /** One value per name, as `$input.params()` has them; path parameters as the client sent them. */
  readonly path: Readonly<Record<string, string>>;
  readonly querystring: Readonly<Record<string, string>>;
  readonly header: Readonly<Record<string, string>>;
  /** The raw body text; `''` for none. */
  readonly body: string;
  readonly stageVariables?: Readonly<Record<string, string>> | undefined;
}

/**
 * A request body that `$input.json` or `$input.path` cannot read: API Gateway answers such a
 * request itself, with 400, and never invokes the integration.
 */
export class RequestBodyNotJsonError extends Error {
  override readonly name = 'RequestBodyNotJsonError';
  /** The parser's words, kept apart: velocityjs appends the template position to `message`. */
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/**
 * What a response template set besides its body (`$context.responseOverride`): whatever values
 * the template assigned, a number or text for the status, text for the headers.
 */
export interface ResponseOverride {
  status: unknown;
  readonly header: Record<string, unknown>;
}

/** A rendered integration response: the body and what the template overrode. */
export interface RenderedResponse {
  readonly body: string;
  readonly override: ResponseOverride;
}

/** What API Gateway knows of an error it answers itself, for a gateway response template. */
export interface GatewayError {
  readonly requestId: string;
  readonly responseType: string;
  readonly message: string;
}

/** The three kinds of template a REST API renders. */
export interface MappingTemplates {
  /** A request template, for a method request: the integration request body. */
  renderRequest(template: string, request: MethodRequest): string;
  /**
   * An integration response template, for the integration's payload (for a failed Lambda
   * invocation, the error JSON `{"errorMessage", "errorType", …}`).
   */
  renderResponse(template: string, payload: string, request: TemplateRequest): RenderedResponse;
  /**
   * A gateway response template. `$context.error.messageString` is the message in quotes,
   * JSON-escaped, as the documentation's examples use it unquoted inside JSON.
   */
  renderGatewayResponse(template: string, error: GatewayError): string;
}

/** What a response template can see of the request: its request id at least. */
export type TemplateRequest = Pick<MethodRequest, 'requestId'> & Partial<MethodRequest>;

type Velocity = typeof VelocityEngine;
type Asts = ReturnType<Velocity['parse']>;

/**
 * Set by the build (tsup.config.ts `define`) to the file the published package carries the engine
 * in, `./velocity.js`, beside the code that loads it; absent when running from the sources.
 */
declare const GATEFOLD_VELOCITY_FILE: string | undefined;
const SOURCE_ENGINE = './velocity-engine.js';

/**
 * The engine's module, as a value rather than a literal: a bundler follows `import('…')` of a
 * literal, and would put the engine into every Lambda handler bundled with gatefold's CommonJS
 * build, which cannot be tree-shaken. A computed specifier is left for Node to resolve, relative
 * to this module, when a template is first rendered.
 */
function engineSpecifier(): string {
  return typeof GATEFOLD_VELOCITY_FILE === 'string' ? GATEFOLD_VELOCITY_FILE : SOURCE_ENGINE;
}

let loading: Promise<MappingTemplates> | undefined;

/** The engine, velocityjs loaded on the first call. */
export function mappingTemplates(): Promise<MappingTemplates> {
  const specifier = engineSpecifier();
  loading ??= (import(specifier) as Promise<Velocity>).then(engineOf, (error: unknown) => {
    loading = undefined;
    throw new Error(
      `Rendering API Gateway mapping templates needs velocityjs, which could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  return loading;
}

/** `$input` for a payload: its text, its values by JSONPath and their JSON. */
function input(body: string) {
  let parsed: { value: unknown } | undefined;
  const root = (): unknown => {
    if (parsed !== undefined) return parsed.value;
    if (body === '') {
      parsed = { value: {} };
      return parsed.value;
    }
    try {
      parsed = { value: JSON.parse(body) as unknown };
    } catch (error) {
      throw new RequestBodyNotJsonError(error instanceof Error ? error.message : String(error));
    }
    return parsed.value;
  };
  return {
    body,
    path: (path: string): unknown => jsonPath(root(), path),
    json: (path: string): string => {
      const value = jsonPath(root(), path);
      return value === undefined ? '' : JSON.stringify(value);
    },
  };
}

function mapOf(record: Readonly<Record<string, string>>): JavaMap<string> {
  return new JavaMap(Object.keys(record).map((key) => [key, record[key] ?? ''] as const));
}

/** `$context` of a request, as far as a request or response template reads it. */
function contextOf(request: TemplateRequest): Record<string, unknown> {
  return {
    httpMethod: request.httpMethod ?? '',
    resourcePath: request.resourcePath ?? '',
    resourceId: 'local',
    stage: request.stage ?? '',
    requestId: request.requestId,
    apiId: 'local',
    accountId: '123456789012',
    // Without an authorizer API Gateway's value is null: the template tests it with `#if`.
    authorizer: { principalId: request.principalId ?? '' },
    identity: {
      sourceIp: request.sourceIp ?? '',
      accountId: '',
      apiKey: '',
      caller: '',
      cognitoAuthenticationProvider: '',
      cognitoAuthenticationType: '',
      cognitoIdentityId: '',
      cognitoIdentityPoolId: '',
      user: '',
      userAgent: headerValue(request.header ?? {}, 'user-agent') ?? '',
      userArn: '',
    },
  };
}

function headerValue(
  headers: Readonly<Record<string, string>>,
  lowerCaseName: string,
): string | undefined {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === lowerCaseName);
  return name === undefined ? undefined : headers[name];
}

function engineOf(velocity: Velocity): MappingTemplates {
  // Parsing is most of the cost of a render, and a server renders the same few templates often.
  const parsed = new Map<string, Asts>();
  const render = (template: string, context: Record<string, unknown>): string => {
    let asts = parsed.get(template);
    if (asts === undefined) {
      asts = velocity.parse(template);
      parsed.set(template, asts);
    }
    return new velocity.Compile(asts).render(context);
  };
  return {
    renderRequest(template, request) {
      const params = new JavaMap<JavaMap<string>>([
        ['path', mapOf(request.path)],
        ['querystring', mapOf(request.querystring)],
        ['header', mapOf(request.header)],
      ]);
      // `$input.params(name)`: the first of path, query string and header that has the name.
      const param = (name: string): string =>
        params
          .keySet()
          .map((kind) => params.get(kind)?.get(name))
          .find((value) => value !== undefined) ?? '';
      const { body, path, json } = input(request.body);
      return render(template, {
        input: {
          body,
          path,
          json,
          params: (name?: unknown) =>
            name === undefined ? params : typeof name === 'string' ? param(name) : '',
        },
        util: { ...util },
        stageVariables: mapOf(request.stageVariables ?? {}),
        context: contextOf(request),
      });
    },
    renderResponse(template, payload, request) {
      const override: ResponseOverride = { status: undefined, header: {} };
      const { body, path, json } = input(payload);
      const rendered = render(template, {
        input: { body, path, json },
        util: { ...util },
        stageVariables: mapOf(request.stageVariables ?? {}),
        context: { ...contextOf(request), responseOverride: override },
      });
      return { body: rendered, override };
    },
    renderGatewayResponse(template, error) {
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
    },
  };
}
