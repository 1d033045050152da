/**
 * What the browser tests share: Debian's Chromium driven by playwright-core, and `npm start`
 * running the example shop on a free port.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The Chromium to drive: `CHROMIUM`, else Debian's (`apt-get install chromium`); `undefined` when
 * there is none, and the browser tests are skipped — unless GATEFOLD_BROWSER=required (CI, whose
 * .ci/run installs Chromium), where a missing browser is a failure, never a skip.
 */
export function chromiumExecutable(): string | undefined {
  const found = [process.env['CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
  );
  if (found === undefined && process.env['GATEFOLD_BROWSER'] === 'required') {
    throw new Error('GATEFOLD_BROWSER=required, and no Chromium was found (/usr/bin/chromium).');
  }
  return found;
}

/**
 * Headless Chromium with the flags this machine's closed network needs: without the background
 * networking ones, Chromium's own connections are refused many at a time.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** `npm start`, running. */
export interface RunningShop {
  /** Where it answers. */
  readonly url: string;
  /** Everything it printed so far (its request lines among them). */
  output(): string;
  /** Stops npm, tsx and node together. */
  stop(): void;
}

/** Starts `npm start` on a free port, resolving once it prints where it answers. */
export function startShop(): Promise<RunningShop> {
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that npm, tsx and node stop together.
    detached: true,
  });
  let output = '';
  const stop = (): void => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /at (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ url, output: () => output, stop });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      reject(new Error(`npm start exited with ${String(code)}: ${output}`));
    });
  });
}
