import { describe, expect, it } from 'vitest';
import { TaggedError } from '../../src/index.js';

class NotFound extends TaggedError('NotFound')<{ readonly id: string }> {}
class Corrupted extends TaggedError('Corrupted', { stack: true }) {}

function frames(error: Error): string[] {
  return (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
}

describe('TaggedError stack traces', () => {
  it('captures none by default: a domain error is an answer, not a fault', () => {
    const error = new NotFound({ id: 'u-9' });
    expect(frames(error)).toEqual([]);
    expect(error.stack).toBe('NotFound: NotFound');
    expect(error).toMatchObject({ _tag: 'NotFound', name: 'NotFound', id: 'u-9' });
  });

  it('keeps the stack of its cause', () => {
    const cause = new Error('socket hang up');
    const error = new NotFound({ id: 'u-9', cause });
    expect(error.cause).toBe(cause);
    expect(frames(cause).length).toBeGreaterThan(0);
  });

  it('captures one with { stack: true }', () => {
    const error = new Corrupted();
    expect(frames(error).length).toBeGreaterThan(0);
    expect(error.stack).toContain('tagged-error-stack.test.ts');
  });

  it('leaves Error.stackTraceLimit as it was', () => {
    const before = Error.stackTraceLimit;
    new NotFound({ id: 'x' });
    new Corrupted();
    expect(Error.stackTraceLimit).toBe(before);
    expect(frames(new Error('plain')).length).toBeGreaterThan(0);
  });
});
