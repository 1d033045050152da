/** What the load run's parent and its server process say to each other over IPC. */

export type ToServer = { readonly type: 'sample-heap' } | { readonly type: 'stop' };

export type FromServer =
  | { readonly type: 'listening'; readonly url: string }
  | { readonly type: 'heap'; readonly bytes: number }
  | { readonly type: 'stopped'; readonly logLines: number };

/** Sends `message` to the parent process; fails loudly when there is no IPC channel. */
export function sendToParent(message: FromServer): void {
  if (process.send === undefined) throw new Error('start this script with child_process.fork');
  process.send(message);
}
