import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// The last section of docs/getting-started.md, `src/call-api.ts`, type-checked with the guide's
// own files and tsconfig.json against the sources (`gatefold` and `gatefold/client` mapped to
// src/), so that the client code a reader copies compiles against the API the guide built.

const root = path.resolve(import.meta.dirname, '../..');
const guide = readFileSync(path.join(root, 'docs/getting-started.md'), 'utf8');
const blocks = [...guide.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
  lang: match[1] ?? '',
  code: match[2] ?? '',
}));

// Inside the repository, so that the files resolve neverthrow and io-ts as the project's do.
const cache = path.join(root, 'node_modules/.cache');
mkdirSync(cache, { recursive: true });
const project = mkdtempSync(path.join(cache, 'gatefold-guide-client-'));
afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('docs/getting-started.md, calling the API through the client', () => {
  it('type-checks src/call-api.ts with the guide’s handler', () => {
    const files = new Map<string, string>();
    for (const { lang, code } of blocks) {
      const name = /^\/\/ (src\/[\w.-]+\.ts)\n/.exec(code)?.[1];
      if (lang === 'ts' && name !== undefined) files.set(name, code);
      if (lang === 'typescript' && code.includes("from 'gatefold/client'")) {
        files.set('src/call-api.ts', code);
      }
    }
    expect([...files.keys()]).toContain('src/call-api.ts');
    expect([...files.keys()]).toContain('src/handler.ts');
    mkdirSync(path.join(project, 'src'), { recursive: true });
    for (const [name, code] of files) writeFileSync(path.join(project, name), code);
    writeFileSync(path.join(project, 'package.json'), '{ "type": "module" }');

    const tsconfig = JSON.parse(blocks.find((block) => block.lang === 'json')?.code ?? '{}') as {
      compilerOptions?: Record<string, unknown>;
    };
    const { options, errors } = ts.convertCompilerOptionsFromJson(
      tsconfig.compilerOptions ?? {},
      project,
    );
    expect(errors).toEqual([]);
    const program = ts.createProgram(
      [...files.keys()].map((name) => path.join(project, name)),
      {
        ...options,
        baseUrl: root,
        paths: {
          gatefold: ['./src/index.ts'],
          'gatefold/client': ['./src/client/index.ts'],
        },
      },
    );
    const messages = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file?.fileName.startsWith(project) === true)
      .map(
        (diagnostic) =>
          `${path.relative(project, diagnostic.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
      );
    expect(messages).toEqual([]);
  }, 60_000);
});
