import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import type { Scalar, YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import * as shop from '../../examples/shop/handler.js';

// The SAM template of the example: it parses (with CloudFormation's short tags), and its handler
// names a module the esbuild build produces and an export that is a function.

const root = path.resolve(import.meta.dirname, '../../examples/shop');
const CLOUDFORMATION_TAGS = ['!Ref', '!Sub', '!GetAtt'].map((tag) => ({
  tag,
  resolve: (value: string | YAMLMap | Scalar) => ({ [tag]: value }),
}));

interface Template {
  readonly Transform: string;
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

  it('names a handler the build produces and the module exports', () => {
    const fn = template().Resources['ShopFunction'];
    const [file, exported] = String(fn?.Properties['Handler']).split('.');
    const build = fn?.Metadata?.['BuildProperties'] as { EntryPoints: string[] };
    expect(build.EntryPoints).toEqual([`${String(file)}.ts`]);
    expect(existsSync(path.join(root, `${String(file)}.ts`))).toBe(true);
    expect(typeof (shop as Record<string, unknown>)[String(exported)]).toBe('function');
  });
});
