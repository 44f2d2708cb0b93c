/**
 * A simulator whose depth streams are a firehose at a fixed rate, in a process of its own so the depth
 * path benchmark measures only the app's side. `node --import tsx tests/bench/firehose-sim.ts <msg/s>`
 * prints `listening on <port>`.
 */
import type { SimDepthOp, Unsubscribe } from '../../src-main/sim/market/types';
import { startSimulator } from '../../src-main/sim/index';
import { FakeSimMarket } from '../support/fake-sim-market';

const rate = Number(process.argv[2] ?? 200_000);
const TICK_MS = 5;

class Firehose extends FakeSimMarket {
  override onDepth(_conId: number, _smart: boolean, listener: (op: SimDepthOp) => void): Unsubscribe {
    let n = 0;
    const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
    // IB-style book churn on 10 rows a side: updates mostly, with insert/delete pairs keeping it 10 deep.
    const timer = setInterval(() => {
      for (let i = 0; i < perTick; i++, n++) {
        const side = (n & 1) as 0 | 1;
        const position = n % 10;
        const kind = n % 7;
        if (kind === 0) {
          listener({ position, operation: 2, side, price: 0, size: 0, marketMaker: 'ARCA' });
          listener({ position: 9, operation: 0, side, price: 100 + (side ? -0.1 : 0.1), size: 100, marketMaker: 'NSDQ' });
          i++;
          n++;
        } else {
          listener({ position, operation: 1, side, price: 100 + (side ? -position : position) * 0.01, size: 100 + (n % 97) * 100, marketMaker: 'ARCA' });
        }
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }
}

const sim = await startSimulator({ market: new Firehose(), port: 0, depthLimit: 5, tickByTickLimit: 100 });
process.stdout.write(`listening on ${sim.port}\n`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
