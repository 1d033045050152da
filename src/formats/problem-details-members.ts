/**
 * @internal Members RFC 9457 defines, plus the ones gatefold adds: a problem's `meta` members
 * never overwrite them when it is written, and a reader (the typed client) takes any other member
 * for `meta`. A module of its own, so that the client bundles the list and nothing else.
 */
export const PROBLEM_DETAILS_MEMBERS: ReadonlySet<string> = /*#__PURE__*/ new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'pointer',
  'parameter',
  'header',
  'errors',
  'requestId',
]);
