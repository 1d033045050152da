/**
 * The `gatefold` command as users run it: the built binary (`dist/cli.js`, which `npm test` builds
 * first) spawned with the Node that runs the tests. Every mistake is one line on stderr that says
 * what to do, with exit code 2 for usage and 1 for the rest; help and the version go to stdout.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_HELP, MAIN_HELP, OPENAPI_HELP } from '../../src/cli/help.js';

const root = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(root, 'dist/cli.js');
const VERSION = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

// A project of its own, outside the repository: no tsx and no gatefold reachable from it.
const project = mkdtempSync(path.join(tmpdir(), 'gatefold-cli-'));
const files: Record<string, string> = {
  'src/greeting.ts': "export type Greeting = string;\nexport const greeting: Greeting = 'hello';\n",
  // `.js` import paths, as TypeScript projects with `module: NodeNext` write them.
  'src/handler.ts': [
    "import { greeting } from './greeting.js';",
    "import type { Greeting } from './greeting.js';",
    'const body: Greeting = greeting;',
    'export const handler = async (): Promise<unknown> => ({ statusCode: 200, body });',
    'export const other = (): number => 1;',
    'export const notAFunction = 42;',
    '',
  ].join('\n'),
  'src/enum.ts':
    'enum Colour { Red }\nexport const handler = async () => ({ statusCode: 200, body: String(Colour.Red) });\n',
  'src/throws.mjs': "throw new Error('boom');\n",
  'src/plain.mjs': "export const handler = async () => ({ statusCode: 200, body: 'plain' });\n",
  // A custom integration function of one's own: `{ body }` for a success, a throw for a failure.
  'src/custom.mjs': [
    'export const handler = async (event) => {',
    "  if (event.params.path.proxy === 'fail') throw new Error('out of cheese');",
    '  return { body: JSON.stringify({ method: event.method, proxy: event.params.path.proxy }) };',
    '};',
    '',
  ].join('\n'),
  // A function toLambdaIntegration made, from the package as a project installs it.
  'with-gatefold/handler.mjs': [
    "import { ok } from 'neverthrow';",
    "import { json, router } from 'gatefold';",
    "import { toLambdaIntegration } from 'gatefold/integration';",
    'export const handler = toLambdaIntegration(',
    "  router().get('/users/{id}', (request) => ok(json({ id: request.pathParameters.id }))),",
    '  { accessLog: false },',
    ');',
    '',
  ].join('\n'),
  'with-tsx/enum.ts':
    'enum Colour { Red }\nexport const handler = async () => ({ statusCode: 200, body: `colour ${Colour.Red}` });\n',
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
  writeFileSync(path.join(project, name), text);
}
// A second project that has tsx installed, as `npm install --save-dev tsx` would.
mkdirSync(path.join(project, 'with-tsx/node_modules'), { recursive: true });
symlinkSync(path.join(root, 'node_modules/tsx'), path.join(project, 'with-tsx/node_modules/tsx'));
// A third that has gatefold (this repository, built) and neverthrow installed.
mkdirSync(path.join(project, 'with-gatefold/node_modules'), { recursive: true });
symlinkSync(root, path.join(project, 'with-gatefold/node_modules/gatefold'));
symlinkSync(
  path.join(root, 'node_modules/neverthrow'),
  path.join(project, 'with-gatefold/node_modules/neverthrow'),
);

const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill();
  rmSync(project, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function gatefold(args: readonly string[], env: Record<string, string> = {}): Run {
  // The tests' own PORT, if any, must not reach the command.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited['PORT'];
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...inherited, ...env },
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function mistake(stderr: string, code: 1 | 2 = 2): Run {
  return { code, stdout: '', stderr: `${stderr}\n` };
}

/** Starts `gatefold dev` and resolves to its first stdout line once it is listening. */
function startDev(args: readonly string[], cwd = project): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'dev', ...args, '--port', '0'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0] ?? '');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      reject(new Error(`gatefold dev exited with ${String(code)}: ${output}`));
    });
  });
}

function urlOf(line: string): string {
  return /at (http:\/\/\S+)$/.exec(line)?.[1] ?? '';
}

