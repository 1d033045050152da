/**
 * The neutral response the fold produces and `events/` encodes for the caller's event kind.
 */
export interface HttpResponse {
  readonly status: number;
  /** Lower-cased header names, every value kept; `set-cookie` is never here. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Full `Set-Cookie` values, in order. */
  readonly cookies: readonly string[];
  /** Text is sent as is; bytes are sent base64-encoded. Empty string for no body. */
  readonly body: string | Uint8Array;
}
