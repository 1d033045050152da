/**
 * The route table on its own: templates parsed into segments, inserted into a tree of nodes,
 * and request paths split, each segment decoded once, and matched against it (static before
 * `{param}` before `{rest+}`, with backtracking). A property checks that every declared static
 * route finds itself.
 * `FUZZ_RUNS=10000 npx vitest run test/router/table.test.ts` for more runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/router/table.js';
import {
  decodeSegments,
  emptyNode,
  insert,
  match,
  parseTemplate,
  splitPath,
} from '../../src/router/table.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);

/** What a call threw, so that a whole error can be compared. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** An expected node: every member given, empty unless the test says otherwise. */
function node<R>(parts: Partial<Node<R>> = {}): Node<R> {
  return {
    statics: parts.statics ?? new Map<string, Node<R>>(),
    param: parts.param,
    greedy: parts.greedy,
    routes: parts.routes ?? new Map<string, R>(),
  };
}

/** A tree built from `[method, template, route]` rows, in order. */
function tree(rows: readonly (readonly [string, string, string])[]): Node<string> {
  const root = emptyNode<string>();
  for (const [method, template, route] of rows) insert(root, template, method, route);
  return root;
}

/**
 * What matching a path found, as plain data: the route for a method and the parameters, or the
 * segment that did not decode.
 */
function found(root: Node<string>, path: string, method = 'GET') {
  const decoded = decodeSegments(splitPath(path));
  if (!decoded.ok) return { invalid: decoded.segment };
  const result = match(root, decoded.segments);
  return result === undefined
    ? undefined
    : {
        route: result.node.routes.get(method),
        methods: [...result.node.routes.keys()],
        params: result.params,
      };
}

describe('parseTemplate', () => {
  it.each([
    ['/', []],
    ['/users', [{ kind: 'static', text: 'users' }]],
    ['/users/', [{ kind: 'static', text: 'users' }]],
    [
      '/users/{id}',
      [
        { kind: 'static', text: 'users' },
        { kind: 'param', name: 'id' },
      ],
    ],
    [
      '/users/{id}/posts/{postId}',
      [
        { kind: 'static', text: 'users' },
        { kind: 'param', name: 'id' },
        { kind: 'static', text: 'posts' },
        { kind: 'param', name: 'postId' },
      ],
    ],
    [
      '/files/{path+}',
      [
        { kind: 'static', text: 'files' },
        { kind: 'greedy', name: 'path' },
      ],
    ],
    ['/{proxy+}', [{ kind: 'greedy', name: 'proxy' }]],
    [
      '/a/{_b-2}',
      [
        { kind: 'static', text: 'a' },
        { kind: 'param', name: '_b-2' },
      ],
    ],
    [
      '/v1.0/a+b',
      [
        { kind: 'static', text: 'v1.0' },
        { kind: 'static', text: 'a+b' },
      ],
    ],
  ])('parses %s', (template, segments) => {
    expect(parseTemplate(template)).toEqual(segments);
  });

  it.each([
    ['users', 'Route "users" must start with "/".'],
    ['', 'Route "" must start with "/".'],
    ['users/{id}', 'Route "users/{id}" must start with "/".'],
    ['/files/{path+}/meta', 'Route "/files/{path+}/meta": the greedy parameter must come last.'],
    ['/{a+}/{b+}', 'Route "/{a+}/{b+}": the greedy parameter must come last.'],
    ['/users/{id}.json', 'Route "/users/{id}.json": "{id}.json" is not a valid parameter.'],
    ['/users/{}', 'Route "/users/{}": "{}" is not a valid parameter.'],
    ['/users/{1d}', 'Route "/users/{1d}": "{1d}" is not a valid parameter.'],
    ['/users/{id', 'Route "/users/{id": "{id" is not a valid parameter.'],
    ['/users/id}', 'Route "/users/id}": "id}" is not a valid parameter.'],
    ['/users/{a b}', 'Route "/users/{a b}": "{a b}" is not a valid parameter.'],
  ])('refuses %j', (template, message) => {
    expect(thrownBy(() => parseTemplate(template))).toStrictEqual(new TypeError(message));
  });

  it('refuses a template that names one parameter twice', () => {
    // Matching could only keep one of the two values; API Gateway refuses such a resource too.
    expect(thrownBy(() => parseTemplate('/a/{id}/b/{id}'))).toBeInstanceOf(TypeError);
    expect(thrownBy(() => parseTemplate('/a/{id}/{id+}'))).toBeInstanceOf(TypeError);
  });
});

