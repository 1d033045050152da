import type { ProblemSource } from '../problem.js';
import type { Issue } from './issue.js';
import { withMember } from '../_internals/fields.js';

/**
 * How much of a request one problem may echo back. A detail quotes the value received, a
 * pointer spells out the keys on the way to a member, and both come from the client: without a
 * bound, one problem could repeat a megabyte of body, and a hundred of them could carry a
 * response past what Lambda (6 MB) or an ALB (1 MB) can return — when the client gets a bare 502.
 *
 * At these bounds a problem carries at most 1,256 characters the client chose (a detail, a
 * source, a string meta member such as a cookie's name), and each becomes at most 7 bytes of the
 * result Lambda serialises (a control character is `\u0001` in the body, `\\u0001` once the body
 * is itself a JSON string): the default hundred problems stay under 900 KB whatever the request,
 * within every kind's limit.
 */

/** The longest `detail` (and string `meta` value) sent, in UTF-16 code units. */
export const MAX_DETAIL_LENGTH = 500;

/** The longest `source` value sent: a pointer, parameter or header name. */
export const MAX_SOURCE_LENGTH = 256;

const ELLIPSIS = '…';

/** `text` cut to `max` code units, ending in `…` when cut; a surrogate pair is never split. */
export function boundedText(text: string, max: number = MAX_DETAIL_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  // A high surrogate whose low half would be cut off.
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}${ELLIPSIS}`;
}

/**
 * A pointer that fits: the pointer itself, or that of the deepest ancestor whose pointer does.
 * A cut pointer would name nothing (JSON:API requires `source.pointer` to name a value in the
 * request document); an ancestor's pointer names the value that holds the member.
 */
export function boundedPointer(pointer: string, max: number = MAX_SOURCE_LENGTH): string {
  if (pointer.length <= max) return pointer;
  const slash = pointer.lastIndexOf('/', max);
  return slash <= 0 ? '' : pointer.slice(0, slash);
}

function boundedSource(source: ProblemSource): ProblemSource {
  const s = source as { pointer?: unknown; parameter?: unknown; header?: unknown };
  if (typeof s.pointer === 'string') {
    return s.pointer.length <= MAX_SOURCE_LENGTH ? source : { pointer: boundedPointer(s.pointer) };
  }
  if (typeof s.parameter === 'string' && s.parameter.length > MAX_SOURCE_LENGTH) {
    return { parameter: boundedText(s.parameter, MAX_SOURCE_LENGTH) };
  }
  if (typeof s.header === 'string' && s.header.length > MAX_SOURCE_LENGTH) {
    return { header: boundedText(s.header, MAX_SOURCE_LENGTH) };
  }
  return source;
}

/** Meta with its long string members cut (such as a cookie's name, which the client chose). */
function boundedMeta(meta: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let out = meta;
  for (const key of Object.keys(meta)) {
    const value = meta[key];
    if (typeof value === 'string' && value.length > MAX_DETAIL_LENGTH) {
      out = withMember(out, key, boundedText(value));
    }
  }
  return out;
}

/**
 * @internal An issue with what it echoes of the request bounded: its detail, its source and its
 * string meta members. An issue within the bounds is returned as it is.
 */
export function boundedIssue(issue: Issue): Issue {
  const detail = issue.detail.length > MAX_DETAIL_LENGTH ? boundedText(issue.detail) : undefined;
  const source = issue.source === undefined ? undefined : boundedSource(issue.source);
  const meta = issue.meta === undefined ? undefined : boundedMeta(issue.meta);
  if (detail === undefined && source === issue.source && meta === issue.meta) return issue;
  let out = issue;
  if (detail !== undefined) out = withMember(out, 'detail', detail);
  if (source !== issue.source) out = withMember(out, 'source', source);
  if (meta !== issue.meta) out = withMember(out, 'meta', meta);
  return out;
}
