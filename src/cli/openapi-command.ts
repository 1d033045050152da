import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import type { OpenApiOptions } from '../openapi/document.js';
import { openApiDocument } from '../openapi/document.js';
import { oneOf, parseCommand } from './arguments.js';
import { CliError } from './cli-error.js';
import { OPENAPI_HELP } from './help.js';
import { exportedFunction, loadModule } from './load-module.js';

const FORMATS = ['json', 'yaml'] as const;
const INTEGRATIONS = ['proxy', 'custom'] as const;
const VALIDATIONS = ['params', 'all'] as const;
const VERSIONS = ['3.0.3', '3.1.0'] as const;

const OPTIONS = {
  export: { type: 'string' },
  integration: { type: 'string' },
  format: { type: 'string' },
  'openapi-version': { type: 'string' },
  title: { type: 'string' },
  'api-version': { type: 'string' },
  'function-arn': { type: 'string' },
  'function-resource': { type: 'string' },
  'request-validation': { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a package.json says of the package the module belongs to. */
interface PackageFacts {
  readonly name?: string;
  readonly version?: string;
}

/**
 * The name and version of the nearest package.json above `file` that has a name: a manifest
 * without one (`{ "type": "module" }` in a folder of built files) says nothing of the API.
 */
async function packageOf(file: string): Promise<PackageFacts> {
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    let content: string | undefined;
    try {
      content = await readFile(manifest, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') {
        throw new CliError(
          `gatefold openapi: cannot read ${manifest}: ${messageOf(error)}; give --title and --api-version instead`,
          1,
        );
      }
    }
    if (content !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch (error) {
        throw new CliError(
          `gatefold openapi: ${manifest} is not JSON (${messageOf(error)}); fix it, or give --title and --api-version`,
          1,
        );
      }
      const { name, version } = (parsed ?? {}) as { name?: unknown; version?: unknown };
      if (typeof name === 'string' && name !== '') {
        return { name, ...(typeof version === 'string' && version !== '' ? { version } : {}) };
      }
    }
    if (dirname(folder) === folder) return {};
  }
}

/** `gatefold openapi <module>`: prints or writes the OpenAPI document of a handler or router. */
export async function openapiCommand(args: readonly string[]): Promise<number> {
  const { module, values } = parseCommand('openapi', args, OPTIONS);
  if (values['help'] === true) {
    process.stdout.write(OPENAPI_HELP);
    return 0;
  }
  if (module === undefined) {
    throw new CliError(
      'gatefold openapi: name the module to describe, as in gatefold openapi src/handler.ts (see gatefold openapi --help)',
    );
  }
  // Every mistake in the options is reported before the module is loaded.
  const integration = text(values['integration']);
  const validation = text(values['request-validation']);
  const format = oneOf('openapi', 'format', text(values['format']) ?? 'json', FORMATS);
  const openapi = oneOf(
    'openapi',
    'openapi-version',
    text(values['openapi-version']) ?? '3.0.3',
    VERSIONS,
  );
  const fixed: OpenApiOptions = {
    openapi,
    ...(integration === undefined
      ? {}
      : { integration: oneOf('openapi', 'integration', integration, INTEGRATIONS) }),
    ...(values['function-arn'] === undefined
      ? {}
      : { functionArn: text(values['function-arn']) ?? '' }),
    ...(values['function-resource'] === undefined
      ? {}
      : { functionResource: text(values['function-resource']) ?? '' }),
    ...(validation === undefined
      ? {}
      : {
          requestValidation: oneOf('openapi', 'request-validation', validation, VALIDATIONS),
        }),
  };
  const name = text(values['export']) ?? 'handler';
  const loaded = await loadModule('openapi', module);
  const target = exportedFunction('openapi', module, loaded, name);
  // Without --title or --api-version, the package the module belongs to names the API.
  let title = text(values['title']);
  let version = text(values['api-version']);
  if (title === undefined || version === undefined) {
    const found = await packageOf(resolve(process.cwd(), module));
    title ??= found.name;
    version ??= found.version;
  }
  const options: OpenApiOptions = {
    ...fixed,
    ...(title === undefined ? {} : { title }),
    ...(version === undefined ? {} : { version }),
  };
  let document: ReturnType<typeof openApiDocument>;
  try {
    document = openApiDocument(target, options);
  } catch (error) {
    throw new CliError(
      `gatefold openapi: cannot describe "${name}" of ${module}: ${messageOf(error)}`,
      1,
    );
  }
  const output =
    // No anchors and aliases: API Gateway's importer reads plain YAML.
    format === 'yaml'
      ? toYaml(document, { aliasDuplicateObjects: false })
      : `${JSON.stringify(document, null, 2)}\n`;
  const file = text(values['output']);
  if (file === undefined) process.stdout.write(output);
  else {
    try {
      await writeFile(file, output);
    } catch (error) {
      throw new CliError(`gatefold openapi: cannot write ${file}: ${messageOf(error)}`, 1);
    }
  }
  return 0;
}
