/**
 * The example shop API on AWS, like the SAM template (`examples/shop/template.yaml`):
 * one function behind a REST API (`{proxy+}`), an HTTP API (`$default`) and a Function URL.
 * The function's code is a directory that already holds the bundled handler (see `bundle.ts`),
 * so synthesising needs neither Docker nor esbuild inside CDK.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { LambdaRestApi } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export interface ShopStackProps extends StackProps {
  /** A directory holding the bundled handler, `handler.mjs`, as `bundle.ts` writes it. */
  readonly codeDirectory: string;
}

export class ShopStack extends Stack {
  /** The one function that answers every event source. */
  readonly function: lambda.Function;

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

    const restApi = new LambdaRestApi(this, 'ShopRestApi', {
      handler: this.function,
      proxy: true,
      deployOptions: { stageName: 'prod' },
      // Binary and compressed bodies reach clients decoded only for these media types.
      binaryMediaTypes: ['*/*'],
      // The example leaves the account-wide API Gateway logging role alone, as SAM does.
      cloudWatchRole: false,
    });

    const httpApi = new HttpApi(this, 'ShopHttpApi', {
      defaultIntegration: new HttpLambdaIntegration('ShopIntegration', this.function),
    });

    const functionUrl = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    new CfnOutput(this, 'RestApiUrl', { value: restApi.url });
    new CfnOutput(this, 'HttpApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'FunctionUrl', { value: functionUrl.url });
  }
}
