/**
 * The Standard Schema interface, version 1 (https://standardschema.dev), and the Standard JSON
 * Schema interface beside it. The specification asks libraries to copy these types rather than
 * depend on a package for them, so that accepting zod, valibot or arktype schemas adds nothing to
 * a bundle. They are written here as plain types rather than the specification's namespace.
 */

/** A validator any library can implement: zod 4, valibot 1, arktype 2 and others do. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaProps<Input, Output>;
}

/** What a schema carries under `~standard`. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1;
  readonly vendor: string;
  readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
  readonly types?: StandardTypes<Input, Output> | undefined;
}

/** A validation's outcome: a value, or issues. */
export type StandardResult<Output> = StandardSuccess<Output> | StandardFailure;

/** A validation that succeeded: the value, and no issues. */
export interface StandardSuccess<Output> {
  readonly value: Output;
  readonly issues?: undefined;
}

/** A validation that failed: at least one issue. */
export interface StandardFailure {
  readonly issues: readonly StandardIssue[];
}

/** One problem, with a message and where it lies. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | StandardPathSegment)[] | undefined;
}

/** A step of an issue's path, as some libraries write it (`{ key }`). */
export interface StandardPathSegment {
  readonly key: PropertyKey;
}

/** The types a schema accepts and produces, for inference only. */
export interface StandardTypes<Input = unknown, Output = Input> {
  readonly input: Input;
  readonly output: Output;
}

/** The type a schema accepts. */
export type StandardInput<Schema extends StandardSchemaV1> = NonNullable<
  Schema['~standard']['types']
>['input'];

/** The type a schema produces. */
export type StandardOutput<Schema extends StandardSchemaV1> = NonNullable<
  Schema['~standard']['types']
>['output'];

/**
 * The Standard JSON Schema interface: a schema that can describe itself as JSON Schema (zod 4 and
 * arktype 2 offer it under `~standard.jsonSchema`).
 */
export interface StandardJsonSchemaProps {
  readonly input: (options: { readonly target: string }) => Record<string, unknown>;
  readonly output?: (options: { readonly target: string }) => Record<string, unknown>;
}
