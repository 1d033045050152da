/**
 * One OpenAPI operation from one route: parameters and request body from the endpoint's codecs,
 * and a response for every status the route can answer with — its success, its decoding
 * problems, each status of its error map, and the masked 500.
 */
import type { AnyCodec } from '../decode/describe.js';
import type { EndpointFacts, OperationDescription } from '../decode/endpoint.js';
import type { ErrorMap } from '../errors/error-map.js';
import type { Tagged } from '../errors/tagged-error.js';
import { isArrayCodec, propsOf } from '../decode/shape.js';
import { statusesOf } from '../errors/error-map.js';
import { reasonPhrase } from '../status.js';
import type { JsonSchema, SchemaOptions } from './json-schema.js';
import { acceptsUndefined, codecSchema } from './json-schema.js';
import type { OpenApiParameter, OpenApiRequestBody } from './types.js';
import type { PartSchema } from '../decode/endpoint.js';
import { isStandardSchema } from '../decode/standard-schema.js';
import { standardAcceptsUndefined, standardJsonSchema } from './standard-schema.js';

/** The statuses a route can answer with, and why. */
export interface RouteStatuses {
  readonly success: number;
  /** Error statuses with the reasons (problem codes, error tags) behind each. */
  readonly errors: ReadonlyMap<number, readonly string[]>;
  /** Tags whose status only a request decides (error map entries given as functions). */
  readonly dynamic: readonly string[];
}

function addReason(map: Map<number, string[]>, status: number, reason: string): void {
  const list = map.get(status) ?? [];
  if (!list.includes(reason)) list.push(reason);
  map.set(status, list);
}

/** Every status a route answers with, ascending. */
export function routeStatuses(
  facts: EndpointFacts | undefined,
  describe: OperationDescription,
  errors: ErrorMap<Tagged> | undefined,
): RouteStatuses {
  const map = new Map<number, string[]>();
  const parts = facts?.parts ?? {};
  const { auth, ...requestParts } = parts;
  // A JavaScript caller may give a part as `undefined`: only those given count.
  const decodes = Object.values(requestParts as Readonly<Record<string, unknown>>).some(
    (codec) => codec !== undefined,
  );
  if (facts !== undefined && decodes) addReason(map, facts.problemStatus, 'invalid request');
  for (const status of auth?.statuses ?? []) addReason(map, status, 'caller refused');
  if (parts.body !== undefined) {
    addReason(map, 400, 'malformed JSON body');
    addReason(map, 413, 'body too large');
    addReason(map, 415, 'body not JSON');
  }
  for (const status of describe.problemStatuses ?? [])
    addReason(map, status, 'problems from the handler');
  const dynamic: string[] = [];
  if (errors !== undefined) {
    const statuses = statusesOf(errors);
    for (const [tag, entry] of statuses.fixed) addReason(map, entry.status, tag);
    dynamic.push(...statuses.dynamic);
  }
  addReason(map, 500, 'defect (masked)');
  const sorted = new Map([...map.entries()].sort(([a], [b]) => a - b));
  return { success: describe.status ?? 200, errors: sorted, dynamic };
}

/** The names of a template's parameters: `{id}` and greedy `{path+}` (named `path`). */
export function templateParameters(template: string): string[] {
  return [...template.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => match[1] ?? '');
}

type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

function parametersOf(
  schema: PartSchema | undefined,
  location: ParameterLocation,
  options: SchemaOptions,
): OpenApiParameter[] {
  if (schema === undefined) return [];
  if (isStandardSchema(schema))
    return standardParameters(standardJsonSchema(schema, options), location);
  const codec = schema;
  const props = propsOf(codec);
  if (props === undefined) return [];
  // The object's schema knows what a member's own codec does not: whether it sits in a
  // `t.partial`, and, in an intersection, every part that declares it.
  const object = codecSchema(codec, options);
  const required = new Set((object['required'] as readonly string[] | undefined) ?? []);
  const properties = (object['properties'] ?? {}) as Readonly<Record<string, JsonSchema>>;
  return Object.keys(props).map((name) => {
    const member = props[name] as AnyCodec;
    const array = location === 'query' && isArrayCodec(member);
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      schema:
        (Object.hasOwn(properties, name) ? properties[name] : undefined) ??
        codecSchema(member, options),
      ...(array ? { style: 'form' as const, explode: true } : {}),
    };
  });
}

/** The parameters a Standard Schema's object JSON Schema declares (none for any other shape). */
function standardParameters(object: JsonSchema, location: ParameterLocation): OpenApiParameter[] {
  const properties = object['properties'];
  if (typeof properties !== 'object' || properties === null) return [];
  const required = new Set((object['required'] as readonly string[] | undefined) ?? []);
  return Object.entries(properties as Readonly<Record<string, JsonSchema>>).map(
    ([name, member]) => ({
      name,
      in: location,
      required: location === 'path' || required.has(name),
      schema: member,
      ...(location === 'query' && member['type'] === 'array'
        ? { style: 'form' as const, explode: true }
        : {}),
    }),
  );
}

/** Every parameter of an operation: the template's path parameters first, typed by the codec. */
export function operationParameters(
  template: string,
  facts: EndpointFacts | undefined,
  options: SchemaOptions,
): OpenApiParameter[] {
  const parts = facts?.parts ?? {};
  const declared = new Map(
    parametersOf(parts.params, 'path', options).map((parameter) => [parameter.name, parameter]),
  );
  const path = templateParameters(template).map(
    (name): OpenApiParameter =>
      declared.get(name) ?? { name, in: 'path', required: true, schema: { type: 'string' } },
  );
  return [
    ...path,
    ...parametersOf(parts.query, 'query', options),
    ...parametersOf(parts.headers, 'header', options),
    ...parametersOf(parts.cookies, 'cookie', options),
  ];
}

/** The request body of an operation, or `undefined` when the endpoint declares none. */
export function requestBodyOf(
  facts: EndpointFacts | undefined,
  options: SchemaOptions,
): OpenApiRequestBody | undefined {
  const body = facts?.parts.body;
  if (body === undefined) return undefined;
  if (isStandardSchema(body)) {
    return {
      required: !standardAcceptsUndefined(body),
      content: { 'application/json': { schema: standardJsonSchema(body, options) } },
    };
  }
  return {
    required: !acceptsUndefined(body),
    content: {
      'application/json': {
        schema: codecSchema(body, { ...options, closed: facts?.unknownMembers === 'reject' }),
      },
    },
  };
}

/** The description of an error response: its reason phrase and what leads to it. */
export function errorDescription(status: number, reasons: readonly string[]): string {
  return `${reasonPhrase(status)}: ${reasons.join(', ')}.`;
}
