/** Shared setup for broker tests against the simulator over real TCP: one simulator and broker per test. */
import { expect } from 'vitest';
import { createBroker, type BrokerOptions, type IbBroker } from '../../../src-main/broker/ib-broker';
import type { DepthOwner, ScannerOwner, QuoteOwner } from '../../../src-main/broker/port';
import { SystemScheduler } from '../../../src-main/broker/scheduler';
import { systemClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import type { BrokerStatus } from '../../../src-shared/contract/features/broker';
import type { AppError } from '../../../src-shared/contract/result';
import { startSimulator } from '../../../src-main/sim';

export type Sim = Awaited<ReturnType<typeof startSimulator>>;
const log = createLogger('broker-test');

export class Harness {
  private readonly closers: Array<() => Promise<void> | void> = [];

  async sim(options: Partial<Parameters<typeof startSimulator>[0]> = {}): Promise<Sim> {
    const sim = await startSimulator({ port: 0, seed: 7, depthLimit: 3, speed: 1, ...options });
    this.closers.push(() => sim.close());
    return sim;
  }

  broker(port: number, clientId = 1, extra: Partial<BrokerOptions> = {}): { broker: IbBroker; states: BrokerStatus[]; scheduler: SystemScheduler } {
    const scheduler = new SystemScheduler();
    const broker = createBroker({
      connection: { demo: true, host: '127.0.0.1', port, clientId, connectTimeoutSec: 3 },
      demo: true, clock: systemClock, log, scheduler, ...extra,
    });
    const states: BrokerStatus[] = [];
    broker.onStatus((s) => states.push(s));
    this.closers.push(async () => {
      await broker.dispose();
      expect(scheduler.pending()).toBe(0);
    });
    return { broker, states, scheduler };
  }

  /** Runs at close, before what was registered earlier. */
  onClose(fn: () => Promise<void> | void): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    for (const c of this.closers.splice(0).reverse()) await c();
  }
}

export interface Recorded {
  pauses: Array<{ start: number; reason: string }>;
  resumes: Array<{ start: number; end: number; reqId: number; dataLost: boolean }>;
  errors: AppError[];
  count: number;
}

function recorder(): Recorded {
  return { pauses: [], resumes: [], errors: [], count: 0 };
}

export function depthOwner(): DepthOwner & { rec: Recorded } {
  const rec = recorder();
  return { rec, onDelta: () => rec.count++, onPause: (p) => rec.pauses.push(p), onResume: (r) => rec.resumes.push(r), onError: (e) => rec.errors.push(e) };
}

export function scannerOwner(): ScannerOwner & { rec: Recorded } {
  const rec = recorder();
  return { rec, onRows: (rows) => (rec.count += rows.length > 0 ? 1 : 0), onPause: (p) => rec.pauses.push(p), onResume: (r) => rec.resumes.push(r), onError: (e) => rec.errors.push(e) };
}

export function quoteOwner(): QuoteOwner & { rec: Recorded } {
  const rec = recorder();
  return { rec, onQuote: () => rec.count++, onPause: (p) => rec.pauses.push(p), onResume: (r) => rec.resumes.push(r), onError: (e) => rec.errors.push(e) };
}
