/**
 * A mistake the `gatefold` command answers in one line: what went wrong and what to do. Usage
 * mistakes exit with 2, others (a port in use, a module that fails to load) with 1.
 */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}
