/**
 * Simulator throughput over real TCP: messages/s the simulator emits to one client (one SMART depth
 * stream fed as fast as the client keeps up), and depth messages/s sustained for 5 symbols at once.
 * The market is a firehose: every turn of the event loop it publishes book updates for each subscribed
 * symbol, but never runs more than a bounded backlog ahead of what the client has read.
 */
import type { SimDepthOp, Unsubscribe } from '../../src-main/sim/market/types';
import { startSimulator } from '../../src-main/sim/index';
import { FakeSimMarket } from '../support/fake-sim-market';
import { rawTwsClient, reqDepthFields } from './raw-tws-client';

type Figure = { name: string; value: number; unit: string };

const BACKLOG = 20_000;
const OPS_PER_TURN = 500;

/** A fake market whose depth listeners receive update ops in a tight loop, throttled by the reader. */
class FirehoseMarket extends FakeSimMarket {
  private readonly listeners: Array<(op: SimDepthOp) => void> = [];
  private emitted = 0;
  private running = false;
  received = () => 0;

  override onDepth(conId: number, smart: boolean, listener: (op: SimDepthOp) => void): Unsubscribe {
    this.listeners.push(listener);
    if (!this.running) {
      this.running = true;
      setImmediate(() => this.pump());
    }
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  stop(): void {
    this.running = false;
  }

  private pump(): void {
    if (!this.running) return;
    if (this.emitted - this.received() < BACKLOG) {
      for (const l of this.listeners) {
        for (let i = 0; i < OPS_PER_TURN; i++) {
          const n = this.emitted++;
          l({ position: n % 5, operation: 1, side: (n & 1) as 0 | 1, price: 100 + (n % 5) * 0.01, size: 100 + (n % 97), marketMaker: 'ARCA' });
        }
      }
    }
    setImmediate(() => this.pump());
  }
}

async function measure(symbols: string[], seconds: number): Promise<number> {
  const market = new FirehoseMarket();
  const sim = await startSimulator({ market, port: 0, depthLimit: symbols.length });
  const client = await rawTwsClient(sim.port, 1);
  try {
    await client.ready;
    const base = client.frames();
    market.received = () => client.frames() - base;
    symbols.forEach((s, i) => client.send(reqDepthFields(i + 1, s, 5, true)));
    await new Promise((r) => setTimeout(r, 300)); // warm-up
    const f0 = client.frames();
    const t0 = process.hrtime.bigint();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const f1 = client.frames();
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    return (f1 - f0) / dt;
  } finally {
    market.stop();
    client.socket.destroy();
    await sim.close();
    market.dispose();
  }
}

export async function benchSim(): Promise<Figure[]> {
  const one = await measure(['AAPL'], 3);
  const five = await measure(['AAPL', 'SPY', 'MSFT', 'TSLA', 'META'], 4);
  return [
    { name: 'sim messages to one client', value: one, unit: 'msg/s' },
    { name: 'sim depth, 5 symbols at once', value: five, unit: 'msg/s' },
  ];
}
