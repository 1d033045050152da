// The parent's side of lib/worker.mjs: start a contender's worker, call its commands, stop it.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { fork } from 'node:child_process';
import path from 'node:path';

const WORKER = path.join(import.meta.dirname, 'worker.mjs');

/** A running worker for one bundle: `call(command, ...args)` resolves with the command's value. */
export function startWorker(contender, bundleFile) {
  const child = fork(WORKER, [bundleFile, contender], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  let nextId = 0;
  let failed;
  const ready = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => {
      failed = new Error(`the ${contender} worker exited with code ${code}`);
      reject(failed);
      for (const { reject: rejectCall } of pending.values()) rejectCall(failed);
    });
  });
  child.on('message', (message) => {
    const call = pending.get(message.id);
    if (call === undefined) return;
    pending.delete(message.id);
    if (message.error === undefined) call.resolve(message.value);
    else call.reject(new Error(message.error));
  });
  return {
    async call(command, ...args) {
      await ready;
      if (failed !== undefined) throw failed;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, command, args });
      });
    },
    stop() {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}
