import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleShopHandler } from '../../examples/cdk/bundle.js';
import { ShopStack } from '../../examples/cdk/shop-stack.js';
import { functionUrlEvent, httpApiEvent, invoke, restApiEvent } from '../../src/testing/index.js';
import type { InvokableHandler } from '../../src/testing/index.js';

// Synthesises examples/cdk as `cdk synth` would, from a bundle built here: no AWS credentials,
// no Docker. The asset CDK staged is the directory that would be zipped and deployed.

const scratch = mkdtempSync(path.join(tmpdir(), 'gatefold-cdk-'));
let template: Template;
let assembly: string;

beforeAll(async () => {
  const codeDirectory = await bundleShopHandler(path.join(scratch, 'bundle'));
  assembly = path.join(scratch, 'cdk.out');
  const app = new App({ outdir: assembly });
  template = Template.fromStack(new ShopStack(app, 'GatefoldShop', { codeDirectory }));
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

interface FunctionResource {
  readonly Properties: {
    readonly Handler: string;
    readonly Code: { readonly S3Key: string };
  };
}

/** The logical id and properties of the stack's Lambda function whose `Handler` is `handler`. */
function theFunction(handler = 'handler.handler'): { id: string; resource: FunctionResource } {
  const functions = Object.entries(
    template.findResources('AWS::Lambda::Function', { Properties: { Handler: handler } }),
  );
  expect(functions).toHaveLength(1);
  const [id, resource] = functions[0] as [string, FunctionResource];
  return { id, resource };
}

/** `{ "Fn::GetAtt": [function, "Arn"] }`, as every integration refers to a function. */
function functionArn(handler = 'handler.handler'): unknown {
  return { 'Fn::GetAtt': [theFunction(handler).id, 'Arn'] };
}

/** Loads the handler named by the function's `Handler` from the asset CDK staged for it. */
async function deployedHandler(handlerName = 'handler.handler'): Promise<InvokableHandler> {
  const { Handler, Code } = theFunction(handlerName).resource.Properties;
  const [file = '', exportName = ''] = Handler.split('.');
  const asset = path.join(assembly, `asset.${Code.S3Key.replace(/\.zip$/, '')}`);
  const module = path.join(asset, `${file}.mjs`);
  expect(existsSync(module), `${module} (from Handler "${Handler}")`).toBe(true);
  const loaded = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  const handler = loaded[exportName];
  expect(typeof handler).toBe('function');
  return handler as InvokableHandler;
}

describe('examples/cdk stack', () => {
  it('is shown in full, as it is, in docs/deploying.md', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const source = readFileSync(path.join(root, 'examples/cdk/shop-stack.ts'), 'utf8');
    const guide = readFileSync(path.join(root, 'docs/deploying.md'), 'utf8');
    // Not a ```ts block: the documentation examples compile on their own, and aws-cdk-lib's
    // types would double that compile; `tsc -p .` checks the file itself.
    const fence = '```';
    expect(guide).toContain(`\n${fence}typescript\n${source}${fence}\n`);
  });

  it('deploys two functions whose Handlers name the bundled modules and their exports', () => {
    template.resourceCountIs('AWS::Lambda::Function', 2);
    for (const handler of ['handler.handler', 'stream.handler']) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: handler,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 10,
      });
    }
  });

  it('ships the streaming handler, marked for Lambda as streaming', async () => {
    const handler = (await deployedHandler('stream.handler')) as unknown as Record<symbol, unknown>;
    expect(handler[Symbol.for('aws.lambda.runtime.handler.streaming')]).toBe('response');
  }, 60_000);

  it('ships a bundle that answers every event source the stack connects', async () => {
    const handler = await deployedHandler();
    for (const event of [
      restApiEvent({ path: '/health' }),
      httpApiEvent({ path: '/health' }),
      functionUrlEvent({ path: '/health' }),
    ]) {
      const response = await invoke(handler, event);
      expect({ status: response.status, body: response.json() }).toEqual({
        status: 200,
        body: { status: 'ok' },
      });
    }
  }, 60_000);

  it('puts a REST API in front: {proxy+} and the root, ANY method, stage prod, binary bodies', () => {
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['*/*'] });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
    const methods = template.findResources('AWS::ApiGateway::Method', {
      Properties: {
        HttpMethod: 'ANY',
        Integration: {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          Uri: { 'Fn::Join': ['', Match.arrayWith([functionArn()])] },
        },
      },
    });
    expect(Object.keys(methods)).toHaveLength(2);
    for (const method of Object.values(methods)) {
      expect(method).not.toHaveProperty('Properties.Integration.ResponseTransferMode');
    }
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('puts an HTTP API in front: the $default route, payload format 2.0', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: functionArn(),
      PayloadFormatVersion: '2.0',
    });
  });

  it('streams GET /orders/{id}/events on the REST API from the streaming function', () => {
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'events' });
    const methods = template.findResources('AWS::ApiGateway::Method', {
      Properties: {
        HttpMethod: 'GET',
        Integration: {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          ResponseTransferMode: 'STREAM',
          Uri: {
            'Fn::Join': [
              '',
              Match.arrayWith([
                Match.stringLikeRegexp(':lambda:path/2021-11-15/functions/$'),
                functionArn('stream.handler'),
                '/response-streaming-invocations',
              ]),
            ],
          },
        },
      },
    });
    expect(Object.keys(methods)).toHaveLength(1);
  });

  it('gives the function a public Function URL, and the streaming one a streaming URL', () => {
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: functionArn(),
      InvokeMode: Match.absent(),
    });
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: functionArn('stream.handler'),
      InvokeMode: 'RESPONSE_STREAM',
    });
  });

  it('lets both APIs invoke the function', () => {
    const apis = Object.keys({
      ...template.findResources('AWS::ApiGateway::RestApi'),
      ...template.findResources('AWS::ApiGatewayV2::Api'),
    });
    for (const api of apis) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: functionArn(),
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([{ Ref: api }])] },
      });
    }
    expect(apis).toHaveLength(2);
  });

  it('outputs the four URLs', () => {
    expect(Object.keys(template.findOutputs('*'))).toEqual(
      expect.arrayContaining(['RestApiUrl', 'HttpApiUrl', 'FunctionUrl', 'StreamFunctionUrl']),
    );
    template.hasOutput('StreamFunctionUrl', {
      Value: { 'Fn::GetAtt': [Match.anyValue(), 'FunctionUrl'] },
    });
    template.hasOutput('FunctionUrl', {
      Value: { 'Fn::GetAtt': [Match.anyValue(), 'FunctionUrl'] },
    });
    template.hasOutput('HttpApiUrl', {
      Value: { 'Fn::GetAtt': [Match.anyValue(), 'ApiEndpoint'] },
    });
  });
});
