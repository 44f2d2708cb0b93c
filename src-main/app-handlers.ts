import type { AppInfo } from '../src-shared/contract/features/app';
import { ok } from '../src-shared/contract/result';
import type { BackfillService } from './backfill/backfill-service';
import type { DatabentoService } from './backfill/databento/databento-service';
import type { ResearchService } from './research/research-service';
import type { BarsService } from './bars/bars-service';
import type { IbBroker } from './broker';
import type { InstrumentService } from './instruments/instrument-service';
import type { HistoryService } from './history/history-service';
import type { ReportsService } from './reports/reports-service';
import type { SchedulerService } from './scheduler/scheduler-service';
import type { Clock } from './platform/clock';
import type { SettingsStore } from './config/settings-store';
import type { GatewayService } from './gateway/gateway-service';
import type { RecorderService } from './recorder/recorder-service';
import type { ReplayApi } from './replay/replay-api';
import type { ScannerService } from './scanner/scanner-service';
import type { AuditRepo } from './storage';
import type { TradingService } from './trading/trading-service';
import { ClientWatches } from './transport/client-watches';
import type { Handlers } from './transport/router';

interface Services {
  info: Omit<AppInfo, 'clockOffsetMs'>;
  clock: Clock;
  settings: SettingsStore;
  broker: IbBroker;
  scanner: ScannerService;
  recorder: RecorderService;
  bars: BarsService;
  gateway: GatewayService;
  instruments: InstrumentService;
  replay: ReplayApi;
  history: HistoryService;
  reports: ReportsService;
  scheduler: SchedulerService;
  backfill: BackfillService;
  databento: DatabentoService;
  research: ResearchService;
  trading: TradingService;
  audit: AuditRepo;
}

