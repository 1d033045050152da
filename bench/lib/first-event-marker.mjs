// Its first (and only) run is the line in V8's function log where the first event begins.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
export function firstEventBegins() {
  return undefined;
}
