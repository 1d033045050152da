/**
 * The shape of the OpenAPI documents `openApiDocument` writes: the parts of OpenAPI 3.0 and 3.1
 * it uses, with the API Gateway extensions it adds, typed as gatefold fills them. Declared here
 * rather than borrowed from a types package, so that the published declarations import nothing
 * a user must install beside gatefold.
 */
import type { JsonSchema } from './json-schema.js';

/**
 * The OpenAPI version a document is written in: `3.0.3`, the one API Gateway imports, or
 * `3.1.0`, whose schemas are JSON Schema 2020-12.
 */
export type OpenApiVersion = '3.0.3' | '3.1.0';

/** An OpenAPI document as `openApiDocument` writes it: plain JSON, ready to serialise. */
export interface OpenApiDocument {
  readonly openapi: OpenApiVersion;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description?: string;
  };
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
  /** Operations by path template (`/users/{id}`), then by method. */
  readonly paths: Readonly<Record<string, OpenApiPathItem>>;
  /** The schemas of the error documents (`JsonApiErrors`, `ProblemDetails`), by name. */
  readonly components: { readonly schemas: Readonly<Record<string, JsonSchema>> };
  /** Present when `requestValidation` asks API Gateway to validate requests. */
  readonly 'x-amazon-apigateway-request-validators'?: Readonly<
    Record<
      'all' | 'params',
      { readonly validateRequestBody: boolean; readonly validateRequestParameters: boolean }
    >
  >;
  /** API Gateway's own error responses, in the function's error format, by response type. */
  readonly 'x-amazon-apigateway-gateway-responses'?: Readonly<
    Record<
      string,
      {
        /** Absent for the `DEFAULT_4XX` and `DEFAULT_5XX` families, which keep their status. */
        readonly statusCode?: string;
        readonly responseParameters: Readonly<Record<string, string>>;
        readonly responseTemplates: Readonly<Record<string, string>>;
      }
    >
  >;
}

/**
 * The operations of one path, by method; a bare handler, which answers every method, has one
 * operation under `x-amazon-apigateway-any-method`. (A type, not an interface, so that
 * `Object.values` reads it as a map of operations.)
 */
export type OpenApiPathItem = {
  readonly [
    Method in
      | 'get'
      | 'put'
      | 'post'
      | 'delete'
      | 'options'
      | 'head'
      | 'patch'
      | 'x-amazon-apigateway-any-method'
  ]?: OpenApiOperation;
};

/** One route of the API. */
export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly parameters: readonly OpenApiParameter[];
  readonly requestBody?: OpenApiRequestBody;
  /** Responses by status (`'201'`, `'404'`) and `default` for statuses decided per error. */
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
  readonly 'x-amazon-apigateway-request-validator'?: 'all' | 'params';
  readonly 'x-amazon-apigateway-integration': ApiGatewayIntegration;
}

/** A path, query, header or cookie parameter, typed by its member of the endpoint's codec. */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonSchema;
  /** For a query parameter whose codec takes a list: `?tag=a&tag=b`. */
  readonly style?: 'form';
  readonly explode?: boolean;
}

/** The JSON body an endpoint decodes. */
export interface OpenApiRequestBody {
  readonly required: boolean;
  readonly content: Readonly<Record<string, OpenApiMediaType>>;
}

/** A response: its description, the headers it carries and its body by media type. */
export interface OpenApiResponse {
  readonly description: string;
  readonly headers?: Readonly<Record<string, OpenApiHeader>>;
  /** Absent for a response without a body (204, a redirect, `created(location)`). */
  readonly content?: Readonly<Record<string, OpenApiMediaType>>;
}

/** A body of one media type. */
export interface OpenApiMediaType {
  /** The body's schema, or a reference to one of `components.schemas`. */
  readonly schema: JsonSchema;
}

/** A response header. */
export interface OpenApiHeader {
  readonly description?: string;
  readonly schema: JsonSchema;
}

/** How API Gateway invokes the function for an operation. */
export type ApiGatewayIntegration = ApiGatewayProxyIntegration | ApiGatewayCustomIntegration;

/**
 * The URI of the function's invocations: built from its ARN, or a CloudFormation `Fn::Sub` on
 * its logical id.
 */
export type ApiGatewayIntegrationUri = string | { readonly 'Fn::Sub': string };

/** The Lambda proxy integration (`toLambda`, and `toStreamingLambda` with streaming). */
export interface ApiGatewayProxyIntegration {
  readonly type: 'aws_proxy';
  readonly httpMethod: 'POST';
  readonly uri: ApiGatewayIntegrationUri;
  readonly passthroughBehavior: 'when_no_match';
  /**
   * `STREAM` for a function built by `toStreamingLambda`: API Gateway sends the response as the
   * function writes it, and invokes it at the `response-streaming-invocations` URI.
   */
  readonly responseTransferMode?: 'STREAM';
}

/**
 * The custom (non-proxy) Lambda integration (`toLambdaIntegration`): request templates by media
 * type, and integration responses by selection pattern (`default` for a success).
 */
export interface ApiGatewayCustomIntegration {
  readonly type: 'aws';
  readonly httpMethod: 'POST';
  readonly uri: ApiGatewayIntegrationUri;
  readonly passthroughBehavior: 'never';
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly responses: Readonly<
    Record<
      string,
      { readonly statusCode: string; readonly responseTemplates: Readonly<Record<string, string>> }
    >
  >;
}