describe('gatefold: help and version', () => {
  it.each([
    [['--help'], MAIN_HELP],
    [['-h'], MAIN_HELP],
    [['help'], MAIN_HELP],
    [['dev', '--help'], DEV_HELP],
    [['openapi', '-h'], OPENAPI_HELP],
  ])('%j prints its help on stdout and exits 0', (args, help) => {
    expect(gatefold(args)).toEqual({ code: 0, stdout: help, stderr: '' });
  });

  it('--version prints the package version', () => {
    expect(gatefold(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('no command prints the help on stderr and exits 2', () => {
    expect(gatefold([])).toEqual({ code: 2, stdout: '', stderr: MAIN_HELP });
  });

  it('explains each option of dev and openapi', () => {
    for (const option of ['--port', '--event', '--export', '--watch']) {
      expect(DEV_HELP).toContain(`  ${option} `);
    }
    for (const option of [
      '--export',
      '--integration',
      '--format',
      '--openapi-version',
      '--title',
      '--api-version',
      '--function-arn',
      '--function-resource',
      '--request-validation',
      '--output',
    ]) {
      expect(OPENAPI_HELP).toContain(`  ${option} `);
    }
  });
});

describe('gatefold: every mistake in one line that says what to do', () => {
  it.each([
    [
      ['frob'],
      'gatefold: unknown command "frob"; the commands are dev and openapi (see gatefold --help)',
    ],
    [
      ['dev'],
      'gatefold dev: name the module to serve, as in gatefold dev src/handler.ts (see gatefold dev --help)',
    ],
    [
      ['dev', 'src/handler.ts', '--prot', '3000'],
      'gatefold dev: unknown option --prot; it takes --port, --event, --export, --watch (see gatefold dev --help)',
    ],
    [
      ['dev', 'src/handler.ts', '--port'],
      'gatefold dev: --port needs a value (see gatefold dev --help)',
    ],
    [
      ['dev', 'src/handler.ts', '--port', 'abc'],
      'gatefold dev: --port must be a whole number from 0 to 65535 (got "abc")',
    ],
    [
      ['dev', 'src/handler.ts', '--port', '70000'],
      'gatefold dev: --port must be a whole number from 0 to 65535 (got "70000")',
    ],
    [
      ['dev', 'src/handler.ts', '--event', 'lambda'],
      'gatefold dev: --event must be one of rest, http, url, alb, alb-multi, custom (got "lambda")',
    ],
    [
      ['dev', 'src/handler.ts', 'src/enum.ts'],
      'gatefold dev: one module at a time; remove "src/enum.ts"',
    ],
    [
      ['dev', 'src/handlr.ts'],
      `gatefold dev: no file src/handlr.ts in ${path.join(project, 'src')}`,
    ],
    [['dev', 'src'], 'gatefold dev: src is a folder; name the module file'],
    [
      ['dev', 'src/handler.ts', '--export', 'missing'],
      'gatefold dev: src/handler.ts has no export "missing"; it exports handler, other; pick one with --export <name>',
    ],
    [
      ['dev', 'src/handler.ts', '--export', 'notAFunction'],
      'gatefold dev: src/handler.ts exports "notAFunction", but not as a function; it exports handler, other; pick one with --export <name>',
    ],
    [
      ['dev', 'src/greeting.ts'],
      'gatefold dev: src/greeting.ts has no export "handler"; it exports no function',
    ],
    [
      ['openapi', 'src/plain.mjs', '--format', 'yml'],
      'gatefold openapi: --format must be one of json, yaml (got "yml")',
    ],
    [
      ['openapi', 'src/plain.mjs', '--integration', 'lambda'],
      'gatefold openapi: --integration must be one of proxy, custom (got "lambda")',
    ],
    [
      ['openapi', 'src/plain.mjs', '--request-validation', 'body'],
      'gatefold openapi: --request-validation must be one of params, all (got "body")',
    ],
    [
      ['openapi', 'src/plain.mjs', '--openapi-version', '3.1'],
      'gatefold openapi: --openapi-version must be one of 3.0.3, 3.1.0 (got "3.1")',
    ],
    [
      ['openapi', '--title'],
      'gatefold openapi: --title needs a value (see gatefold openapi --help)',
    ],
  ])('%j', (args, message) => {
    expect(gatefold(args)).toEqual(mistake(message));
  });

  it('names PORT when the bad port comes from the environment', () => {
    expect(gatefold(['dev', 'src/handler.ts'], { PORT: 'x' })).toEqual(
      mistake('gatefold dev: PORT must be a whole number from 0 to 65535 (got "x")'),
    );
  });

  it('a port in use: exit 1 and the way out', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      expect(gatefold(['dev', 'src/handler.ts', '--port', String(port)])).toEqual(
        mistake(
          `gatefold dev: port ${String(port)} is in use; pick another with --port <n> (0 picks a free one)`,
          1,
        ),
      );
    } finally {
      blocker.close();
    }
  });

  it('a module that throws while loading: exit 1, its error and where', () => {
    const file = path.join(project, 'src/throws.mjs');
    expect(gatefold(['dev', 'src/throws.mjs'])).toEqual(
      mistake(
        `gatefold dev: src/throws.mjs failed to load: Error: boom (at file://${file}:1:7)`,
        1,
      ),
    );
  });

  it('TypeScript Node cannot strip, and no tsx: exit 1, says to install tsx', () => {
    expect(gatefold(['dev', 'src/enum.ts'])).toEqual(
      mistake(
        'gatefold dev: cannot load src/enum.ts: Node cannot run it by erasing its types (TypeScript enum is not supported in strip-only mode); install tsx beside it (npm install --save-dev tsx) or build it to JavaScript first',
        1,
      ),
    );
  });

  it('an output file it cannot write: exit 1', () => {
    expect(gatefold(['openapi', 'src/plain.mjs', '--output', 'missing/dir/api.json'])).toEqual(
      mistake(
        `gatefold openapi: cannot write missing/dir/api.json: ENOENT: no such file or directory, open 'missing/dir/api.json'`,
        1,
      ),
    );
  });
});

describe('gatefold dev: modules as they are', () => {
  it('runs TypeScript with Node type stripping, `.js` import paths included', async () => {
    const line = await startDev(['src/handler.ts', '--event', 'http']);
    expect(line).toMatch(
      /^gatefold: src\/handler\.ts \(through node type stripping\) as http events at http:\/\/127\.0\.0\.1:\d+$/,
    );
    const response = await fetch(`${urlOf(line)}/anything`);
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 200,
      body: 'hello',
    });
  });

  it('runs JavaScript as it is', async () => {
    const line = await startDev(['src/plain.mjs']);
    expect(line).toMatch(/^gatefold: src\/plain\.mjs as rest events at http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(urlOf(line))).text()).toBe('plain');
  });

  it('falls back to tsx, when the project has it, for TypeScript Node cannot strip', async () => {
    const line = await startDev(['enum.ts'], path.join(project, 'with-tsx'));
    expect(line).toMatch(/^gatefold: enum\.ts \(through tsx\) as rest events at /);
    expect(await (await fetch(urlOf(line))).text()).toBe('colour 0');
  });

  it('--watch restarts when an imported file changes', async () => {
    const dir = path.join(project, 'watched');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'word.ts'), "export const word: string = 'before';\n");
    writeFileSync(
      path.join(dir, 'handler.ts'),
      "import { word } from './word.js';\nexport const handler = async () => ({ statusCode: 200, body: word });\n",
    );
    const child = spawn(process.execPath, [CLI, 'dev', 'handler.ts', '--watch', '--port', '0'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    const urls: string[] = [];
    let waiting: (() => void) | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/at (http:\/\/\S+)/g))
        urls.push(match[1] ?? '');
      waiting?.();
    });
    const started = (count: number): Promise<string> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (urls.length >= count) resolve(urls[count - 1] ?? '');
        };
        waiting = check;
        check();
      });
    expect(await (await fetch(await started(1))).text()).toBe('before');
    writeFileSync(path.join(dir, 'word.ts'), "export const word: string = 'after';\n");
    expect(await (await fetch(await started(2))).text()).toBe('after');
  }, 30_000);
});

