import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// docs/getting-started.md as a reader follows it: its files (the code blocks that start with
// `// src/…`) and its tsconfig.json written into a new project, type-checked together, its test
// file run with `node --test`, and each `curl` it shows sent to `gatefold dev` serving the module
// it names, the answer compared with the response printed below the command. The project has
// gatefold installed as the built package (`npm test` builds it first) and no tsx: Node runs the
// TypeScript itself, as the guide says.

const root = path.resolve(import.meta.dirname, '../..');
const guide = readFileSync(path.join(root, 'docs/getting-started.md'), 'utf8');

interface Block {
  readonly lang: string;
  readonly code: string;
}

const blocks: Block[] = [...guide.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
  lang: match[1] ?? '',
  code: match[2] ?? '',
}));

/** The blocks that are files of the project: `// src/handler.ts` on their first line. */
const files = new Map(
  blocks.flatMap(({ lang, code }) => {
    const name = /^\/\/ (src\/[\w.-]+\.ts)\n/.exec(code)?.[1];
    return (lang === 'ts' || lang === 'typescript') && name !== undefined ? [[name, code]] : [];
  }),
);

const project = mkdtempSync(path.join(tmpdir(), 'gatefold-getting-started-'));
const gatefoldBin = path.join(project, 'node_modules/.bin/gatefold');

/**
 * The project's node_modules: the repository's dependencies (TypeScript, the peers, types) but
 * not tsx, and gatefold itself as the package it publishes, with its `gatefold` command.
 */
function installDependencies(): void {
  const modules = path.join(project, 'node_modules');
  mkdirSync(path.join(modules, '.bin'), { recursive: true });
  for (const entry of readdirSync(path.join(root, 'node_modules'))) {
    if (entry === 'tsx' || entry === '.bin' || entry.startsWith('.')) continue;
    symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry), 'dir');
  }
  symlinkSync(root, path.join(modules, 'gatefold'), 'dir');
  symlinkSync(path.join(root, 'dist/cli.js'), gatefoldBin);
}

