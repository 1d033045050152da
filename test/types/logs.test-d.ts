import { ok } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import type { LambdaOptions, LogLevel, Logger } from '../../src/index.js';
import { consoleLogger, toLambda } from '../../src/index.js';
import { toLambdaIntegration } from '../../src/integration/index.js';
import type { InvokeResponse } from '../../src/testing/index.js';
import { invoke, restApiEvent } from '../../src/testing/index.js';
import type { InvokeLog, InvokeLogRecord, InvokeMetricsLine } from '../../src/testing/invoke.js';

describe('the logger option', () => {
  it('takes a logger or false, nothing else', () => {
    expectTypeOf<LambdaOptions['logger']>().toEqualTypeOf<Logger | false | undefined>();
    toLambda(() => ok(1), { logger: false });
    toLambda(() => ok(1), { logger: consoleLogger });
    toLambdaIntegration(() => ok(1), { logger: false });
    // @ts-expect-error -- `true` is no logger; leave the option out for the default one.
    const yes: LambdaOptions = { logger: true };
    // @ts-expect-error -- a logger has all four methods.
    const partial: LambdaOptions = { logger: { error: () => undefined } };
    expectTypeOf([yes, partial]).items.toEqualTypeOf<LambdaOptions>();
  });
});

describe('the lines invoke returns', () => {
  it('are a read-only list on the response', async () => {
    const response = await invoke(
      toLambda(() => ok(1)),
      restApiEvent(),
    );
    expectTypeOf(response.logs).toEqualTypeOf<readonly InvokeLog[]>();
    expectTypeOf<InvokeResponse['logs']>().toEqualTypeOf<readonly InvokeLog[]>();
    // @ts-expect-error -- the captured lines cannot be changed.
    const mutable: InvokeLog[] = response.logs;
    expectTypeOf(mutable).toBeArray();
  });

  it('are records with a level and a message, or metrics lines told apart by their level', () => {
    expectTypeOf<InvokeLog>().toEqualTypeOf<InvokeLogRecord | InvokeMetricsLine>();
    const narrow = (log: InvokeLog): void => {
      if (log.level === 'metrics') {
        expectTypeOf(log).toEqualTypeOf<InvokeMetricsLine>();
        // @ts-expect-error -- an EMF line has no message.
        expectTypeOf(log.message).toEqualTypeOf<string>();
      } else {
        expectTypeOf(log).toEqualTypeOf<InvokeLogRecord>();
        expectTypeOf(log.level).toEqualTypeOf<LogLevel>();
        expectTypeOf(log.message).toEqualTypeOf<string>();
        expectTypeOf(log['status']).toEqualTypeOf<unknown>();
      }
    };
    expectTypeOf(narrow).toBeFunction();
  });
});
