/**
 * Java's `Pattern.matches` in JavaScript, for the tests: the library's own translation
 * (`src/dev/java-regex.ts`), re-exported where the tests have always imported it from.
 */
export { javaMatches, javaToJs } from '../../src/dev/java-regex.js';
