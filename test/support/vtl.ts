/**
 * API Gateway's mapping template engine for the tests: the library's own emulation
 * (`src/dev/mapping-templates.ts`, `src/dev/mapping-util.ts`) behind the functions the tests
 * render templates with, plus the console's passthrough request template.
 */
import type { GatewayError, MethodRequest } from '../../src/dev/mapping-templates.js';
import { mappingTemplates } from '../../src/dev/mapping-templates.js';

export {
  JavaMap,
  escapeJavaScript,
  jsonPath,
  urlDecode,
  urlEncode,
  util,
} from '../../src/dev/mapping-util.js';
export type {
  GatewayError,
  MethodRequest,
  RenderedResponse,
  ResponseOverride,
} from '../../src/dev/mapping-templates.js';

const engine = await mappingTemplates();

/**
 * Renders a request template for a method request: `$input`, `$util`, `$context` (method,
 * resource path, stage, request id, source IP, authorizer principal) and `$stageVariables`.
 */
export function renderRequestTemplate(template: string, request: MethodRequest): string {
  return engine.renderRequest(template, request);
}

/**
 * A rendered integration response, with the override as a REST API applies it: the status as a
 * number, the header values as text.
 */
export interface RenderedTemplateResponse {
  readonly body: string;
  readonly override: {
    readonly status: number | undefined;
    readonly header: Readonly<Record<string, string>>;
  };
}

/**
 * Renders an integration response template for the integration's payload (for a failed Lambda
 * invocation, the error JSON `{"errorMessage", "errorType", "stackTrace"}`).
 */
export function renderResponseTemplate(
  template: string,
  payload: string,
  requestId: string,
): RenderedTemplateResponse {
  const { body, override } = engine.renderResponse(template, payload, { requestId });
  return {
    body,
    override: {
      status: override.status === undefined ? undefined : Number(override.status),
      header: Object.fromEntries(
        Object.entries(override.header).map(([name, value]) => [name, String(value)]),
      ),
    },
  };
}

/** Renders a gateway response template for an error API Gateway answers itself. */
export function renderGatewayResponseTemplate(template: string, error: GatewayError): string {
  return engine.renderGatewayResponse(template, error);
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
