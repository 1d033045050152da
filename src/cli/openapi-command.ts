import { writeFile } from 'node:fs/promises';
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

const OPTIONS = {
  export: { type: 'string' },
  integration: { type: 'string' },
  format: { type: 'string' },
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
  const integration = text(values['integration']);
  const validation = text(values['request-validation']);
  const format = oneOf('openapi', 'format', text(values['format']) ?? 'json', FORMATS);
  const options: OpenApiOptions = {
    ...(values['title'] === undefined ? {} : { title: text(values['title']) ?? '' }),
    ...(values['api-version'] === undefined ? {} : { version: text(values['api-version']) ?? '' }),
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
  let document: ReturnType<typeof openApiDocument>;
  try {
    document = openApiDocument(target, options);
  } catch (error) {
    throw new CliError(
      `gatefold openapi: cannot describe "${name}" of ${module}: ${error instanceof Error ? error.message : String(error)}`,
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
      throw new CliError(
        `gatefold openapi: cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`,
        1,
      );
    }
  }
  return 0;
}
