/**
 * The real AWS payloads the suite runs against, copied into `test/fixtures/aws-events/` with their
 * sources and licences (SOURCES.md there), and a way to type the events tests make that the AWS
 * types rightly refuse.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { HttpEvent } from '../../src/index.js';

/** The folder of real AWS payloads, inside the repository. */
export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures/aws-events');

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsonFilesUnder(full);
    return entry.isFile() && entry.name.endsWith('.json') ? [full] : [];
  });
}

/** Every JSON file in the fixtures folder, as sorted `/`-separated paths relative to it. */
export function fixtureFiles(): string[] {
  return jsonFilesUnder(FIXTURES_DIR)
    .map((file) => path.relative(FIXTURES_DIR, file).split(path.sep).join('/'))
    .sort();
}

/** A fixture file, parsed as Lambda's runtime parses an event: plain `JSON.parse`. */
export function loadFixture(relativePath: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8')) as unknown;
}

/** True for a sample response (what a handler returns), which carries a `statusCode`. */
export function isResponseFixture(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'statusCode' in value;
}

/** The fixture files that are events, not responses. */
export function requestFixtureFiles(): string[] {
  return fixtureFiles().filter((file) => !isResponseFixture(loadFixture(file)));
}

/** The fixture files that are sample responses. */
export function responseFixtureFiles(): string[] {
  return fixtureFiles().filter((file) => isResponseFixture(loadFixture(file)));
}

/**
 * Any value typed as an event, for fixtures and for the deliberately malformed or foreign
 * events (null maps, numbers, SQS records) that the AWS types rightly refuse.
 */
export function asEvent(value: unknown): HttpEvent {
  return value as HttpEvent;
}
