import { existsSync, statSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from './cli-error.js';

/** How a module was loaded: as JavaScript, with Node's type stripping, or through tsx. */
export type Loader = 'node' | 'node type stripping' | 'tsx';

/** A module's exports, and how it was loaded. */
export interface LoadedModule {
  readonly exports: Readonly<Record<string, unknown>>;
  readonly loader: Loader;
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

// What Node throws when it cannot run a TypeScript file by erasing its types: syntax that needs
// a transform (enums, namespaces, parameter properties), a Node without type stripping, a .ts
// file under node_modules.
const NOT_STRIPPABLE = new Set([
  'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
  'ERR_INVALID_TYPESCRIPT_SYNTAX',
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The first line of an error, with the file and line it was thrown at when the stack says. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const first = `${error.name}: ${error.message.split('\n')[0] ?? ''}`;
  const at = /\((file:\/\/[^)]+)\)|at (file:\/\/\S+)/.exec(error.stack ?? '');
  const where = at?.[1] ?? at?.[2];
  return where === undefined ? first : `${first} (at ${where})`;
}

let jsToTsInstalled = false;

/**
 * TypeScript projects (`module: NodeNext`) import `./get-user.js` for the file `get-user.ts`:
 * TypeScript maps the one to the other, Node's type stripping does not. This resolve hook does
 * the same mapping for relative imports that find no `.js` file, so such projects run as they
 * are. `registerHooks` runs in this thread (Node 22.15+ and 24).
 */
function installJsToTsResolution(): void {
  if (jsToTsInstalled || typeof nodeModule.registerHooks !== 'function') return;
  jsToTsInstalled = true;
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        const relative = specifier.startsWith('./') || specifier.startsWith('../');
        const parent = context.parentURL ?? '';
        if (
          codeOf(error) !== 'ERR_MODULE_NOT_FOUND' ||
          !relative ||
          !/\.[cm]?js$/.test(specifier) ||
          !/\.[cm]?ts$/.test(parent)
        ) {
          throw error;
        }
        return nextResolve(specifier.replace(/js$/, 'ts'), context);
      }
    },
  });
}

interface TsxApi {
  tsImport(specifier: string, parentUrl: string): Promise<Record<string, unknown>>;
}

/** tsx's loader API as the module's own project has it installed, if it does. */
function findTsx(file: string): TsxApi | undefined {
  try {
    return nodeModule.createRequire(file)('tsx/esm/api') as TsxApi;
  } catch {
    return undefined;
  }
}

async function importFile(
  command: string,
  shown: string,
  file: string,
): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(
      `gatefold ${command}: ${shown} failed to load: ${describeFailure(error)}`,
      1,
    );
  }
}

async function importTypeScript(
  command: string,
  shown: string,
  file: string,
): Promise<LoadedModule> {
  const stripping = Boolean((process.features as { typescript?: unknown }).typescript);
  let reason = `Node ${process.version} does not run TypeScript files`;
  if (stripping) {
    installJsToTsResolution();
    try {
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      return { exports, loader: 'node type stripping' };
    } catch (error) {
      if (!NOT_STRIPPABLE.has(codeOf(error) ?? '')) {
        throw new CliError(
          `gatefold ${command}: ${shown} failed to load: ${describeFailure(error)}`,
          1,
        );
      }
      reason = `Node cannot run it by erasing its types (${(error as Error).message.split('\n')[0] ?? ''})`;
    }
  }
  const tsx = findTsx(file);
  if (tsx === undefined) {
    throw new CliError(
      `gatefold ${command}: cannot load ${shown}: ${reason}; install tsx beside it (npm install --save-dev tsx) or build it to JavaScript first`,
      1,
    );
  }
  try {
    return {
      exports: await tsx.tsImport(pathToFileURL(file).href, import.meta.url),
      loader: 'tsx',
    };
  } catch (error) {
    throw new CliError(
      `gatefold ${command}: ${shown} failed to load: ${describeFailure(error)}`,
      1,
    );
  }
}

/**
 * Loads the module a command names: JavaScript as it is, TypeScript with Node's type stripping
 * (Node 22.18+ and 24) or, for files it cannot strip, through tsx when tsx is installed.
 */
export async function loadModule(
  command: string,
  modulePath: string,
  cwd: string = process.cwd(),
): Promise<LoadedModule> {
  const file = resolve(cwd, modulePath);
  if (!existsSync(file)) {
    throw new CliError(`gatefold ${command}: no file ${modulePath} in ${dirname(file)}`, 2);
  }
  if (!statSync(file).isFile()) {
    throw new CliError(`gatefold ${command}: ${modulePath} is a folder; name the module file`, 2);
  }
  if (TYPESCRIPT.has(extname(file))) return importTypeScript(command, modulePath, file);
  return { exports: await importFile(command, modulePath, file), loader: 'node' };
}

/** The named export of a loaded module, which must be a function. */
export function exportedFunction(
  command: string,
  modulePath: string,
  loaded: LoadedModule,
  name: string,
): (...args: never[]) => unknown {
  const value = loaded.exports[name];
  if (typeof value === 'function') return value as (...args: never[]) => unknown;
  const functions = Object.keys(loaded.exports).filter(
    (key) => typeof loaded.exports[key] === 'function',
  );
  const found =
    functions.length === 0
      ? 'it exports no function'
      : `it exports ${functions.join(', ')}; pick one with --export <name>`;
  const what =
    value === undefined ? `has no export "${name}"` : `exports "${name}", but not as a function`;
  throw new CliError(`gatefold ${command}: ${modulePath} ${what}; ${found}`, 2);
}
