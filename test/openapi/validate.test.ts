/**
 * Every generated document is a valid OpenAPI 3.0.3 document, and a valid 3.1.0 one when asked
 * for (`@apidevtools/swagger-parser`), its schemas compiling in the version's dialect; a 3.0
 * document keeps the rules API Gateway applies when it imports one: each integration response's
 * status is a declared method response, each request validator named is defined, each selection
 * pattern is a regular expression Java compiles.
 *
 * The validator compiles the OpenAPI schema anew on each call (a few hundred milliseconds), so
 * it runs on a set of option combinations that holds every pair of values of any two options;
 * the import rules, which are cheap, are checked on every combination.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { ErrorFormat } from '../../src/index.js';
import type { OpenApiDocument, OpenApiOptions } from '../../src/openapi/index.js';
import type { OpenApiVersion } from '../../src/openapi/types.js';
import * as t from 'io-ts';
import {
  IntFromString,
  TaggedError,
  endpoint,
  errorMap,
  json,
  maxLength,
  min,
  minLength,
  pattern,
  router,
  toLambda,
} from '../../src/index.js';
import { toLambdaIntegration } from '../../src/integration/index.js';
import { openApiDocument } from '../../src/openapi/index.js';
import { api } from '../../examples/shop/handler.js';
import { javaToJs } from '../support/java-regex.js';
import { compileSchema } from './ajv.js';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:shop';

type Adapter = 'toLambda' | 'toLambdaIntegration';
type Validation = NonNullable<OpenApiOptions['requestValidation']>;

interface Combination {
  readonly adapter: Adapter;
  readonly errorFormat: ErrorFormat;
  readonly requestValidation: Validation;
  readonly gatewayResponses: boolean;
  readonly functionArn: boolean;
}

const ADAPTERS: readonly Adapter[] = ['toLambda', 'toLambdaIntegration'];
const FORMATS: readonly ErrorFormat[] = ['json-api', 'problem', 'negotiate'];
const VALIDATIONS: readonly Validation[] = [false, 'params', 'all'];
const BOOLEANS: readonly boolean[] = [true, false];
const VERSIONS: readonly OpenApiVersion[] = ['3.0.3', '3.1.0'];

const ALL: readonly Combination[] = ADAPTERS.flatMap((adapter) =>
  FORMATS.flatMap((errorFormat) =>
    VALIDATIONS.flatMap((requestValidation) =>
      BOOLEANS.flatMap((gatewayResponses) =>
        BOOLEANS.map((functionArn) => ({
          adapter,
          errorFormat,
          requestValidation,
          gatewayResponses,
          functionArn,
        })),
      ),
    ),
  ),
);

function row(
  adapter: Adapter,
  errorFormat: ErrorFormat,
  requestValidation: Validation,
  gatewayResponses: boolean,
  functionArn: boolean,
): Combination {
  return { adapter, errorFormat, requestValidation, gatewayResponses, functionArn };
}

/** Every pair of values of any two options appears in one of these rows. */
const PAIRWISE: readonly Combination[] = [
  row('toLambda', 'json-api', false, true, true),
  row('toLambda', 'negotiate', 'all', true, false),
  row('toLambda', 'problem', 'all', false, true),
  row('toLambda', 'problem', 'params', true, false),
  row('toLambdaIntegration', 'json-api', 'all', false, true),
  row('toLambdaIntegration', 'json-api', 'params', false, false),
  row('toLambdaIntegration', 'negotiate', false, false, false),
  row('toLambdaIntegration', 'negotiate', 'params', true, true),
  row('toLambdaIntegration', 'problem', false, false, false),
];

function documentFor(combination: Combination, openapi?: OpenApiVersion): OpenApiDocument {
  const options = { errorFormat: combination.errorFormat };
  const handler =
    combination.adapter === 'toLambda' ? toLambda(api, options) : toLambdaIntegration(api, options);
  return openApiDocument(handler, {
    ...(openapi === undefined ? {} : { openapi }),
    title: 'Shop',
    version: '2.0.0',
    requestValidation: combination.requestValidation,
    gatewayResponses: combination.gatewayResponses,
    ...(combination.functionArn ? { functionArn: FUNCTION_ARN } : {}),
  });
}

async function validate(document: object): Promise<OpenAPIV3.Document> {
  // The parser dereferences in place: it gets a copy.
  const copy = structuredClone(document) as unknown as OpenAPIV3.Document;
  return (await SwaggerParser.validate(copy)) as OpenAPIV3.Document;
}

