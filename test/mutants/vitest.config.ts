/**
 * The vitest configuration Stryker runs (`npm run mutation`, see stryker.config.json): the tests
 * written for the mutated folders (the event readers and writers, the fold, the formats, the
 * decoders) and the tests of test/mutants/. The rest of the suite (router, middleware, examples,
 * documentation) also runs this code, but through many more files per mutant: on a 2-core machine
 * that multiplies a run's hours, while the figure that matters is how well these folders' own
 * tests pin their behaviour. Of the hostile-input tests (test/hardening/), only the `__proto__`
 * ones run here: with all of them, most mutants of the fold ended as timeouts, each one costing
 * a test runner restart.
 */
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    include: [
      'test/events/**/*.test.ts',
      'test/decode/**/*.test.ts',
      'test/formats/**/*.test.ts',
      'test/fold.test.ts',
      'test/fold-details.test.ts',
      'test/problem.test.ts',
      'test/reply.test.ts',
      'test/adapter.property.test.ts',
      'test/hardening/prototype-keys.test.ts',
      'test/mutants/**/*.test.ts',
    ],
    typecheck: { enabled: false },
    // One module graph per worker instead of one per test file: Stryker runs a few tests from
    // many files for each mutant, and importing the sources again for every file is most of the
    // time. These test files leave no state behind that another one could see.
    isolate: false,
    // Instrumented sources run several times slower; the property tests need the room.
    testTimeout: 60_000,
  },
});
