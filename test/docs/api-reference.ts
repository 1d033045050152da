/**
 * Runs TypeDoc in-process the way `npm run docs:api` does (typedoc.json), without writing any
 * output, and reports what would make the API reference wrong: every warning or error TypeDoc
 * logs (broken `{@link}`s among them — the equivalent of `--treatWarningsAsErrors`) and every
 * exported name without a doc comment.
 */
import path from 'node:path';
import {
  Application,
  Logger,
  LogLevel,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc';
import type {
  ContainerReflection,
  OptionsReader,
  ProjectReflection,
  TypeDocOptions,
  DeclarationReflection,
} from 'typedoc';

export interface ApiReferenceReport {
  /** Warnings and errors, as TypeDoc words them. */
  readonly problems: readonly string[];
  /** `module.name` (or `name`, for a single entry point) of every export that has no doc comment. */
  readonly undocumented: readonly string[];
}

/** Keeps what TypeDoc logs at warning level and above instead of printing it. */
class RecordingLogger extends Logger {
  readonly messages: string[] = [];

  override log(message: string, level: LogLevel): void {
    super.log(message, level);
    if (level >= LogLevel.Warn) this.messages.push(message);
  }
}

/** A declaration is documented when it, or one of its call signatures, has a comment. */
function documented(declaration: DeclarationReflection): boolean {
  return (
    declaration.hasComment() ||
    declaration.getNonIndexSignatures().some((signature) => signature.hasComment())
  );
}

/** Exports of `container` without a comment, each named with `prefix`. */
function undocumentedIn(container: ContainerReflection, prefix: string): string[] {
  return (
    (container.children ?? [])
      // A re-export of a name documented elsewhere has no comment of its own.
      .filter((declaration) => !declaration.kindOf(ReflectionKind.Reference))
      .filter((declaration) => !documented(declaration))
      .map((declaration) => `${prefix}${declaration.name}`)
  );
}

/** With several entry points each is a module (`index`, `testing`); with one, the project itself holds the exports. */
function undocumentedExports(project: ProjectReflection): string[] {
  const modules = (project.children ?? []).filter((child) => child.kindOf(ReflectionKind.Module));
  return modules.length === 0
    ? undocumentedIn(project, '')
    : modules.flatMap((module) => undocumentedIn(module, `${module.name}.`));
}

/**
 * Sets `options` after typedoc.json is read (order 100) and before the tsconfig is (200), so they
 * win over the file and a `tsconfig` given here is the one whose files TypeDoc compiles.
 */
function overrides(options: Readonly<Record<string, unknown>>): OptionsReader {
  return {
    name: 'test-overrides',
    order: 175,
    supportsPackages: false,
    read(container) {
      for (const [name, value] of Object.entries(options)) container.setValue(name, value);
    },
  };
}

/**
 * Converts and validates the project described by `configFile`; `options` replace its options
 * (tests point it at fixtures).
 */
export async function checkApiReference(
  configFile: string,
  options: TypeDocOptions = {},
): Promise<ApiReferenceReport> {
  const app = await Application.bootstrapWithPlugins({ options: configFile }, [
    // No ArgumentsReader: the test runner's own command line is not TypeDoc's.
    new TypeDocReader(),
    // `tsc -p .` already type-checks the sources; TypeDoc only needs their declarations.
    overrides({ skipErrorChecking: true, emit: 'none', ...options }),
    new TSConfigReader(),
  ]);
  const logger = new RecordingLogger();
  const optionProblems = app.logger.hasErrors() || app.logger.hasWarnings();
  app.logger = logger;
  if (optionProblems)
    return { problems: ['typedoc.json or its options are invalid'], undocumented: [] };

  const project = await app.convert();
  if (project === undefined) return { problems: logger.messages, undocumented: [] };
  app.validate(project);
  return { problems: logger.messages, undocumented: undocumentedExports(project) };
}

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');
