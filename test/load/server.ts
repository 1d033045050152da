/**
 * The server side of the HTTP load run, in its own process so the load generator's allocations
 * never count in its heap: the example shop API behind `serve`, on a free loopback port. The
 * parent process talks to it over IPC (see `messages.ts`).
 */
import { handler } from '../../examples/shop/handler.js';
import { serve } from '../../src/dev/index.js';
import { heapAfterGc } from './heap.js';
import type { ToServer } from './messages.js';
import { sendToParent } from './messages.js';

// The example logs every 4xx answer with console.info; the logging code still runs, the lines go
// nowhere instead of filling the terminal.
let logLines = 0;
console.info = () => {
  logLines += 1;
};

const server = await serve(handler, { host: '127.0.0.1', port: 0, log: false });
sendToParent({ type: 'listening', url: server.url });

process.on('message', (message: ToServer) => {
  if (message.type === 'sample-heap') sendToParent({ type: 'heap', bytes: heapAfterGc() });
  else
    void server.close().then(() => {
      sendToParent({ type: 'stopped', logLines });
      process.disconnect();
    });
});
