import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';
import { devCommand } from './dev-command.js';
import { MAIN_HELP } from './help.js';
import { openapiCommand } from './openapi-command.js';

const COMMANDS: Readonly<Record<string, (args: readonly string[]) => Promise<number>>> = {
  dev: devCommand,
  openapi: openapiCommand,
};

function version(packageJson: URL): string {
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/**
 * Runs the `gatefold` command with its arguments and resolves to the exit code. Every mistake is
 * one line on stderr; help and the version go to stdout. A command that keeps running (the dev
 * server) resolves once it is started.
 */
export async function runCli(args: readonly string[], packageJson: URL): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === undefined) {
      // No command is a mistake: the help goes where mistakes go.
      process.stderr.write(MAIN_HELP);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(MAIN_HELP);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${version(packageJson)}\n`);
      return 0;
    }
    const run = COMMANDS[command];
    if (run === undefined) {
      throw new CliError(
        `gatefold: unknown command "${command}"; the commands are dev and openapi (see gatefold --help)`,
      );
    }
    return await run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