describe('gatefold dev: custom integration functions', () => {
  /** The whole answer: status, the headers that are not node's own, the body. */
  async function answer(url: string) {
    const response = await fetch(url);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!['date', 'connection', 'keep-alive'].includes(name)) headers[name] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  }

  it('--event custom: requests through the request template, answers through the response templates', async () => {
    const line = await startDev(['src/custom.mjs', '--event', 'custom']);
    expect(line).toMatch(
      /^gatefold: src\/custom\.mjs as custom events at http:\/\/127\.0\.0\.1:\d+$/,
    );
    const body = '{"method":"GET","proxy":"a%2Fb"}';
    expect(await answer(`${urlOf(line)}/a/b`)).toStrictEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    const failed = await answer(`${urlOf(line)}/fail`);
    const requestId = (JSON.parse(failed.body) as { meta: { requestId: string } }).meta.requestId;
    const document = `{"errors":[{"status":"502","title":"Bad Gateway"}],"meta":{"requestId":"${requestId}"}}`;
    expect(failed).toStrictEqual({
      status: 502,
      headers: { 'content-type': 'application/json', 'content-length': String(document.length) },
      body: document,
    });
  });

  it('serves a function toLambdaIntegration made as custom events without being told', async () => {
    const line = await startDev(['handler.mjs'], path.join(project, 'with-gatefold'));
    expect(line).toMatch(/^gatefold: handler\.mjs as custom events at http:\/\/127\.0\.0\.1:\d+$/);
    expect(await answer(`${urlOf(line)}/users/u-1`)).toStrictEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'content-length': '12' },
      body: '{"id":"u-1"}',
    });
    const missing = await answer(`${urlOf(line)}/orders/o-1`);
    const requestId = missing.headers['x-request-id'] ?? '';
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const document = `{"errors":[{"status":"404","code":"route-not-found","title":"Not Found"}],"meta":{"requestId":"${requestId}"}}`;
    expect(missing).toStrictEqual({
      status: 404,
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        'content-length': String(document.length),
      },
      body: document,
    });
  });
});