/** The value of an option in a combination, for the pair check. */
function values(combination: Combination): string[] {
  return Object.entries(combination).map(([name, value]) => `${name}=${String(value)}`);
}

describe('the option combinations validated', () => {
  it('hold every pair of values of any two options', () => {
    const wanted = new Set<string>();
    for (const combination of ALL) {
      const [a, b, c, d, e] = values(combination);
      const list = [a, b, c, d, e];
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) wanted.add(`${list[i]}&${list[j]}`);
    }
    const covered = new Set<string>();
    for (const combination of PAIRWISE) {
      const list = values(combination);
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) covered.add(`${list[i]}&${list[j]}`);
    }
    expect([...wanted].filter((pair) => !covered.has(pair))).toStrictEqual([]);
  });
});

describe.each(VERSIONS)('swagger-parser, OpenAPI %s', (version) => {
  it.each(PAIRWISE)(
    'validates the shop with $adapter, $errorFormat, validation $requestValidation, gateway responses $gatewayResponses, ARN $functionArn',
    async (combination) => {
      const document = documentFor(combination, version);
      const validated = await validate(document);
      expect(validated.openapi).toBe(version);
      expect(validated.info).toStrictEqual({ title: 'Shop', version: '2.0.0' });
      expect(Object.keys(validated.paths)).toStrictEqual([
        '/health',
        '/users',
        '/users/{id}',
        '/me',
        '/carts/{cartId}/checkout',
      ]);
      // The integration URI: the ARN's, or a CloudFormation Fn::Sub inside the extension.
      const integration = (
        validated.paths['/health']?.get as Record<string, unknown> | undefined
      )?.['x-amazon-apigateway-integration'] as { uri: unknown } | undefined;
      expect(integration?.uri).toStrictEqual(
        combination.functionArn
          ? `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`
          : {
              'Fn::Sub':
                'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Function.Arn}/invocations',
            },
      );
    },
    30_000,
  );

  it('refuses a broken document, so that the checks above can fail', async () => {
    const broken = {
      ...documentFor(PAIRWISE[0]!, version),
      paths: { '/health': { get: { responses: 1 } } },
    };
    await expect(validate(broken)).rejects.toThrow(/responses/);
  }, 30_000);

  class Throttled extends TaggedError('Throttled')<{ readonly seconds: number }> {}

  it('validates a router whose error map decides a status per error', async () => {
    const throttling = router({
      errors: errorMap<Throttled>({
        Throttled: (e) => ({ status: e.seconds > 60 ? 503 : 429 }),
      }),
    }).get('/slow', () => err(new Throttled({ seconds: 1 })));
    const document = openApiDocument(toLambdaIntegration(throttling), {
      openapi: version,
      requestValidation: 'all',
    });
    await expect(validate(document)).resolves.toMatchObject({ openapi: version });
  }, 30_000);

  it('validates a bare handler, served on every path and method', async () => {
    const document = openApiDocument(
      toLambda(() => ok(json({ ok: true }))),
      {
        openapi: version,
      },
    );
    const validated = await validate(document);
    expect(Object.keys(validated.paths)).toStrictEqual(['/{proxy+}']);
    expect(Object.keys(validated.paths['/{proxy+}'] ?? {})).toStrictEqual([
      'x-amazon-apigateway-any-method',
    ]);
  }, 30_000);
});

/** Every Schema Object of a document's operations: parameters, request bodies, responses. */
function operationSchemas(document: OpenApiDocument): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        if (key === 'schema') found.push(member);
        else walk(member);
      }
    }
  };
  walk(document['paths']);
  return found;
}

function compileAll(document: OpenApiDocument): void {
  for (const schema of [
    ...operationSchemas(document),
    ...Object.values(document.components.schemas),
  ]) {
    expect(
      () =>
        compileSchema({ ...(schema as object), components: document.components }, document.openapi),
      JSON.stringify(schema),
    ).not.toThrow();
  }
}

class Conflict extends TaggedError('Conflict')<{ readonly id: string }> {}

