/** A logger for tests: every call recorded, and the test output kept quiet. */
import type { Mock } from 'vitest';
import { vi } from 'vitest';
import type { LogRecord, Logger } from '../../src/index.js';

/** A logger whose calls are recorded. */
export interface CapturingLogger extends Logger {
  readonly error: Mock<(record: LogRecord) => void>;
  readonly warn: Mock<(record: LogRecord) => void>;
  readonly info: Mock<(record: LogRecord) => void>;
  readonly debug: Mock<(record: LogRecord) => void>;
}

/** A fresh capturing logger. */
export function capturingLogger(): CapturingLogger {
  return {
    error: vi.fn<(record: LogRecord) => void>(),
    warn: vi.fn<(record: LogRecord) => void>(),
    info: vi.fn<(record: LogRecord) => void>(),
    debug: vi.fn<(record: LogRecord) => void>(),
  };
}
