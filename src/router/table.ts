/**
 * The route table: path templates compiled into a tree of segments, so that matching walks the
 * request's segments once, whatever the number of routes.
 */
import { emptyMap } from '../_internals/fields.js';
import { decodePathComponent } from '../_internals/path.js';

const SLASH = 0x2f;

/** One segment of a template: text, a `{name}` parameter, or a greedy `{name+}` rest. */
type Segment =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

const PARAM = /^\{([A-Za-z_][A-Za-z0-9_-]*)(\+?)\}$/;

/** Splits a template such as `/users/{id}` or `/files/{path+}`; throws on a malformed one. */
export function parseTemplate(template: string): readonly Segment[] {
  if (!template.startsWith('/')) throw new TypeError(`Route "${template}" must start with "/".`);
  const parts = template === '/' ? [] : template.slice(1).replace(/\/$/, '').split('/');
  const names = new Set<string>();
  return parts.map((part, index) => {
    const match = PARAM.exec(part);
    if (match === null) {
      if (part.includes('{') || part.includes('}')) {
        throw new TypeError(`Route "${template}": "${part}" is not a valid parameter.`);
      }
      return { kind: 'static', text: part };
    }
    const name = match[1] ?? '';
    if (names.has(name)) throw new TypeError(`Route "${template}": {${name}} appears twice.`);
    names.add(name);
    if (match[2] === '+') {
      if (index !== parts.length - 1) {
        throw new TypeError(`Route "${template}": the greedy parameter must come last.`);
      }
      return { kind: 'greedy', name };
    }
    return { kind: 'param', name };
  });
}

/** A tree node: the routes ending here by method, and the ways on. */
export interface Node<R> {
  readonly statics: Map<string, Node<R>>;
  param: { readonly name: string; readonly node: Node<R> } | undefined;
  greedy: { readonly name: string; readonly node: Node<R> } | undefined;
  readonly routes: Map<string, R>;
}

export function emptyNode<R>(): Node<R> {
  return { statics: new Map(), param: undefined, greedy: undefined, routes: new Map() };
}

/** Adds a route under its template; two routes for one method and template are an error. */
export function insert<R>(root: Node<R>, template: string, method: string, route: R): void {
  let node = root;
  for (const segment of parseTemplate(template)) {
    if (segment.kind === 'static') {
      let next = node.statics.get(segment.text);
      if (next === undefined) {
        next = emptyNode();
        node.statics.set(segment.text, next);
      }
      node = next;
    } else {
      const slot = segment.kind === 'param' ? 'param' : 'greedy';
      const existing = node[slot];
      if (existing !== undefined && existing.name !== segment.name) {
        throw new TypeError(
          `Route "${template}": {${segment.name}} clashes with {${existing.name}} at the same place.`,
        );
      }
      const next = existing?.node ?? emptyNode<R>();
      node[slot] = { name: segment.name, node: next };
      node = next;
    }
  }
  if (node.routes.has(method))
    throw new TypeError(`Route "${method} ${template}" is declared twice.`);
  node.routes.set(method, route);
}

/** What matching a path found: the node whose routes apply, and the parameters on the way. */
export interface Match<R> {
  readonly node: Node<R>;
  readonly params: Record<string, string>;
}

/**
 * Splits a path into segments, a trailing slash ignored (`/users/` is `/users`). Segments stay
 * encoded: {@link decodeSegments} decodes each on its own, so an encoded `%2F` stays inside its
 * parameter.
 */
export function splitPath(path: string): string[] {
  // Cut out segment by segment, which takes V8 about half the time `slice(1).split('/')` does.
  let end = path.length;
  if (end > 1 && path.charCodeAt(end - 1) === SLASH) end--;
  const segments: string[] = [];
  // A path of one character other than `/` (only a hand-written event sends one) is one empty
  // segment, as a path without a leading slash always was: it matches no route, not the root.
  if (end <= 1) return end === 1 && path.charCodeAt(0) !== SLASH ? [''] : segments;
  let start = 1;
  for (let at = path.indexOf('/', start); at !== -1 && at < end; at = path.indexOf('/', start)) {
    segments.push(path.slice(start, at));
    start = at + 1;
  }
  segments.push(path.slice(start, end));
  return segments;
}

/** The segments, each decoded once; or the first one that is not valid percent-encoding. */
export type DecodedSegments =
  | { readonly ok: true; readonly segments: readonly string[] }
  | { readonly ok: false; readonly segment: string };

/**
 * Decodes each segment of a path exactly once. `HttpRequest.path` is percent-encoded for every
 * event kind (an HTTP API's decoded path is encoded again when the event is read), so this is the
 * one decoding a path gets. A malformed escape (`%zz`, an overlong `%C0%AE`) is not kept as sent:
 * a value that still looks encoded invites a second decoding further on.
 */
export function decodeSegments(segments: readonly string[]): DecodedSegments {
  let out: string[] | undefined;
  for (let index = 0; index < segments.length; index++) {
    const raw = segments[index] as string;
    const decoded = decodePathComponent(raw);
    if (decoded === undefined) return { ok: false, segment: raw };
    if (decoded !== raw) (out ??= segments.slice(0, index)).push(decoded);
    else out?.push(raw);
  }
  return { ok: true, segments: out ?? segments };
}

/**
 * Finds the node for a path's decoded segments, preferring a static segment to a parameter and a
 * parameter to a greedy rest, backtracking when a preferred branch leads nowhere.
 */
export function match<R>(
  root: Node<R>,
  segments: readonly string[],
  accept: (node: Node<R>) => boolean = (node) => node.routes.size > 0,
): Match<R> | undefined {
  // Without a prototype: a parameter may be named `__proto__`, which would otherwise set one.
  const params: Record<string, string> = emptyMap();
  const found = walk(root, segments, 0, params, accept);
  return found === undefined ? undefined : { node: found, params };
}

function walk<R>(
  node: Node<R>,
  segments: readonly string[],
  index: number,
  params: Record<string, string>,
  accept: (node: Node<R>) => boolean,
): Node<R> | undefined {
  if (index === segments.length) return accept(node) ? node : undefined;
  const segment = segments[index] ?? '';
  const fixed = node.statics.get(segment);
  if (fixed !== undefined) {
    const found = walk(fixed, segments, index + 1, params, accept);
    if (found !== undefined) return found;
  }
  if (node.param !== undefined && segment !== '') {
    const found = walk(node.param.node, segments, index + 1, params, accept);
    if (found !== undefined) {
      params[node.param.name] = segment;
      return found;
    }
  }
  if (node.greedy !== undefined && accept(node.greedy.node)) {
    params[node.greedy.name] = segments.slice(index).join('/');
    return node.greedy.node;
  }
  return undefined;
}
