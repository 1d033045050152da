import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkApiReference, repositoryRoot } from './api-reference.js';

const config = path.join(repositoryRoot, 'typedoc.json');
// tsconfig.json also covers examples/cdk, whose aws-cdk-lib types TypeDoc would parse for
// nothing; the same compiler options over src/ alone give the same reference, much faster.
const sourcesOnly = path.join(import.meta.dirname, 'typedoc.tsconfig.json');
const fixture = path.join(import.meta.dirname, 'fixtures/api-reference');

// Every type a public signature uses must be exported too (`notExported`).
const validation = { notExported: true, invalidLink: true, notDocumented: false } as const;

describe('API reference (TypeDoc)', () => {
  it('documents every export of gatefold and gatefold/testing, with no broken links', async () => {
    expect(await checkApiReference(config, { validation, tsconfig: sourcesOnly })).toEqual({
      problems: [],
      undocumented: [],
    });
  }, 90_000);

  it('reports an undocumented export and a broken {@link}', async () => {
    const report = await checkApiReference(config, {
      validation,
      entryPoints: [path.join(fixture, 'index.ts')],
      tsconfig: path.join(fixture, 'tsconfig.json'),
      readme: 'none',
    });
    expect(report).toEqual({
      problems: [expect.stringContaining('Failed to resolve link to "nowhere"')],
      undocumented: ['undocumented'],
    });
  }, 90_000);
});
