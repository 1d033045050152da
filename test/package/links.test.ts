/**
 * The published package reads as a whole: the README and the docs it ships link only to files
 * the package holds, so that every relative link works from an installed copy
 * (`node_modules/gatefold/README.md`) and the docs travel with the version they describe.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

interface PackEntry {
  readonly files: readonly { readonly path: string }[];
}

/** The files `npm pack` would publish, as `/`-separated paths. */
function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
  });
  const [entry] = JSON.parse(output) as PackEntry[];
  return (entry?.files ?? []).map((file) => file.path).sort();
}

/** Every relative Markdown link target in `file`, without its `#fragment`. */
function relativeLinks(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8')
    // Code blocks hold code, not links.
    .replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0] ?? '');
}

describe('the published package', () => {
  const files = packedFiles();

  it('ships the licence, the README, the changelog, the docs and the build', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'CHANGELOG.md',
        'package.json',
        'dist/index.js',
        'docs/getting-started.md',
      ]),
    );
    expect(files.filter((file) => file.startsWith('test/') || file.startsWith('src/'))).toEqual([]);
  });

  it('links, from every Markdown file it ships, only to files it ships', () => {
    const broken = files
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) =>
        relativeLinks(file)
          .map((target) => path.posix.normalize(path.posix.join(path.posix.dirname(file), target)))
          .filter((target) => !files.includes(target))
          .map((target) => `${file} → ${target}`),
      );
    expect(broken).toEqual([]);
  });
});