describe('insert', () => {
  it('builds one node per segment, sharing prefixes, with the routes by method', () => {
    const root = tree([
      ['GET', '/', 'root'],
      ['GET', '/users', 'list'],
      ['GET', '/users/{id}', 'get'],
      ['PUT', '/users/{id}', 'put'],
      ['GET', '/users/{id}/posts', 'posts'],
      ['GET', '/files/{path+}', 'file'],
      ['GET', '/files/{name}', 'one-file'],
    ]);
    expect(root).toEqual(
      node({
        routes: new Map([['GET', 'root']]),
        statics: new Map([
          [
            'users',
            node({
              routes: new Map([['GET', 'list']]),
              param: {
                name: 'id',
                node: node({
                  routes: new Map([
                    ['GET', 'get'],
                    ['PUT', 'put'],
                  ]),
                  statics: new Map([['posts', node({ routes: new Map([['GET', 'posts']]) })]]),
                }),
              },
            }),
          ],
          [
            'files',
            node({
              param: { name: 'name', node: node({ routes: new Map([['GET', 'one-file']]) }) },
              greedy: { name: 'path', node: node({ routes: new Map([['GET', 'file']]) }) },
            }),
          ],
        ]),
      }),
    );
  });

  it('treats a trailing slash in a template as the template without it', () => {
    expect(tree([['GET', '/users/', 'list']])).toEqual(tree([['GET', '/users', 'list']]));
  });

  it.each([
    [
      'the same method and template twice',
      [
        ['GET', '/users/{id}', 'a'],
        ['GET', '/users/{id}', 'b'],
      ],
      'Route "GET /users/{id}" is declared twice.',
    ],
    [
      'the same template with and without a trailing slash',
      [
        ['POST', '/users', 'a'],
        ['POST', '/users/', 'b'],
      ],
      'Route "POST /users/" is declared twice.',
    ],
    [
      'the root twice',
      [
        ['GET', '/', 'a'],
        ['GET', '/', 'b'],
      ],
      'Route "GET /" is declared twice.',
    ],
    [
      'two parameter names at one place',
      [
        ['GET', '/users/{id}', 'a'],
        ['GET', '/users/{userId}/posts', 'b'],
      ],
      'Route "/users/{userId}/posts": {userId} clashes with {id} at the same place.',
    ],
    [
      'two greedy names at one place',
      [
        ['GET', '/files/{path+}', 'a'],
        ['PUT', '/files/{rest+}', 'b'],
      ],
      'Route "/files/{rest+}": {rest} clashes with {path} at the same place.',
    ],
  ] as const)('refuses %s', (_name, rows, message) => {
    const root = emptyNode<string>();
    const [first, second] = rows;
    insert(root, first[1], first[0], first[2]);
    const adding = () => {
      insert(root, second[1], second[0], second[2]);
    };
    expect(thrownBy(adding)).toStrictEqual(new TypeError(message));
    // The route already there is kept as it was.
    expect(found(root, first[1].replace(/\{[^}]+\}/g, 'x'), first[0])?.route).toBe(first[2]);
  });

  it('accepts one parameter name shared by several templates, and other methods on a route', () => {
    const root = tree([
      ['GET', '/users/{id}', 'get'],
      ['DELETE', '/users/{id}', 'delete'],
      ['GET', '/users/{id}/posts', 'posts'],
      ['GET', '/files/{name}', 'one'],
      ['GET', '/files/{name+}', 'many'],
    ]);
    expect(found(root, '/users/u-1', 'DELETE')).toEqual({
      route: 'delete',
      methods: ['GET', 'DELETE'],
      params: { id: 'u-1' },
    });
    expect(found(root, '/files/a/b')).toEqual({
      route: 'many',
      methods: ['GET'],
      params: { name: 'a/b' },
    });
  });
});

