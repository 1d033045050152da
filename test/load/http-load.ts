/**
 * The HTTP load run: autocannon against the example shop API served by `serve` in a child
 * process on 127.0.0.1, every response checked against the one its request must get, and the
 * server's heap sampled after a full GC every second.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fire } from './autocannon.js';
import type { AutocannonResult } from './autocannon.js';
import { LOAD_CASES, Tally } from './cases.js';
import type { HeapDrift } from './heap.js';
import { heapDrift } from './heap.js';
import type { FromServer, ToServer } from './messages.js';

export interface HttpLoadOptions {
  /** Load before the first heap sample: JIT and lazy initialisation settle meanwhile. */
  readonly warmupSeconds: number;
  /** Load while the heap is sampled; autocannon runs for warm-up + this. */
  readonly durationSeconds: number;
  readonly connections: number;
  readonly sampleEveryMs: number;
}

export interface HttpLoadFigures {
  readonly result: AutocannonResult;
  readonly tally: Tally;
  readonly heap: HeapDrift;
  readonly heapSamples: readonly number[];
  readonly serverLogLines: number;
}

/** The next message of `type` from the server process. */
function nextMessage<T extends FromServer['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromServer): void => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<FromServer, { type: T }>);
    };
    const onExit = (code: number | null): void => {
      child.off('message', onMessage);
      reject(new Error(`the server process exited (${String(code)}) before sending ${type}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function tell(child: ChildProcess, message: ToServer): void {
  child.send(message);
}

function startServer(): ChildProcess {
  return fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadFigures> {
  const child = startServer();
  try {
    const { url } = await nextMessage(child, 'listening');
    if (!url.startsWith('http://127.0.0.1:')) throw new Error(`server not on loopback: ${url}`);
    const tally = new Tally();
    const heapSamples: number[] = [];
    const loadDone = new AbortController();
    const sampler = (async () => {
      await new Promise((resolve) => setTimeout(resolve, options.warmupSeconds * 1000));
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, options.sampleEveryMs));
        if (loadDone.signal.aborted) break;
        const reply = nextMessage(child, 'heap');
        tell(child, { type: 'sample-heap' });
        heapSamples.push((await reply).bytes);
      }
    })();
    const result = await fire({
      url,
      connections: options.connections,
      pipelining: 1,
      duration: options.warmupSeconds + options.durationSeconds,
      timeout: 10,
      requests: LOAD_CASES.map((loadCase) => ({
        method: loadCase.method,
        path: loadCase.path,
        headers: loadCase.headers,
        ...(loadCase.body === undefined ? {} : { body: loadCase.body }),
        onResponse: (status, body, _context, headers) => {
          const lowerCased = Object.fromEntries(
            Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
          );
          tally.record(loadCase, { status, headers: lowerCased, body });
        },
      })),
    });
    loadDone.abort();
    await sampler;
    const stopped = nextMessage(child, 'stopped');
    tell(child, { type: 'stop' });
    const { logLines } = await stopped;
    return { result, tally, heap: heapDrift(heapSamples), heapSamples, serverLogLines: logLines };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}