/** Codecs whose schemas need OpenAPI 3.0's care: null, tuples, records, patterns, lengths. */
const awkward = router({ errors: errorMap<Conflict>({ Conflict: { status: 409 } }) }).put(
  '/things/{id}',
  endpoint(
    {
      params: t.type({ id: pattern(t.string, new RegExp(String.raw`^[a-z]+\-\d+$`)) }),
      query: t.partial({ page: min(IntFromString, 1), tags: t.array(maxLength(t.string, 8)) }),
      headers: t.partial({ 'x-note': t.union([t.string, t.number, t.null]) }),
      body: t.type({
        nothing: t.null,
        either: t.union([t.literal('a'), t.literal(1), t.null]),
        anything: t.union([t.unknown, t.null]),
        pair: t.tuple([t.string, t.number]),
        scores: t.record(t.keyof({ low: null, high: null }), t.number),
        loose: t.UnknownRecord,
        name: minLength(t.string, 3),
      }),
    },
    () => err(new Conflict({ id: 'x' })),
  ),
);

describe.each(VERSIONS)('Ajv, with the schema rules of OpenAPI %s', (version) => {
  it.each(PAIRWISE)(
    'compiles every schema of the shop with $adapter, $errorFormat errors',
    (combination) => {
      compileAll(documentFor(combination, version));
    },
    // Ajv compiles the OpenAPI schema anew each time: seconds on a loaded machine.
    30_000,
  );

  it('compiles every schema of codecs with null, tuples, records, patterns and lengths', async () => {
    const options = { errorFormat: 'negotiate' } as const;
    for (const handler of [toLambda(awkward, options), toLambdaIntegration(awkward, options)]) {
      const document = openApiDocument(handler, {
        openapi: version,
        requestValidation: 'all',
      });
      compileAll(document);
      await expect(validate(document)).resolves.toMatchObject({ openapi: version });
    }
  }, 30_000);
});

describe('the checks of each version refuse the other’s spelling, so that they can fail', () => {
  it('Ajv refuses 3.0 schemas in a 3.1 document', () => {
    const old = openApiDocument(awkward);
    expect(() => {
      compileAll({ ...old, openapi: '3.1.0' });
    }).toThrow(/nullable/);
  });

  it('swagger-parser refuses 3.1 schemas in a 3.0 document', async () => {
    const modern = openApiDocument(awkward, { openapi: '3.1.0' });
    await expect(validate({ ...modern, openapi: '3.0.3' })).rejects.toThrow(/schema/);
  }, 30_000);
});

interface ImportedOperation {
  readonly responses: Readonly<Record<string, unknown>>;
  readonly 'x-amazon-apigateway-request-validator'?: string;
  readonly 'x-amazon-apigateway-integration': {
    readonly type: string;
    readonly responses?: Readonly<Record<string, { readonly statusCode: string }>>;
  };
}

function operations(document: OpenApiDocument): ImportedOperation[] {
  const paths = document['paths'] as Record<string, Record<string, ImportedOperation>>;
  return Object.values(paths).flatMap((methods) => Object.values(methods));
}

describe.each(ALL)(
  "API Gateway's import rules: $adapter, $errorFormat, validation $requestValidation, gateway responses $gatewayResponses, ARN $functionArn",
  (combination) => {
    const document = documentFor(combination);

    it('declares a method response for every integration response', () => {
      for (const operation of operations(document)) {
        const integration = operation['x-amazon-apigateway-integration'];
        expect(integration.type).toBe(combination.adapter === 'toLambda' ? 'aws_proxy' : 'aws');
        for (const response of Object.values(integration.responses ?? {})) {
          expect(Object.keys(operation.responses)).toContain(response.statusCode);
        }
      }
    });

    it('names only request validators it defines, and only when asked to', () => {
      const validators = document['x-amazon-apigateway-request-validators'] as
        Record<string, unknown> | undefined;
      for (const operation of operations(document)) {
        const named = operation['x-amazon-apigateway-request-validator'];
        if (combination.requestValidation === false) expect(named).toBeUndefined();
        else {
          expect(named).toBe(combination.requestValidation);
          expect(Object.keys(validators ?? {})).toContain(named);
        }
      }
      expect(validators === undefined).toBe(combination.requestValidation === false);
    });

    it('writes selection patterns Java compiles', () => {
      for (const operation of operations(document)) {
        for (const pattern of Object.keys(
          operation['x-amazon-apigateway-integration'].responses ?? {},
        )) {
          if (pattern !== 'default') expect(() => new RegExp(javaToJs(pattern), 'u')).not.toThrow();
        }
      }
    });

    it('adds gateway responses only when asked to', () => {
      expect('x-amazon-apigateway-gateway-responses' in document).toBe(
        combination.gatewayResponses,
      );
    });
  },
);