describe('splitPath', () => {
  it.each([
    ['/', []],
    ['', []],
    ['//', []],
    ['/users', ['users']],
    ['/users/', ['users']],
    ['/users/u-1/posts', ['users', 'u-1', 'posts']],
    ['/users/u-1/posts/', ['users', 'u-1', 'posts']],
    ['/users//posts', ['users', '', 'posts']],
    ['/users/u-1//', ['users', 'u-1', '']],
    // Escapes are left for decodeSegments, which decodes each segment after the split.
    ['/files/a%2Fb/c%20d', ['files', 'a%2Fb', 'c%20d']],
    // Without a leading slash (an asterisk-form OPTIONS through the local server): no route.
    ['*', ['']],
    ['a/', ['']],
  ])('splits %j', (path, segments) => {
    expect(splitPath(path)).toEqual(segments);
  });

  it('gives the segments between slashes, one trailing slash ignored, for any path', () => {
    // Paths as gateways send them, and anything a hand-written event may hold.
    const path = fc.oneof(
      fc
        .array(fc.constantFrom('a', 'bc', '', '%2F', '/', '\u00e9'), { maxLength: 8 })
        .map((parts) => `/${parts.join('/')}`),
      fc.string({ unit: fc.constantFrom('a', '/', '*', '') }),
    );
    fc.assert(
      fc.property(path, (sent) => {
        const trimmed = sent.length > 1 && sent.endsWith('/') ? sent.slice(0, -1) : sent;
        const expected = trimmed === '/' || trimmed === '' ? [] : trimmed.slice(1).split('/');
        expect(splitPath(sent)).toEqual(expected);
      }),
    );
  });
});

describe('decodeSegments', () => {
  it.each<[readonly string[], readonly string[]]>([
    [[], []],
    [
      ['users', 'u-1'],
      ['users', 'u-1'],
    ],
    // Each segment once, on its own: an encoded slash stays inside its segment.
    [
      ['files', 'a%2Fb', 'c%20d'],
      ['files', 'a/b', 'c d'],
    ],
    [
      ['caf%C3%A9', 'plain', '%E2%82%AC'],
      ['café', 'plain', '€'],
    ],
    [
      ['100%2525', '%252F'],
      ['100%25', '%2F'],
    ],
    [
      ['a+b', '%2B'],
      ['a+b', '+'],
    ],
    [
      ['%00', '%3F%23'],
      ['\u0000', '?#'],
    ],
  ])('decodes %j once into %j', (segments, decoded) => {
    expect(decodeSegments(segments)).toEqual({ ok: true, segments: decoded });
  });

  it('gives the segments back unchanged, without a copy, when none holds an escape', () => {
    const segments = ['users', 'u-1', 'posts'];
    expect(decodeSegments(segments)).toEqual({ ok: true, segments });
    expect((decodeSegments(segments) as { segments: readonly string[] }).segments).toBe(segments);
  });

  it.each([
    [['%zz'], '%zz'],
    [['users', '100%'], '100%'],
    [['a', '%E0%A4%A', '%zz'], '%E0%A4%A'],
    // Overlong, truncated, a surrogate, beyond U+10FFFF: not UTF-8.
    [['%C0%AE'], '%C0%AE'],
    [['%E2%82'], '%E2%82'],
    [['%ED%A0%80'], '%ED%A0%80'],
    [['%F4%90%80%80'], '%F4%90%80%80'],
  ])('refuses %j at %s, which is not valid percent-encoding', (segments, segment) => {
    expect(decodeSegments(segments)).toEqual({ ok: false, segment });
  });
});

