/**
 * autocannon, typed: the package ships no types, so this names the part of its API the load run
 * uses (https://github.com/mcollina/autocannon#api) and loads it through `require`.
 */
import { createRequire } from 'node:module';

export interface AutocannonRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Called with every response to this request, its body as text. */
  readonly onResponse: (
    status: number,
    body: string,
    context: unknown,
    headers: Readonly<Record<string, string>>,
  ) => void;
}

export interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly pipelining: number;
  /** Seconds. */
  readonly duration: number;
  /** Seconds before a request without an answer counts as a timeout. */
  readonly timeout: number;
  /** Sent in order by every connection, round and round. */
  readonly requests: readonly AutocannonRequest[];
}

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly total: number;
}

export interface AutocannonResult {
  /** Seconds. */
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly resets: number;
  readonly non2xx: number;
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
  /** Milliseconds. */
  readonly latency: Histogram;
  /** Completed requests per second; `total` is every completed request. */
  readonly requests: Histogram & { readonly sent: number };
}

type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Runs autocannon to the end of its duration. */
export function fire(options: AutocannonOptions): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => {
      if (error === null) resolve(result);
      else reject(error);
    });
  });
}
