/** Starts a simulator on an ephemeral port over the deterministic fake market. */
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../../src-main/sim/index';
import { FakeSimMarket, type FakeSimMarketOptions } from '../../../support/fake-sim-market';

export interface TestSim {
  sim: Simulator;
  market: FakeSimMarket;
  port: number;
  close(): Promise<void>;
}

export async function startTestSim(opts: Omit<SimulatorOptions, 'market'> & { fake?: FakeSimMarketOptions } = {}): Promise<TestSim> {
  const market = new FakeSimMarket(opts.fake);
  const sim = await startSimulator({ ...opts, market, port: 0 });
  return {
    sim,
    market,
    port: sim.port,
    close: async () => {
      await sim.close();
      market.dispose();
    },
  };
}
