/**
 * What each emulated source answers by itself, without the function's say: a request too large
 * to invoke the function with, an HTTP API path that does not decode, a function that failed.
 */
import type { EventKind } from '../request.js';

/** An HTTP response the source sends. */
export interface SourceAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const JSON_TYPE = { 'content-type': 'application/json' } as const;

/**
 * A request whose event (or, for an ALB, whose body) is over the source's limit
 * (`events/limits.ts`). Each source answers 413 with its own body:
 *
 * - REST API: `{"message": "Request Too Long"}` with `x-amzn-errortype: BadRequestException`, as
 *   captured from a deployed REST API sent a body over Lambda's limit
 *   (https://github.com/koki-develop/lgtm-generator/issues/10). AWS's own emulator, the .NET
 *   Lambda Test Tool, answers the same (aws/aws-lambda-dotnet, LargePayloadTests.cs).
 * - HTTP API: `{"message":"Request Entity Too Large"}`, the body that emulator answers for HTTP
 *   APIs (same test), in the `{"message":…}` form of the HTTP API's other errors.
 * - Function URL: Lambda's own refusal, 413 `RequestTooLargeException` (Lambda API reference,
 *   Invoke, Errors), in the `{"Message":…}` form Function URLs answer errors in; the message is
 *   Lambda's ("Request must be smaller than 6291456 bytes for the InvokeFunction operation").
 * - ALB: "HTTP 413: Payload too large … the target is a Lambda function and the request body
 *   exceeds 1 MB" (Elastic Load Balancing, Troubleshoot your Application Load Balancers), as the
 *   HTML page the load balancer writes its own errors in.
 */
export function tooLarge(source: EventKind): SourceAnswer {
  switch (source) {
    case 'rest':
      return {
        status: 413,
        headers: { ...JSON_TYPE, 'x-amzn-errortype': 'BadRequestException' },
        body: '{"message": "Request Too Long"}',
      };
    case 'http':
      return { status: 413, headers: JSON_TYPE, body: '{"message":"Request Entity Too Large"}' };
    case 'function-url':
      return {
        status: 413,
        headers: JSON_TYPE,
        body: '{"Message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}',
      };
    case 'alb':
      return {
        status: 413,
        headers: { 'content-type': 'text/html', server: 'awselb/2.0' },
        body: '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n</body>\r\n</html>\r\n',
      };
  }
}

/**
 * An HTTP API refusing a path that does not decode, before invoking the function: the live
 * capture of hotsock/voker#8 records the 400 for `/capture/percent%25done`. The body is in the
 * `{"message":…}` form of the HTTP API's other errors.
 */
export const HTTP_API_BAD_PATH: SourceAnswer = Object.freeze({
  status: 400,
  headers: JSON_TYPE,
  body: '{"message":"Bad Request"}',
});

/** What API Gateway answers when the function fails: a bare 502. */
export const FUNCTION_FAILED: SourceAnswer = Object.freeze({
  status: 502,
  headers: JSON_TYPE,
  body: '{"message":"Internal server error"}',
});
