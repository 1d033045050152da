/**
 * Accept parameters written with the optional whitespace RFC 9110 §5.6.6 allows around `;`
 * (`type; q=0.5`): the weight still counts.
 */
import { describe, expect, it } from 'vitest';
import { prefersProblemJson } from '../../src/formats/negotiate.js';

describe('prefersProblemJson with whitespace around parameters', () => {
  it.each([
    ['application/problem+json; q=0', false],
    ['application/problem+json ;  q=0.5 , application/json', false],
    ['application/problem+json;\tq=0.5, application/vnd.api+json; q=0.4', true],
    ['application/json; q=0.3, application/problem+json; charset=utf-8; q=0.4', true],
  ] as const)('Accept %j → problem+json %s', (accept, expected) => {
    expect(prefersProblemJson(accept)).toBe(expected);
  });
});