beforeAll(() => {
  const tsconfig = JSON.parse(blocks.find((block) => block.lang === 'json')?.code ?? '{}') as {
    compilerOptions?: Record<string, unknown>;
  };
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
  writeFileSync(path.join(project, 'package.json'), '{ "type": "module" }');
  installDependencies();
  mkdirSync(path.join(project, 'src'));
  for (const [name, code] of files) writeFileSync(path.join(project, name), code);
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('docs/getting-started.md', () => {
  it('has the files a reader creates', () => {
    expect([...files.keys()]).toEqual([
      'src/hello.ts',
      'src/create-todo.ts',
      'src/get-todo.ts',
      'src/handler.ts',
      'src/handler.test.ts',
    ]);
  });

  it('type-checks as one project with its tsconfig.json', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(project, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    expect(config?.errors).toEqual([]);
    const program = ts.createProgram(config?.fileNames ?? [], config?.options ?? {});
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${path.relative(project, d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      );
    expect(config?.fileNames.map((file) => path.relative(project, file)).sort()).toEqual(
      [...files.keys()].sort(),
    );
    expect(messages).toEqual([]);
  }, 60_000);

  it('passes its own test file under `node --test`', () => {
    // TAP, whose summary lines every Node version prints alike (Node 24's default is `spec`).
    const run = spawnSync(
      process.execPath,
      ['--test', '--test-reporter=tap', 'src/handler.test.ts'],
      { cwd: project, encoding: 'utf8', timeout: 60_000 },
    );
    expect({
      status: run.status,
      summary: /^# pass \d+\n# fail \d+$/m.exec(run.stdout)?.[0],
      // `invoke` keeps the handler's log lines (the 404 is logged) instead of printing them.
      logLines: run.stdout.split('\n').filter((line) => line.includes('"level":')),
    }).toEqual({ status: 0, summary: '# pass 3\n# fail 0', logLines: [] });
  }, 70_000);

  it('answers each curl it shows as printed', async () => {
    const exchanges = curlExchanges();
    expect(exchanges.map((exchange) => exchange.command)).toHaveLength(6);
    // A todo's id is new on every run: ids the guide shows stand for the ones made here.
    const ids = new Map<string, string>();
    for (const exchange of exchanges) {
      const server = await dev(exchange.serve);
      const request = parseCurl(replaceAll(exchange.command, ids));
      const response = await fetch(`${server}${request.path}`, request.init);
      const expected = parseResponse(exchange.response);
      const location = response.headers.get('location');
      if (location !== null) {
        for (const [shown, actual] of zip(
          uuids(expected.headers['location'] ?? ''),
          uuids(location),
        ))
          ids.set(shown, actual);
      }
      const actualHeaders = Object.fromEntries(
        Object.keys(expected.headers).map((name) => [name, response.headers.get(name) ?? '']),
      );
      expect({
        command: exchange.command,
        status: `${String(response.status)} ${response.statusText}`,
        headers: anonymous(actualHeaders),
        body: anonymous(JSON.parse(await response.text())),
      }).toEqual({
        command: exchange.command,
        status: expected.status,
        headers: anonymous(expected.headers),
        body: anonymous(JSON.parse(expected.body)),
      });
    }
  }, 90_000);
});

// ---------------------------------------------------------------------------------------------

interface Exchange {
  /** The `gatefold dev` arguments last shown before this command. */
  readonly serve: readonly string[];
  readonly command: string;
  readonly response: string;
}

/** Each `curl` block followed by an `http` block, with the dev server shown before it. */
function curlExchanges(): Exchange[] {
  const exchanges: Exchange[] = [];
  let serve: readonly string[] = [];
  blocks.forEach((block, index) => {
    const devLine = /^npx gatefold (dev .*)$/m.exec(block.code)?.[1];
    if (block.lang === 'sh' && devLine !== undefined) serve = devLine.split(' ');
    const next = blocks[index + 1];
    if (block.lang === 'sh' && block.code.startsWith('curl ') && next?.lang === 'http') {
      exchanges.push({ serve, command: block.code.trim(), response: next.code });
    }
  });
  return exchanges;
}

const servers = new Map<string, { url: Promise<string>; child: ChildProcess }>();

/** Starts (once per argument list) `gatefold dev` on a free port; resolves to its URL. */
function dev(args: readonly string[]): Promise<string> {
  const key = args.join(' ');
  const running = servers.get(key);
  if (running !== undefined) return running.url;
  // What `npx gatefold` runs: the package's bin, with the Node on PATH.
  const child = spawn(process.execPath, [gatefoldBin, ...args, '--port', '0'], {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const address = /at (http:\/\/\S+)/.exec(output)?.[1];
      if (address !== undefined) resolve(address);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      reject(new Error(`gatefold ${key} exited with ${String(code)}: ${output}`));
    });
  });
  servers.set(key, { url, child });
  return url;
}

afterAll(() => {
  for (const { child } of servers.values()) child.kill();
});

/** Splits a shell command the way sh would for the quoting the guide uses (single quotes). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

function parseCurl(command: string): { path: string; init: RequestInit } {
  const args = words(command).slice(1);
  let method = 'GET';
  let body: string | undefined;
  const headers: Record<string, string> = {};
  let url = '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-X') method = args[++i] ?? method;
    else if (arg === '-H') {
      const [name = '', ...value] = (args[++i] ?? '').split(':');
      headers[name.trim()] = value.join(':').trim();
    } else if (arg === '-d') {
      body = args[++i];
      if (method === 'GET') method = 'POST';
    } else if (!arg.startsWith('-')) url = arg;
  }
  const parsed = new URL(url);
  return {
    path: `${parsed.pathname}${parsed.search}`,
    init: { method, headers, ...(body === undefined ? {} : { body }) },
  };
}

function parseResponse(text: string): {
  status: string;
  headers: Record<string, string>;
  body: string;
} {
  const [head = '', ...rest] = text.split('\n\n');
  const [statusLine = '', ...headerLines] = head.split('\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
    }),
  );
  return { status: statusLine.replace(/^HTTP\/1\.1 /, ''), headers, body: rest.join('\n\n') };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function uuids(text: string): string[] {
  return text.match(UUID) ?? [];
}

function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  return a.flatMap((value, i) => (i < b.length ? [[value, b[i] as B]] : []));
}

function replaceAll(text: string, replacements: ReadonlyMap<string, string>): string {
  let result = text;
  for (const [from, to] of replacements) result = result.split(from).join(to);
  return result;
}

/** The value with every UUID (request ids, todo ids) replaced, as JSON text. */
function anonymous(value: unknown): string {
  return JSON.stringify(value).replace(UUID, '<uuid>');
}
