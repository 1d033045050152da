import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every ```ts block in the README and docs/ is compiled as its own module against the sources,
// with `gatefold` resolving to src/index.ts, so that documented examples cannot rot.

const root = path.resolve(import.meta.dirname, '..');
const documents = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

function examplesOf(document: string): Example[] {
  const text = readFileSync(path.join(root, document), 'utf8');
  const examples: Example[] = [];
  const fence = /^```ts\n([\s\S]*?)^```$/gm;
  for (const match of text.matchAll(fence)) {
    const line = text.slice(0, match.index).split('\n').length;
    examples.push({ file: document, line, code: match[1] ?? '' });
  }
  return examples;
}

const examples = documents.flatMap(examplesOf);

function compile(all: readonly Example[]): Map<string, string[]> {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    paths: {
      gatefold: ['./src/index.ts'],
      'gatefold/middleware': ['./src/middleware/index.ts'],
      'gatefold/openapi': ['./src/openapi/index.ts'],
      'gatefold/integration': ['./src/integration/index.ts'],
      'gatefold/dev': ['./src/dev/index.ts'],
      'gatefold/fp-ts': ['./src/fp-ts.ts'],
      'gatefold/streaming': ['./src/streaming/index.ts'],
      'gatefold/testing': ['./src/testing/index.ts'],
      'gatefold/client': ['./src/client/index.ts'],
    },
    baseUrl: root,
    // Examples show fragments of a handler module; unused names are fine there.
    noUnusedLocals: false,
  };
  const virtual = new Map<string, string>();
  all.forEach((example, index) => {
    virtual.set(path.join(root, `docs/__example_${index}.ts`), `${example.code}\nexport {};\n`);
  });
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => virtual.get(file) ?? readFile(file);
  host.fileExists = (file) => virtual.has(file) || fileExists(file);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const errors = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '';
    const index = /__example_(\d+)\.ts$/.exec(file)?.[1];
    const key =
      index === undefined ? file : `${all[Number(index)]?.file}:${all[Number(index)]?.line}`;
    const list = errors.get(key) ?? [];
    list.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    errors.set(key, list);
  }
  return errors;
}

describe('documentation examples', () => {
  it('finds examples in the README and docs', () => {
    expect(examples.length).toBeGreaterThan(5);
  });

  it('compiles every TypeScript example against the sources', () => {
    expect(Object.fromEntries(compile(examples))).toEqual({});
  }, 240_000);
});
