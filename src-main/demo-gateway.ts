import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { etDate, etToEpoch, isTradingDay, previousSessions } from '../src-shared/domain/market-time';
import type { Clock } from './platform/clock';
import type { Logger } from './platform/log';
import type { Simulator } from './sim';
import type { DemoClockMapping, DemoWorkerHeap, DemoWorkerMessage, DemoWorkerOptions } from './sim/demo-worker';

export interface DemoGateway {
  readonly port: number;
  /** The simulator's clock: the demo morning runs on it. */
  readonly clock: Clock;
  /** Where the simulator runs. Tests that drive fault APIs ask for 'inline'. */
  readonly thread: 'worker' | 'inline';
  /** The in-process simulator (fault APIs, client counts): only with thread 'inline', null in a worker. */
  readonly simulator: Simulator | null;
  /** The worker's own V8 heap (null inline, where the simulator shares the app's heap). */
  workerHeap(): Promise<DemoWorkerHeap | null>;
  close(): Promise<void>;
}

export interface DemoGatewayOptions {
  seed?: number;
  depthLimit?: number;
  speed?: number;
  startTime?: number;
  /** 'worker' (default): a worker thread with its own heap. 'inline': this thread, for tests using `simulator`. */
  thread?: 'worker' | 'inline';
}

/**
 * The demo always opens on a gap morning: 09:00 ET of the latest trading day, 30 minutes before the bell,
 * so a newcomer sees premarket gappers at once whatever the wall-clock time.
 */
export function demoStartTime(now: number): number {
  const today = etDate(now);
  const day = isTradingDay(today) ? today : previousSessions(today, 1)[0];
  return etToEpoch(day, 9, 0);
}

/** The worker's market clock, computed here from its mapping: both threads read the same Date.now(). */
export function clockFromMapping(m: DemoClockMapping, real: () => number = Date.now): Clock {
  return { now: () => m.simStart + (real() - m.realStart) * m.speed };
}

/**
 * The worker's entry next to this module: from TypeScript source (tsx, vitest) a bootstrap that registers
 * tsx's loader inside the worker (Node 20 does not pass the parent's hooks on), from the bundle
 * `demo-worker.js` beside main.js in out/main (electron-vite's second main entry).
 */
export function demoWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return moduleUrl.endsWith('.ts') ? new URL('./sim/demo-worker-source.mjs', moduleUrl) : new URL('./demo-worker.js', moduleUrl);
}

function resolveOptions(o: DemoGatewayOptions): DemoWorkerOptions {
  return { seed: o.seed ?? 20260102, depthLimit: o.depthLimit ?? 5, speed: o.speed ?? 1, startTime: o.startTime ?? demoStartTime(Date.now()) };
}

/** Starts the gateway simulator on a free loopback port, in a worker thread unless asked for inline. */
export async function startDemoGateway(options: DemoGatewayOptions, log: Logger): Promise<DemoGateway> {
  const o = resolveOptions(options);
  const gateway = options.thread === 'inline' ? await startInline(o) : await startWorker(o, log);
  // A demo account behaves like a well-provisioned one: five depth slots (o.depthLimit).
  log.info('demo gateway listening', { port: gateway.port, thread: gateway.thread });
  return gateway;
}

async function startInline(o: DemoWorkerOptions): Promise<DemoGateway> {
  // Loaded on demand: in worker mode the app's thread never loads the simulator's code at all.
  const [{ startSimulator }, { createSimMarket }] = await Promise.all([import('./sim'), import('./sim/market')]);
  const market = createSimMarket({ seed: o.seed, speed: o.speed, startTime: o.startTime });
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', depthLimit: o.depthLimit, market });
  return { port: simulator.port, clock: { now: () => market.now() }, thread: 'inline', simulator,
    workerHeap: () => Promise.resolve(null), close: () => simulator.close() };
}

const CLOSE_TIMEOUT_MS = 5_000;
/**
 * The worker allocates in bursts (a 20-session history reply is ~20k bars) and V8 keeps a young generation
 * grown for a burst: capped, it costs a few more scavenges instead of ~30 MB of resident semi-spaces.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

async function startWorker(o: DemoWorkerOptions, log: Logger): Promise<DemoGateway> {
  const entry = demoWorkerEntry();
  if (!existsSync(fileURLToPath(entry))) throw new Error(`demo gateway worker not found at ${fileURLToPath(entry)} (run npm run build)`);
  const worker = new Worker(entry, {
    workerData: o, name: 'tapedeck-demo-gateway', resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  const ready = await new Promise<Extract<DemoWorkerMessage, { type: 'ready' }>>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`demo gateway worker exited (${code}) before listening`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (m: DemoWorkerMessage) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      if (m.type === 'ready') resolve(m);
      else reject(new Error(`demo gateway failed to start: ${m.type === 'failed' ? m.message : m.type}`));
    });
  }).catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });
  worker.on('error', (e) => log.error('demo gateway worker failed', { message: e.message }));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      // A graceful close lets the simulator end its sockets; terminate() is the backstop.
      const force = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      worker.once('exit', () => (clearTimeout(force), resolve()));
      worker.postMessage({ type: 'close' });
    }));
  const workerHeap = () =>
    new Promise<DemoWorkerHeap | null>((resolve) => {
      const onMessage = (m: DemoWorkerMessage) => m.type === 'heap' && (worker.off('message', onMessage), resolve(m.heap));
      worker.on('message', onMessage);
      worker.postMessage({ type: 'heap' });
    });
  return { port: ready.port, clock: clockFromMapping(ready.clock), thread: 'worker', simulator: null, workerHeap, close };
}
