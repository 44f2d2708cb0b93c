/**
 * A simulator whose depth streams are a firehose at a fixed rate, in a process of its own so the depth
 * path benchmark measures only the app's side. `node --import tsx tests/bench/firehose-sim.ts <msg/s>`
 * prints `listening on <port>`. With stdin open (the load drill), the line `halt` stops every stream and
 * prints `sent {"<conId>": ops, …}`: what the app must have recorded, message for message.
 */
import type { SimDepthOp, Unsubscribe } from '../../src-main/sim/market/types';
import { startSimulator } from '../../src-main/sim/index';
import { FakeSimMarket } from '../support/fake-sim-market';

const rate = Number(process.argv[2] ?? 200_000);
const TICK_MS = 5;
/** Ops handed to the socket, by conId (a delete+insert pair is two). */
const sent = new Map<number, number>();
let halted = false;

class Firehose extends FakeSimMarket {
  /** The book a subscription starts from is sent too: 10 rows a side, within any row count a client asks for. */
  override book(conId: number, rows: number, smart: boolean) {
    const b = super.book(conId, rows, smart);
    sent.set(conId, (sent.get(conId) ?? 0) + Math.min(b.bids.length, 10) + Math.min(b.asks.length, 10));
    return b;
  }

  override onDepth(conId: number, _smart: boolean, listener: (op: SimDepthOp) => void): Unsubscribe {
    let n = 0;
    const emit = (op: SimDepthOp) => {
      sent.set(conId, (sent.get(conId) ?? 0) + 1);
      listener(op);
    };
    const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
    // IB-style book churn on 10 rows a side: updates mostly, with insert/delete pairs keeping it 10 deep.
    const timer = setInterval(() => {
      if (halted) return;
      for (let i = 0; i < perTick; i++, n++) {
        const side = (n & 1) as 0 | 1;
        const position = n % 10;
        const kind = n % 7;
        if (kind === 0) {
          emit({ position, operation: 2, side, price: 0, size: 0, marketMaker: 'ARCA' });
          emit({ position: 9, operation: 0, side, price: 100 + (side ? -0.1 : 0.1), size: 100, marketMaker: 'NSDQ' });
          i++;
          n++;
        } else {
          emit({ position, operation: 1, side, price: 100 + (side ? -position : position) * 0.01, size: 100 + (n % 97) * 100, marketMaker: 'ARCA' });
        }
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }
}

const sim = await startSimulator({ market: new Firehose(), port: 0, depthLimit: 5, tickByTickLimit: 100 });
process.stdout.write(`listening on ${sim.port}\n`);
process.stdin.on('data', (d) => {
  if (!String(d).includes('halt')) return;
  halted = true;
  process.stdout.write(`sent ${JSON.stringify(Object.fromEntries(sent))}\n`);
});
process.stdin.on('error', () => undefined);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
