/** One simulator (over real TCP), broker, storage and trading service per test; restartable like a crashed app. */
import { createBroker, type IbBroker } from '../../../src-main/broker/ib-broker';
import { SystemScheduler } from '../../../src-main/broker/scheduler';
import { createLogger } from '../../../src-main/platform/log';
import type { SimPlaceOrderTap, SimulatorOptions } from '../../../src-main/sim/index';
import { openStorage, type Storage } from '../../../src-main/storage';
import { TradingService } from '../../../src-main/trading/trading-service';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../src-shared/domain/risk/limits';
import type { CommissionReport, Execution } from '../../../src-shared/domain/trades/execution';
import { startTestSim, type TestSim } from '../sim/support/sim';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

const log = createLogger('trading-test');

export interface AppSide {
  broker: IbBroker;
  trading: TradingService;
  storage: Storage;
  scheduler: SystemScheduler;
  executions: Execution[];
  commissions: CommissionReport[];
}

export class TradingRig {
  sim!: TestSim;
  readonly taps: SimPlaceOrderTap[] = [];
  /** Every message the app's socket wrote (IB message id, when). */
  readonly wire: { msgId: number; at: number }[] = [];
  limits: RiskLimits = { ...DEFAULT_RISK_LIMITS };
  app!: AppSide;
  private readonly tmp = makeTempDir('tapedeck-trading-');
  private untap: (() => void) | undefined;

  async start(opts: Omit<SimulatorOptions, 'market'> = {}): Promise<this> {
    this.sim = await startTestSim({ accounts: ['DU1234567'], tuning: { pnlIntervalMs: 100, quoteSampleMs: 20 }, ...opts });
    this.untap = this.sim.sim.onPlaceOrder((o) => this.taps.push(o));
    this.app = await this.launch();
    return this;
  }

  /** Starts the app side (broker + storage + trading) on the same data directory, waits until reconciled. */
  async launch(clientId = 7): Promise<AppSide> {
    const clock = { now: () => this.sim.market.now() };
    const scheduler = new SystemScheduler();
    const storage = openStorage(this.tmp.dir, { clock });
    const broker = createBroker({
      connection: { demo: true, host: '127.0.0.1', port: this.sim.port, clientId, connectTimeoutSec: 3 }, demo: true, clock, log, scheduler,
      onWireSend: (msgId) => this.wire.push({ msgId, at: performance.now() }),
    });
    const executions: Execution[] = [];
    const commissions: CommissionReport[] = [];
    const trading = new TradingService({
      broker, orders: broker.orders, repo: storage.trading, audit: storage.audit, durably: (fn) => storage.durably(fn), journal: storage.journal, clock, scheduler,
      limits: () => this.limits, accountModeOk: () => ({ ok: true }), onExecution: (e) => executions.push(e), onCommission: (c) => commissions.push(c), log, quoteWaitMs: 1000,
    });
    trading.start();
    broker.start();
    await waitFor(() => trading.status().reconciled || trading.status().state === 'halted', { message: 'reconciled', timeout: 8000 });
    return { broker, trading, storage, scheduler, executions, commissions };
  }

  /** Like kill -9 of the app: the socket drops, nothing is flushed or cancelled on purpose. */
  async crash(): Promise<void> {
    const a = this.app;
    a.trading.dispose();
    await a.broker.dispose();
    a.scheduler.clearAll();
    a.storage.close();
  }

  /** A Gateway that comes back with other books (another simulator on a new port): the app restarts on it. */
  async replaceSim(opts: Omit<SimulatorOptions, 'market'> = {}): Promise<void> {
    await this.crash();
    this.untap?.();
    await this.sim.close();
    this.sim = await startTestSim({ accounts: ['DU1234567'], tuning: { pnlIntervalMs: 100, quoteSampleMs: 20 }, ...opts });
    this.untap = this.sim.sim.onPlaceOrder((o) => this.taps.push(o));
    this.app = await this.launch();
  }

  /** A round trip through the simulator: everything sent before it has been processed there. */
  async barrier(): Promise<void> {
    const r = await this.app.broker.orders.allOpenOrders();
    if (!r.ok) throw new Error(r.error.message);
  }

  tapsFor(intentId: string): SimPlaceOrderTap[] {
    return this.taps.filter((t) => t.orderRef === intentId);
  }

  async armPaper(): Promise<void> {
    await waitFor(() => {
      const r = this.app.trading.arm('paper');
      return r.ok || this.app.trading.status().state === 'armed';
    }, { message: 'armed', timeout: 5000 });
  }

  async close(): Promise<void> {
    this.untap?.();
    try {
      await this.crash();
    } catch {
      // already closed by the test
    }
    await this.sim.close();
    this.tmp.cleanup();
  }
}
