// One contender's bundle in a process of its own, driven by the parent over IPC: check its
// answers, time one scenario at a time, or count heap growth. Separate processes keep one
// library's JIT feedback and garbage away from another's.
import { setImmediate } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { measure } from 'mitata';
import { CONTEXT, SCENARIOS, invocationStarts } from './scenarios.mjs';
import { verify } from './verify.mjs';

const [bundleFile, contender] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundleFile).href);
const byId = new Map(SCENARIOS.map((scenario) => [scenario.id, scenario]));

/** A freshly parsed event, and the invocation's clock started (outside the timed call). */
const freshEvent = (scenario) => {
  invocationStarts();
  return JSON.parse(scenario.eventJson);
};
const invoke = (event) => handler(event, CONTEXT);

/** Every scenario's answer checked once, then `rounds` more invocations of each, interleaved. */
async function warmUp(rounds) {
  for (const scenario of SCENARIOS) verify(contender, scenario, await invoke(freshEvent(scenario)));
  for (let round = 0; round < rounds; round++) {
    for (const scenario of SCENARIOS) await invoke(freshEvent(scenario));
  }
  return { scenarios: SCENARIOS.length };
}

/**
 * One scenario timed per invocation (never in batches, so p99 is a p99 of invocations): each
 * sample awaits one call; the fresh event is parsed before the clock starts.
 */
async function time(scenarioId, cpuTimeMs, minSamples) {
  const scenario = byId.get(scenarioId);
  // The scenario's own path warmed again: the one timed before it may have changed what V8
  // optimised for (mitata's own warm-up is two calls).
  for (let i = 0; i < 300; i++) await invoke(freshEvent(scenario));
  // mitata passes `params` to a function that declares no parameter (one that does is taken for
  // its iterator style), hence the rest argument.
  const stats = await measure((...args) => invoke(args[0]), {
    params: { 0: () => freshEvent(scenario) },
    batch_threshold: -1,
    min_samples: minSamples,
    min_cpu_time: cpuTimeMs * 1e6,
  });
  return {
    min: stats.min,
    p25: stats.p25,
    p50: stats.p50,
    p75: stats.p75,
    p99: stats.p99,
    avg: stats.avg,
    samples: stats.samples.length,
  };
}

/**
 * Heap in use after `invocations` more invocations, cycling through the scenarios, once garbage
 * is collected. Collection is repeated across event-loop turns: undici's Request and Response
 * (Hono, Powertools) free their bodies through finalization callbacks, which run only then.
 */
async function heapGrowth(invocations) {
  const settle = async () => {
    for (let turn = 0; turn < 3; turn++) {
      globalThis.gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    globalThis.gc();
    return process.memoryUsage().heapUsed;
  };
  const before = await settle();
  for (let i = 0; i < invocations; i++) await invoke(freshEvent(SCENARIOS[i % SCENARIOS.length]));
  const after = await settle();
  return { before, after, growth: after - before };
}

const COMMANDS = { warmUp, time, heapGrowth };

process.on('message', (message) => {
  COMMANDS[message.command](...message.args).then(
    (value) => process.send({ id: message.id, value }),
    (error) => process.send({ id: message.id, error: String(error?.stack ?? error) }),
  );
});
process.send({ ready: true });