describe('match', () => {
  const root = tree([
    ['GET', '/', 'root'],
    ['GET', '/users', 'list'],
    ['GET', '/users/me', 'me'],
    ['GET', '/users/{id}', 'user'],
    ['GET', '/users/{id}/posts/{postId}', 'post'],
    ['GET', '/files/readme', 'readme'],
    ['GET', '/files/{path+}', 'file'],
    ['GET', '/teams/all/admins', 'admins'],
    ['GET', '/teams/{team}/members', 'members'],
    ['GET', '/a/{x}/c', 'axc'],
    ['GET', '/{y}/b/d', 'ybd'],
    ['GET', '/docs/{id}', 'doc'],
    ['GET', '/docs/{rest+}', 'docs'],
    ['PUT', '/only/put', 'put-only'],
  ]);

  it.each([
    ['/', 'root', {}],
    ['/users', 'list', {}],
    ['/users/', 'list', {}],
    ['/users/me', 'me', {}],
    ['/users/u-1', 'user', { id: 'u-1' }],
    ['/users/u-1/posts/p-9', 'post', { id: 'u-1', postId: 'p-9' }],
    ['/users/a%2Fb', 'user', { id: 'a/b' }],
    ['/users/caf%C3%A9', 'user', { id: 'café' }],
    ['/users/a%20b+c', 'user', { id: 'a b+c' }],
    ['/users/%6De', 'me', {}],
    // Decoded once: an escaped escape stays an escape.
    ['/users/100%2525', 'user', { id: '100%25' }],
    ['/users/%252e%252e', 'user', { id: '%2e%2e' }],
    ['/files/readme', 'readme', {}],
    ['/files/readme/v2', 'file', { path: 'readme/v2' }],
    ['/files/a/b/c.txt', 'file', { path: 'a/b/c.txt' }],
    ['/files/my%20docs/x', 'file', { path: 'my docs/x' }],
    ['/teams/all/admins', 'admins', {}],
    ['/teams/all/members', 'members', { team: 'all' }],
    ['/a/b/c', 'axc', { x: 'b' }],
    ['/a/b/d', 'ybd', { y: 'a' }],
    ['/users/b/d', 'ybd', { y: 'users' }],
    ['/docs/intro', 'doc', { id: 'intro' }],
    ['/docs/guide/intro', 'docs', { rest: 'guide/intro' }],
  ])('matches %s', (path, route, params) => {
    expect(found(root, path)).toEqual({ route, methods: ['GET'], params });
  });

  it.each([
    ['/nope'],
    ['/users/u-1/extra'],
    ['/users/u-1/posts'],
    ['/files'],
    ['/teams/all'],
    ['/teams//members'],
    ['/a/b/e'],
  ])('finds nothing for %s', (path) => {
    expect(found(root, path)).toBeUndefined();
  });

  it.each([
    ['/users/%E0%A4%A', '%E0%A4%A'],
    ['/users/100%', '100%'],
    ['/users/%zz/posts/%C0%AE', '%zz'],
    ['/files/ok/%C0%AE', '%C0%AE'],
  ])('finds no route for %s, whose segment %s does not decode', (path, segment) => {
    expect(found(root, path)).toEqual({ invalid: segment });
  });

  it('finds the node for a path whatever its methods', () => {
    expect(found(root, '/only/put')).toEqual({
      route: undefined,
      methods: ['PUT'],
      params: {},
    });
  });

  it('needs a route at the root for the empty path', () => {
    expect(match(tree([['GET', '/users', 'list']]), [])).toBeUndefined();
  });

  it('keeps no parameter from a branch it left', () => {
    // `/a/{x}` is tried first and abandoned at `d`: `x` must not leak into the result.
    expect(match(root, ['a', 'b', 'd'])?.params).toEqual({ y: 'a' });
  });
});

describe('property: declared static routes', () => {
  const segment = fc.constantFrom('a', 'b', 'users', 'me', 'v1', 'x-y');
  const template = fc.array(segment, { maxLength: 4 });
  const routes = fc.uniqueArray(
    fc.record({ segments: template, method: fc.constantFrom('GET', 'POST', 'DELETE') }),
    {
      selector: (route) => `${route.method} /${route.segments.join('/')}`,
      minLength: 1,
      maxLength: 20,
    },
  );

  it('every route matches its own concrete path, with or without a trailing slash', () => {
    fc.assert(
      fc.property(routes, (declared) => {
        const root = emptyNode<number>();
        declared.forEach((route, index) => {
          insert(root, `/${route.segments.join('/')}`, route.method, index);
        });
        declared.forEach((route, index) => {
          const path = `/${route.segments.join('/')}`;
          for (const sent of path === '/' ? [path] : [path, `${path}/`]) {
            const result = match(root, splitPath(sent));
            expect(result?.node.routes.get(route.method)).toBe(index);
            expect(result?.params).toEqual({});
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('a path matches exactly when some route declares it', () => {
    fc.assert(
      fc.property(routes, template, (declared, asked) => {
        const root = emptyNode<number>();
        declared.forEach((route, index) => {
          insert(root, `/${route.segments.join('/')}`, route.method, index);
        });
        const path = `/${asked.join('/')}`;
        const declaring = declared.filter((route) => `/${route.segments.join('/')}` === path);
        const result = match(root, splitPath(path));
        expect(result === undefined ? [] : [...result.node.routes.keys()].sort()).toEqual(
          declaring.map((route) => route.method).sort(),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
