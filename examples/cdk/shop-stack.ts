/**
 * The example shop API on AWS, like the SAM template (`examples/shop/template.yaml`):
 * one function behind a REST API (`{proxy+}`), an HTTP API (`$default`) and a Function URL, and
 * the streaming function (`stream.ts`) behind a Function URL in `RESPONSE_STREAM` mode and its
 * REST API route, streamed (`responseTransferMode: STREAM`).
 * The code is a directory that already holds the bundled handlers (see `bundle.ts`), so
 * synthesising needs neither Docker nor esbuild inside CDK.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { LambdaIntegration, ResponseTransferMode, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export interface ShopStackProps extends StackProps {
  /** A directory holding the bundled handlers, `handler.mjs` and `stream.mjs`, from `bundle.ts`. */
  readonly codeDirectory: string;
}

export class ShopStack extends Stack {
  /** The function that answers every event source with buffered responses. */
  readonly function: lambda.Function;
  /** The function whose responses stream (`toStreamingLambda`). */
  readonly streamFunction: lambda.Function;

  constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id, props);

    this.function = new lambda.Function(this, 'ShopFunction', {
      // The newest Node.js runtime Lambda runs; the bundle targets Node 22, so nodejs22.x works too.
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      code: lambda.Code.fromAsset(props.codeDirectory),
      handler: 'handler.handler', // handler.mjs, export `handler`
    });

    this.streamFunction = new lambda.Function(this, 'ShopStreamFunction', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      code: lambda.Code.fromAsset(props.codeDirectory),
      handler: 'stream.handler', // stream.mjs, export `handler`
    });

    // The root and `{proxy+}` go to the buffered function (what `LambdaRestApi` with `proxy`
    // builds, which takes no other route); the streaming route to the streaming function.
    const restApi = new RestApi(this, 'ShopRestApi', {
      defaultIntegration: new LambdaIntegration(this.function),
      deployOptions: { stageName: 'prod' },
      // Binary and compressed bodies reach clients decoded only for these media types.
      binaryMediaTypes: ['*/*'],
      // The example leaves the account-wide API Gateway logging role alone, as SAM does.
      cloudWatchRole: false,
    });
    restApi.root.addMethod('ANY');
    restApi.root.addProxy();
    // STREAM also makes the URI `…/2021-11-15/functions/{arn}/response-streaming-invocations`.
    restApi.root.resourceForPath('orders/{id}/events').addMethod(
      'GET',
      new LambdaIntegration(this.streamFunction, {
        responseTransferMode: ResponseTransferMode.STREAM,
      }),
    );

    const httpApi = new HttpApi(this, 'ShopHttpApi', {
      defaultIntegration: new HttpLambdaIntegration('ShopIntegration', this.function),
    });

    const functionUrl = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const streamFunctionUrl = this.streamFunction.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      invokeMode: lambda.InvokeMode.RESPONSE_STREAM,
    });

    new CfnOutput(this, 'RestApiUrl', { value: restApi.url });
    new CfnOutput(this, 'HttpApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'FunctionUrl', { value: functionUrl.url });
    new CfnOutput(this, 'StreamFunctionUrl', { value: streamFunctionUrl.url });
  }
}
