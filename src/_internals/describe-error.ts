/** What the log line says about one error in a chain. */
export interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

const MAX_CAUSES = 8;

// Every read is guarded: a thrown value may be anything, including an object whose getters
// throw, and describing it must not become a second failure.
function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function text(value: unknown): string {
  try {
    return typeof value === 'string' ? value : String(value);
  } catch {
    return '[unprintable]';
  }
}

const MAX_SUMMARY = 500;

/** A plain object thrown or returned as an error: its JSON, cut short, not "[object Object]". */
function summary(value: object): string {
  try {
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined && json !== '{}') {
      return json.length > MAX_SUMMARY ? `${json.slice(0, MAX_SUMMARY)}…` : json;
    }
  } catch {
    // Circular, BigInt, or a throwing getter: fall back to the default text.
  }
  return text(value);
}

function facts(value: unknown): ErrorFacts {
  if (typeof value !== 'object' || value === null) {
    return { name: value === null ? 'null' : typeof value, message: text(value) };
  }
  const name = read(value, 'name');
  const tag = read(value, '_tag');
  const message = read(value, 'message');
  const stack = read(value, 'stack');
  const out: { name: string; message: string; stack?: string } = {
    name: typeof name === 'string' ? name : typeof tag === 'string' ? tag : 'object',
    message: typeof message === 'string' ? message : summary(value),
  };
  // Added in place: V8 takes a slow path for a member added after a spread.
  if (typeof stack === 'string') out.stack = stack;
  return out;
}

/**
 * @internal Name, message and stack of a thrown value, and of each `cause` under it (cycles and
 * very deep chains cut short), for the defect log line.
 */
export function describeError(value: unknown): {
  readonly errorName: string;
  readonly errorMessage: string;
  readonly stack?: string;
  readonly causes: readonly ErrorFacts[];
} {
  const head = facts(value);
  const causes: ErrorFacts[] = [];
  const seen = new Set<unknown>([value]);
  let current = typeof value === 'object' && value !== null ? read(value, 'cause') : undefined;
  while (current !== undefined && !seen.has(current) && causes.length < MAX_CAUSES) {
    seen.add(current);
    causes.push(facts(current));
    current = typeof current === 'object' && current !== null ? read(current, 'cause') : undefined;
  }
  const out: {
    errorName: string;
    errorMessage: string;
    causes: readonly ErrorFacts[];
    stack?: string;
  } = { errorName: head.name, errorMessage: head.message, causes };
  if (head.stack !== undefined) out.stack = head.stack;
  return out;
}
