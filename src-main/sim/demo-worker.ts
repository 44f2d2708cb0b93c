/**
 * Worker-thread entry of the demo gateway: the simulator is a program of its own, and here it gets a
 * thread (and heap) of its own, so its history generation can neither stall nor bloat the app's event loop.
 * Protocol with src-main/demo-gateway.ts (structured-clone messages, no shared memory):
 *   → workerData: DemoWorkerOptions
 *   ← { type: 'ready', port, clock }   ← { type: 'failed', message }
 *   → { type: 'heap' }                 ← { type: 'heap', heap }   (this thread's V8 heap, after a GC when exposed)
 *   → { type: 'close' }                ← { type: 'closed' }
 */
import { appendFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator } from './index';
import { createSimMarket } from './market';

export interface DemoWorkerOptions {
  seed: number;
  depthLimit: number;
  speed: number;
  startTime: number;
}

/** How the worker's market maps real time to simulated time: now = simStart + (Date.now() − realStart) × speed. */
export interface DemoClockMapping {
  simStart: number;
  realStart: number;
  speed: number;
}

export type DemoWorkerMessage =
  | { type: 'ready'; port: number; clock: DemoClockMapping }
  | { type: 'failed'; message: string }
  | { type: 'heap'; heap: DemoWorkerHeap }
  | { type: 'closed' };

/** The worker isolate's heap in bytes: process RSS counts it, the main thread's heap statistics do not. */
export interface DemoWorkerHeap {
  used: number;
  total: number;
  /** True when global.gc ran first (the process started with --expose-gc), so `used` is live data. */
  afterGc: boolean;
}

function heapNow(): DemoWorkerHeap {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const h = getHeapStatistics();
  return { used: h.used_heap_size, total: h.total_heap_size, afterGc: gc !== undefined };
}

async function run(port: NonNullable<typeof parentPort>, o: DemoWorkerOptions): Promise<void> {
  // The market reads its real clock once at creation to pin realStart: capture that very reading so the
  // main thread's clock is exact, not a second sample a millisecond later.
  let realStart: number | undefined;
  const realClock = { now: () => { const t = Date.now(); realStart ??= t; return t; } };
  const market = createSimMarket({ seed: o.seed, speed: o.speed, startTime: o.startTime, realClock });
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', depthLimit: o.depthLimit, market });
  const post = (m: DemoWorkerMessage) => port.postMessage(m);
  tapOrders(simulator, process.env.TAPEDECK_DEMO_ORDER_TAP);
  port.on('message', (m: { type?: string }) => {
    if (m?.type === 'heap') post({ type: 'heap', heap: heapNow() });
    if (m?.type !== 'close') return;
    void simulator.close().then(() => {
      market.dispose();
      post({ type: 'closed' });
      port.close();
    });
  });
  post({ type: 'ready', port: simulator.port, clock: { simStart: o.startTime, realStart: realStart!, speed: o.speed } });
}

/**
 * A benchmark's observable (tests/bench/ladder-click-bench.ts): with TAPEDECK_DEMO_ORDER_TAP=<file>, one JSON line
 * per placeOrder as it reaches the simulator, stamped in epoch ms with sub-ms precision (timeOrigin + now()),
 * comparable with a page's `performance.timeOrigin + event.timeStamp`.
 */
function tapOrders(simulator: Awaited<ReturnType<typeof startSimulator>>, file: string | undefined): void {
  if (!file) return;
  simulator.onPlaceOrder((o) => {
    const at = performance.timeOrigin + performance.now();
    appendFileSync(file, `${JSON.stringify({ at, orderRef: o.orderRef, orderId: o.orderId })}\n`);
  });
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as DemoWorkerOptions).catch((e: unknown) =>
    port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies DemoWorkerMessage));
}
