/**
 * The `gatefold` command as users run it: the built binary (`dist/cli.js`, which `npm test` builds
 * first) spawned with the Node that runs the tests. Every mistake is one line on stderr that says
 * what to do, with exit code 2 for usage and 1 for the rest; help and the version go to stdout.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
      'gatefold dev: --event must be one of rest, http, url, alb, alb-multi (got "lambda")',
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