/** One handler per contract call; inputs arrive already parsed by the router. */
export function buildHandlers(s: Services): { handlers: Handlers; clientClosed: (clientId: string) => void } {
  const depthWatches = new ClientWatches();
  const chartWatches = new ClientWatches();
  const chartKey = (symbol: string, timeframe: string) => `${symbol}|${timeframe}`;

  const handlers: Handlers = {
    'app:info': () => ok({ ...s.info, clockOffsetMs: Math.round(s.clock.now() - Date.now()) }),
    'settings:get': () => ok(s.settings.get()),
    'settings:update': (patch) => s.settings.update(patch),
    'broker:status': () => ok(s.broker.status()),
    'broker:reconnect': () => {
      s.broker.reconnectNow();
      return ok(s.broker.status());
    },
    'scanner:snapshot': () => ok(s.scanner.snapshot()),
    'recorder:status': () => ok(s.recorder.status()),
    'recorder:start': ({ symbols }) => s.recorder.start(symbols),
    'recorder:stop': ({ symbol }) => s.recorder.stop(symbol),
    'recorder:stopAll': () => s.recorder.stopAll(),
    'recorder:promote': ({ symbol }) => s.recorder.promote(symbol),
    'recorder:reorder': ({ symbols }) => s.recorder.reorder(symbols),
    'recorder:sessions': (q) => s.recorder.sessions(q),
    'depth:watch': ({ symbol }, ctx) => {
      // Services see one watch per symbol; ClientWatches counts the clients behind it.
      const result = s.recorder.watchDepth(symbol);
      if (result.ok) depthWatches.add(ctx.clientId, symbol);
      return result;
    },
    'depth:unwatch': ({ symbol }, ctx) => {
      if (depthWatches.remove(ctx.clientId, symbol)) return s.recorder.unwatchDepth(symbol);
      return ok(null);
    },
    'chart:bars': (req) => s.bars.bars(req),
    'chart:watch': ({ symbol, timeframe }, ctx) => {
      const key = chartKey(symbol, timeframe);
      if (!chartWatches.add(ctx.clientId, key)) return ok(null);
      const result = s.bars.watch(symbol, timeframe);
      if (!result.ok) chartWatches.remove(ctx.clientId, key);
      return result;
    },
    'chart:unwatch': ({ symbol, timeframe }, ctx) => {
      if (chartWatches.remove(ctx.clientId, chartKey(symbol, timeframe))) return s.bars.unwatch(symbol, timeframe);
      return ok(null);
    },
    'gateway:detect': () => ok(s.gateway.detect()),
    'gateway:launch': (req) => s.gateway.launch(req),
    'gateway:status': () => ok(s.gateway.status()),
    'gateway:cancel': () => ok(s.gateway.cancel()),
    'instrument:resolve': ({ query }) => s.instruments.resolve(query),
    'replay:sessions': (q) => s.replay.sessions(q),
    'replay:open': (req, ctx) => s.replay.open(req, ctx.clientId),
    'replay:seek': (q) => s.replay.seek(q),
    'replay:step': (q) => s.replay.step(q),
    'replay:play': (q) => s.replay.play(q),
    'replay:pause': (q) => s.replay.pause(q),
    'replay:close': (q) => s.replay.close(q),
    'replay:events': (q) => s.replay.events(q),
    'replay:eventColumns': (q) => s.replay.eventColumns(q),
    'replay:trades': (q) => s.replay.trades(q),
    'replay:analysis': (q) => s.replay.analysis(q),
    'history:trips': (range) => ok(s.history.trips(range)),
    'history:fills': (range) => ok(s.history.fills(range)),
    'history:stats': (range) => ok(s.history.stats(range)),
    'history:import': (req) => s.history.import(req),
    'history:flexStatus': () => s.history.flexStatus(),
    'history:setFlex': (input) => s.history.setFlex(input),
    'reports:build': (req) => s.reports.build(req),
    'scheduler:status': () => ok({ jobs: s.scheduler.status(), runs: s.scheduler.runs(50) }),
    'backfill:plan': (spec) => s.backfill.plan(spec),
    'backfill:start': (spec) => s.backfill.start(spec),
    'backfill:pause': ({ jobId }) => s.backfill.pause(jobId),
    'backfill:resume': ({ jobId }) => s.backfill.resume(jobId),
    'backfill:cancel': ({ jobId }) => s.backfill.cancel(jobId),
    'backfill:jobs': () => ok(s.backfill.jobs()),
    'databento:status': () => s.databento.status(),
    'databento:setKey': (k) => s.databento.setKey(k),
    'databento:cost': (req) => s.databento.cost(req),
    'databento:import': (req) => s.databento.import(req),
    'backfill:hits': ({ date }) => ok(s.backfill.hits(date)),
    'research:export': (req) => s.research.export(req),
    'research:query': (req) => s.research.query(req),
    'research:examples': () => ok(s.research.examples()),
    'trading:status': () => ok(s.trading.status()),
    'trading:arm': ({ mode, typedAccount }) => s.trading.arm(mode, typedAccount),
    'trading:disarm': () => s.trading.disarm(),
    'trading:reduce': () => s.trading.reduce(),
    'trading:acknowledge': () => s.trading.acknowledge(),
    'trading:limits': () => ok(s.trading.limits()),
    'trading:setLimits': (patch) => s.trading.setLimits(patch),
    'orders:place': (intent) => s.trading.place(intent),
    'orders:cancel': ({ orderId }) => s.trading.cancel(orderId),
    'orders:reattachStop': ({ intentId }) => s.trading.reattachStop(intentId),
    'orders:prepare': ({ symbol }) => s.trading.prepare(symbol),
    'orders:modify': (req) => s.trading.modify(req),
    'orders:cancelAll': () => s.trading.cancelAll(),
    'orders:flattenAll': () => s.trading.flattenAll(),
    'orders:list': () => ok(s.trading.listOrders()),
    'positions:list': () => ok(s.trading.listPositions()),
    'audit:list': (q) => ok(s.audit.list(q ?? {})),
  };

  const clientClosed = (clientId: string) => {
    for (const symbol of depthWatches.dropClient(clientId)) s.recorder.unwatchDepth(symbol);
    for (const key of chartWatches.dropClient(clientId)) {
      const [symbol, timeframe] = key.split('|');
      s.bars.unwatch(symbol, timeframe as never);
    }
    s.replay.clientClosed(clientId);
  };
  return { handlers, clientClosed };
}
