/**
 * Stands in for the `debug` package inside the bundled velocityjs (tsup.config.ts aliases it
 * here): velocityjs uses it for one trace line, printed only under `DEBUG=velocity`, and the
 * real package's Node.js build `require`s `tty` and `util`, which an ES module bundle cannot.
 * Every logger it makes does nothing.
 */
export default function debug(): (...args: unknown[]) => void {
  return () => undefined;
}
