import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';

/** The options a command takes, as `node:util`'s `parseArgs` describes them. */
export type OptionSpecs = Record<
  string,
  { readonly type: 'string' | 'boolean'; readonly short?: string }
>;

/** What a command was given: its one module and its options. */
export interface CommandArguments {
  readonly module: string | undefined;
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

function isParseError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** The option a `parseArgs` message names (`'--prot'`, `'--port <value>'`), as `--prot`. */
function namedOption(message: string): string {
  return /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? message;
}

/**
 * Parses a command's arguments strictly, and answers every mistake with one line naming the
 * option and the way out, where `parseArgs` would throw a paragraph or a stack.
 */
export function parseCommand(
  command: string,
  args: readonly string[],
  options: OptionSpecs,
): CommandArguments {
  const known = Object.keys(options)
    .filter((name) => name !== 'help')
    .map((name) => `--${name}`)
    .join(', ');
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    if (!isParseError(error)) throw error;
    const option = namedOption(error.message);
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new CliError(
        `gatefold ${command}: unknown option ${option}; it takes ${known} (see gatefold ${command} --help)`,
      );
    }
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new CliError(
        `gatefold ${command}: ${option} needs a value (see gatefold ${command} --help)`,
      );
    }
    throw new CliError(`gatefold ${command}: ${error.message}`);
  }
  const [module, ...extra] = parsed.positionals;
  if (extra.length > 0) {
    throw new CliError(
      `gatefold ${command}: one module at a time; remove ${extra.map((value) => `"${value}"`).join(', ')}`,
    );
  }
  return { module, values: parsed.values as CommandArguments['values'] };
}

/** One of `allowed`, or a one-line mistake naming them. */
export function oneOf<T extends string>(
  command: string,
  option: string,
  value: string,
  allowed: readonly T[],
): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new CliError(
      `gatefold ${command}: --${option} must be one of ${allowed.join(', ')} (got "${value}")`,
    );
  }
  return found;
}

/** A TCP port, or a one-line mistake. */
export function portNumber(command: string, value: string, from: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new CliError(
      `gatefold ${command}: ${from} must be a whole number from 0 to 65535 (got "${value}")`,
    );
  }
  return port;
}