describe('gatefold openapi: the document', () => {
  // Modules of their own projects, importing the gatefold this repository builds.
  const dist = pathToFileURL(path.join(root, 'dist/index.js')).href;
  const manifest = path.join(root, 'package.json');
  const notes = [
    "import { createRequire } from 'node:module';",
    `import { endpoint, json, router, toLambda } from '${dist}';`,
    // io-ts and neverthrow as this repository has them installed (CommonJS).
    `const require = createRequire(${JSON.stringify(manifest)});`,
    "const t = require('io-ts');",
    "const { ok } = require('neverthrow');",
    'const body = t.type({ text: t.union([t.string, t.null]) });',
    "export const handler = toLambda(router().post('/notes', endpoint({ body }, () => ok(json({})))));",
    '',
  ].join('\n');
  const write = (name: string, text: string): void => {
    mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    writeFileSync(path.join(project, name), text);
  };
  // The package's manifest, then one without a name (as a build folder has) nearer the module.
  write('orders/package.json', JSON.stringify({ name: '@acme/orders', version: '2.3.4' }));
  write('orders/src/package.json', JSON.stringify({ type: 'module' }));
  write('orders/src/notes.mjs', notes);
  write('broken/package.json', '{ "name": ');
  write('broken/notes.mjs', notes);
  write('unversioned/package.json', JSON.stringify({ name: 'unversioned' }));
  write('unversioned/notes.mjs', notes);

  const documentOf = (args: readonly string[]): Record<string, unknown> => {
    const run = gatefold(['openapi', ...args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  it('names the API after the nearest package.json above the module that has a name', () => {
    expect(documentOf(['orders/src/notes.mjs'])['info']).toStrictEqual({
      title: '@acme/orders',
      version: '2.3.4',
    });
    expect(documentOf(['orders/src/notes.mjs', '--title', 'Orders'])['info']).toStrictEqual({
      title: 'Orders',
      version: '2.3.4',
    });
    expect(documentOf(['orders/src/notes.mjs', '--api-version', '3.0.0'])['info']).toStrictEqual({
      title: '@acme/orders',
      version: '3.0.0',
    });
    expect(documentOf(['unversioned/notes.mjs'])['info']).toStrictEqual({
      title: 'unversioned',
      version: '1.0.0',
    });
  });

  it('reads no package.json when told both, and names a broken one otherwise', () => {
    expect(
      documentOf(['broken/notes.mjs', '--title', 'Notes', '--api-version', '1.2.0'])['info'],
    ).toStrictEqual({ title: 'Notes', version: '1.2.0' });
    const manifest = path.join(project, 'broken', 'package.json');
    let reason = '';
    try {
      JSON.parse('{ "name": ');
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(gatefold(['openapi', 'broken/notes.mjs', '--title', 'Notes'])).toEqual(
      mistake(
        `gatefold openapi: ${manifest} is not JSON (${reason}); fix it, or give --title and --api-version`,
        1,
      ),
    );
  });

  // The command looks above the module up to the root of the file system: outside the
  // repository, the temporary folder's parents hold no package.json on a usual machine.
  const parentsHaveManifest = (() => {
    for (let folder = project; ; folder = path.dirname(folder)) {
      if (existsSync(path.join(folder, 'package.json'))) return true;
      if (path.dirname(folder) === folder) return false;
    }
  })();

  it.skipIf(parentsHaveManifest)('keeps API and 1.0.0 without a package.json to name it', () => {
    expect(documentOf(['src/plain.mjs'])['info']).toStrictEqual({
      title: 'API',
      version: '1.0.0',
    });
  });

  it('writes OpenAPI 3.0.3 by default, 3.1.0 when asked, schemas in its dialect', () => {
    const bodySchema = (document: Record<string, unknown>) =>
      (
        document['paths'] as Record<
          string,
          Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>
        >
      )['/notes']?.['post']?.requestBody.content['application/json']?.schema;
    const older = documentOf(['orders/src/notes.mjs']);
    expect(older['openapi']).toBe('3.0.3');
    expect(bodySchema(older)).toStrictEqual({
      type: 'object',
      properties: { text: { type: 'string', nullable: true } },
      required: ['text'],
    });
    const newer = documentOf(['orders/src/notes.mjs', '--openapi-version', '3.1.0']);
    expect(newer['openapi']).toBe('3.1.0');
    expect(bodySchema(newer)).toStrictEqual({
      type: 'object',
      properties: { text: { type: ['string', 'null'] } },
      required: ['text'],
    });
  });
});
