import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import type { Scalar, YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { routerFacts } from '../../src/router/router.js';
import * as shop from '../../examples/shop/handler.js';
import * as shopStreams from '../../examples/shop/stream.js';

// The SAM template of the example: it parses (with CloudFormation's short tags), and each
// function's handler names a module the esbuild build produces and an export that is a function.
// The streaming function (stream.ts) gets a Function URL in RESPONSE_STREAM mode and a REST API
// route whose `ResponseTransferMode: RESPONSE_STREAM` SAM turns into the integration's
// `responseTransferMode: STREAM` at the `response-streaming-invocations` URI.

const MODULES: Readonly<Record<string, Record<string, unknown>>> = {
  'handler.ts': shop,
  'stream.ts': shopStreams,
};

const root = path.resolve(import.meta.dirname, '../../examples/shop');
const CLOUDFORMATION_TAGS = ['!Ref', '!Sub', '!GetAtt'].map((tag) => ({
  tag,
  resolve: (value: string | YAMLMap | Scalar) => ({ [tag]: value }),
}));

interface Template {
  readonly Transform: string;
  readonly Outputs: Record<string, { Value: unknown }>;
  readonly Globals: { readonly Function: Record<string, unknown> };
  readonly Resources: Record<
    string,
    { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }
  >;
}

function template(): Template {
  const document = parseDocument(readFileSync(path.join(root, 'template.yaml'), 'utf8'), {
    customTags: CLOUDFORMATION_TAGS,
  });
  expect(document.errors).toEqual([]);
  expect(isMap(document.contents)).toBe(true);
  return document.toJS() as Template;
}

describe('examples/shop/template.yaml', () => {
  it('is a SAM template with one function for a REST API, an HTTP API and a Function URL', () => {
    const { Transform, Globals, Resources } = template();
    expect(Transform).toBe('AWS::Serverless-2016-10-31');
    expect(Globals.Function['Runtime']).toBe('nodejs24.x');
    const fn = Resources['ShopFunction'];
    expect(fn?.Type).toBe('AWS::Serverless::Function');
    expect(fn?.Properties['FunctionUrlConfig']).toEqual({ AuthType: 'NONE' });
    const events = fn?.Properties['Events'] as Record<string, { Type: string }>;
    expect(
      Object.values(events)
        .map((event) => event.Type)
        .sort(),
    ).toEqual(['Api', 'HttpApi']);
  });

  it.each(['ShopFunction', 'ShopStreamFunction'])(
    '%s names a handler the build produces and the module exports',
    (id) => {
      const fn = template().Resources[id];
      const [file, exported] = String(fn?.Properties['Handler']).split('.');
      const build = fn?.Metadata?.['BuildProperties'] as { EntryPoints: string[] };
      expect(build.EntryPoints).toEqual([`${String(file)}.ts`]);
      expect(existsSync(path.join(root, `${String(file)}.ts`))).toBe(true);
      expect(typeof MODULES[`${String(file)}.ts`]?.[String(exported)]).toBe('function');
    },
  );

  it('streams stream.ts through a Function URL in RESPONSE_STREAM mode', () => {
    const { Resources, Outputs } = template();
    const fn = Resources['ShopStreamFunction'];
    expect(fn?.Type).toBe('AWS::Serverless::Function');
    expect(fn?.Properties['Handler']).toBe('stream.handler');
    expect(fn?.Properties['FunctionUrlConfig']).toEqual({
      AuthType: 'NONE',
      InvokeMode: 'RESPONSE_STREAM',
    });
    expect(Outputs['StreamFunctionUrl']?.Value).toEqual({
      '!GetAtt': 'ShopStreamFunctionUrl.FunctionUrl',
    });
  });

  it('streams each route of stream.ts on the REST API, the rest staying with ShopFunction', () => {
    const events = template().Resources['ShopStreamFunction']?.Properties['Events'] as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const routes = routerFacts(shopStreams.streams)?.routes ?? [];
    expect(routes.length).toBeGreaterThan(0);
    expect(
      Object.values(events).map((event) => ({ type: event.Type, ...event.Properties })),
    ).toEqual(
      routes.map((route) => ({
        type: 'Api',
        RestApiId: { '!Ref': 'ShopRestApi' },
        Path: route.info.path,
        Method: route.info.method,
        // SAM's value, not API Gateway's: SAM writes `responseTransferMode: STREAM`.
        ResponseTransferMode: 'RESPONSE_STREAM',
      })),
    );
  });
});
