import { homedir } from 'node:os';
import type { AppInfo } from '../src-shared/contract/features/app';
import type { SettingsPatch } from '../src-shared/contract/features/settings';
import { BackfillService } from './backfill/backfill-service';
import { DatabentoHttpClient } from './backfill/databento/client';
import { DatabentoService } from './backfill/databento/databento-service';
import { readBackfilledDay } from './backfill/bar-files';
import { openDuckDbEngine } from './research/duckdb-engine';
import { ResearchService } from './research/research-service';
import { etDate } from '../src-shared/domain/et-time';
import { BarsService } from './bars/bars-service';
import { createBroker, type IbBroker } from './broker';
import { dataPaths, ensureDataDir } from './config/paths';
import { SettingsStore } from './config/settings-store';
import { acquireDataDirLock, type DataDirLock } from './config/data-dir-lock';
import { buildHandlers } from './app-handlers';
import { systemClock, type Clock } from './platform/clock';
import { DisposableStore } from './platform/disposable';
import { createLogger, type Logger } from './platform/log';
import { RecorderService } from './recorder/recorder-service';
import { ReplayProxy } from './replay/replay-proxy';
import { ScannerService } from './scanner/scanner-service';
import { withBackfilledDays } from './scanner/rvol-history';
import { GatewayService } from './gateway/gateway-service';
import { nodeFsView } from './gateway/fs-view';
import { sessionMode } from '../src-shared/contract/features/settings';
import { InstrumentService } from './instruments/instrument-service';
import { FlexWebServiceClient } from './history/flex/flex-web-service';
import { HistoryService } from './history/history-service';
import { MemorySecretStore, type SecretStore } from './history/secret-store';
import { defaultPrinter, type PdfPrinter } from './reports/pdf';
import { ReportsService } from './reports/reports-service';
import { DAILY_REPORT_JOB, dailyReportJob } from './scheduler/report-job';
import { OPEN_SCAN_JOB, openScanJob } from './scheduler/open-scan-job';
import { RECONCILE_JOB, reconcileJob } from './scheduler/reconcile-job';
import type { JobSpec } from '../src-shared/domain/schedule';
import { SchedulerService } from './scheduler/scheduler-service';
import { startDemoGateway, type DemoGateway, type DemoGatewayOptions } from './demo-gateway';
import { openStorageKeepingDamaged } from './storage';
import { EventBus } from './transport/event-bus';
import { createRouter, type Router } from './transport/router';
import { SystemScheduler } from './broker/scheduler';
import { TradingService } from './trading/trading-service';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../src-shared/domain/risk/limits';
import type { CommissionReport, Execution, ExecutionSource } from '../src-shared/domain/trades/execution';

export interface AppConfig {
  dataDir: string;
  carrier: AppInfo['carrier'];
  version: string;
  /** Force the built-in simulator (true) or a real gateway (false); undefined = as in settings. */
  demo?: boolean;
  /** A real gateway to use for this run (implies demo false). */
  gateway?: { host: string; port: number };
  clock?: Clock;
  log?: Logger;
  /** Electron: path of better-sqlite3 built for Electron's ABI. */
  nativeBinding?: string;
  /** Where to look for installed IB Gateway / TWS (tests point it at a fake Jts folder). */
  gatewaySearch?: { home?: string; platform?: string };
  /** Where secrets live (Electron: safeStorage); default in memory for this run only. */
  secrets?: SecretStore;
  /** Databento's historical API; tests point it at a loopback server. */
  databentoBaseUrl?: string;
  /** Prints report PDFs (Electron: printToPDF); default headless Chromium; null = no PDF. */
  pdfPrinter?: PdfPrinter | null;
  /** The 17:00 ET daily report job (default on). */
  dailyReport?: boolean;
  /** The 09:25 ET open-scan snapshot job (default on). */
  openScan?: boolean;
  /** The 16:00 ET executions reconcile job (default on). */
  reconcile?: boolean;
  /** Other times for the scheduled jobs, by job id (`open-scan`, `reconcile`, `daily-report`). */
  jobTimes?: Partial<Record<string, Pick<JobSpec, 'anchor' | 'offsetMin'>>>;
  /** Risk limits for order entry (defaults: DEFAULT_RISK_LIMITS). */
  riskLimits?: RiskLimits;
  /** The journal's ledger hooks for fills and commissions. */
  onExecution?: (e: Execution, source: ExecutionSource) => void;
  onCommission?: (c: CommissionReport) => void;
  /** Options for the embedded demo simulator (tests use a fixed seed or depth cap, or run it inline). */
  demoOptions?: DemoGatewayOptions;
}

export interface App {
  readonly router: Router;
  readonly bus: EventBus;
  readonly info: Omit<AppInfo, 'clockOffsetMs'>;
  readonly broker: IbBroker;
  readonly trading: TradingService;
  /** The embedded simulator when running as a demo. */
  demoGateway(): DemoGateway | null;
  /** What the user must be told about this start (a damaged file kept aside...); empty when all loaded. */
  readonly notices: readonly string[];
  dispose(): Promise<void>;
}

/**
 * The composition root: adapters → services → router. Electron's main.ts and the headless serve.ts wrap it.
 * One process per data directory: a second one is refused with the first one's pid (docs/drills.md).
 */
export async function createApp(config: AppConfig): Promise<App> {
  const paths = dataPaths(config.dataDir);
  ensureDataDir(paths);
  const lock = acquireDataDirLock(paths.root);
  try {
    return await startApp(config, lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function startApp(config: AppConfig, lock: DataDirLock): Promise<App> {
  const log = config.log ?? createLogger('app');
  const paths = dataPaths(config.dataDir);
  const notices: string[] = [];
  if (lock.tookOver) log.warn('took over the lock of a Tapedeck that did not close (crash or kill)', { pid: lock.previousOwner?.pid });
  const overrides: SettingsPatch = config.gateway
    ? { connection: { demo: false, host: config.gateway.host, port: config.gateway.port } }
    : config.demo !== undefined
      ? { connection: { demo: config.demo } }
      : {};
  const settings = new SettingsStore(paths.settingsFile, log.child('settings'), overrides);
  const settingsNotice = settings.startupNotice();
  if (settingsNotice) notices.push(settingsNotice);
  const disposables = new DisposableStore();
  const bus = new EventBus(log.child('events'));

  // Started on first need: at boot in demo mode, or when the user switches Demo on later.
  const demo: { gateway: DemoGateway | null } = { gateway: null };
  const connectionFor = async () => {
    const conn = settings.get().connection;
    if (!conn.demo) return { connection: conn, demo: false };
    demo.gateway ??= await startDemoGateway(config.demoOptions ?? {}, log.child('demo'));
    return { connection: { ...conn, host: '127.0.0.1', port: demo.gateway.port }, demo: true };
  };

  const initial = await connectionFor();
  // The demo runs on the simulator's clock so its morning is consistent whatever the wall time; a real
  // gateway runs on the system clock. Services hold this one clock, which follows the current mode.
  let clockSource: Clock = config.clock ?? (initial.demo && demo.gateway ? demo.gateway.clock : systemClock);
  const clock: Clock = { now: () => clockSource.now() };
  let hardenErrorLogged = 0;
  const opened = openStorageKeepingDamaged(paths.root, {
    nativeBinding: config.nativeBinding,
    // The commit is in the OS already (an app crash loses nothing); a power cut could. Said at most once a minute.
    onHardenError: (e) => {
      if (Date.now() - hardenErrorLogged < 60_000) return;
      hardenErrorLogged = Date.now();
      log.error('could not fsync tapedeck.db-wal: orders and fills are committed but a power cut could lose the latest', { error: e.message });
    },
  });
  const storage = opened.storage;
  if (storage.recoveredIntents.length > 0) {
    log.warn('accepted intents recovered from the journal (the app stopped between a send and its record)', { intents: storage.recoveredIntents.map((l) => l.intent.intentId).join(',') });
  }
  disposables.add(() => storage.close());
  if (opened.damaged) {
    log.error('tapedeck.db damaged; kept a copy and started a fresh one', { copy: opened.damaged.copy, reason: opened.damaged.reason });
    notices.push(
      `The database tapedeck.db was damaged (${opened.damaged.reason}). Tapedeck started with a new, empty one: order history, journal and scanner hits ` +
        `are not in it. The damaged file was kept as ${opened.damaged.copy}; recordings on disk are untouched.`,
    );
  }

  const broker = createBroker({ ...initial, clock, log: log.child('broker') });
  disposables.add(broker.onStatus((s) => bus.emit('broker:status', s)));

  const scanner = new ScannerService({
    broker,
    clock,
    filters: () => settings.get().scanner,
    history: withBackfilledDays(storage.bars, (symbol, date) => readBackfilledDay(paths.root, symbol, '1m', date)),
    hits: storage.hits,
    emit: (delta) => bus.emit('scanner:delta', delta),
    log: log.child('scanner'),
  });
  const recorder = new RecorderService({
    broker,
    clock,
    dataDir: paths.root,
    settings: () => settings.get().recorder,
    catalog: storage.recordings,
    emitStatus: (s) => bus.emit('recorder:status', s),
    emitFrame: (f) => bus.emit('depth:frame', f),
    onMarks: (marks) => scanner.setRecordingMarks(marks),
    log: log.child('recorder'),
  });
  const bars = new BarsService({
    broker,
    clock,
    cache: storage.bars,
    emit: (bar) => bus.emit('chart:bar', bar),
    log: log.child('bars'),
    backfilled: (symbol, timeframe, date) => readBackfilledDay(paths.root, symbol, timeframe, date),
  });
  const backfill = new BackfillService({
    port: broker,
    repo: storage.backfill,
    clock,
    dataDir: paths.root,
    emit: (p) => bus.emit('backfill:progress', p),
    log: log.child('backfill'),
    hitsOf: (date) => storage.hits.list({ date, limit: 500 }).map((h) => h.symbol),
  });
  const research = new ResearchService({
    dataDir: paths.root,
    clock,
    log: log.child('research'),
    openEngine: openDuckDbEngine,
    hits: () => storage.hits.list({ limit: 1_000_000 }).map((h) => ({ ...h, date: etDate(h.ts) })),
    emit: (p) => bus.emit('research:progress', p),
  });
  // One secret store for the Flex token and the Databento key (Electron: safeStorage).
  const secrets = config.secrets ?? new MemorySecretStore();
  const databento = new DatabentoService({
    dataDir: paths.root,
    secrets,
    client: (apiKey) => new DatabentoHttpClient({ apiKey, baseUrl: config.databentoBaseUrl }),
    catalog: storage.recordings,
    onProgress: (p) => bus.emit('databento:progress', p),
  });

  const instruments = new InstrumentService({ broker, log: log.child('instruments') });
  // Replays open, play and analyse in a worker thread: this event loop carries the IB socket and the order path.
  const replay = new ReplayProxy({
    catalog: storage.recordings,
    emitFrame: (f) => bus.emit('replay:frame', f),
    log: log.child('replay'),
  });

  const history = new HistoryService({
    ledger: storage.ledger,
    hits: storage.hits,
    bars: storage.bars,
    secrets,
    flex: new FlexWebServiceClient(),
  });
  const reports = new ReportsService({
    history,
    clock,
    outDir: paths.reports,
    printer: config.pdfPrinter === null ? undefined : (config.pdfPrinter ?? defaultPrinter()),
    emitProgress: (p) => bus.emit('reports:progress', p),
    log: log.child('reports'),
  });

  const scheduler = new SchedulerService({
    clock,
    runs: storage.schedulerRuns,
    jobs: [
      dailyReportJob(history, reports, { ...DAILY_REPORT_JOB, ...config.jobTimes?.[DAILY_REPORT_JOB.id], enabled: config.dailyReport ?? true }),
      openScanJob({ clock, rows: () => scanner.snapshot().rows, hits: storage.hits }, { ...OPEN_SCAN_JOB, ...config.jobTimes?.[OPEN_SCAN_JOB.id], enabled: config.openScan ?? true }),
      reconcileJob({ executions: () => broker.orders.executions(10_000), ledger: storage.ledger, clock, log: log.child('reconcile') }, { ...RECONCILE_JOB, ...config.jobTimes?.[RECONCILE_JOB.id], enabled: config.reconcile ?? true }),
    ],
    log: log.child('scheduler'),
  });
  disposables.add(() => scheduler.dispose());

  const tradingScheduler = new SystemScheduler();
  const trading = new TradingService({
    broker,
    orders: broker.orders,
    repo: storage.trading,
    audit: storage.audit,
    durably: (fn) => storage.durably(fn),
    journal: storage.journal,
    clock,
    scheduler: tradingScheduler,
    limits: () => config.riskLimits ?? DEFAULT_RISK_LIMITS,
    // Connection safety: an account of the other mode than the one chosen (DU… is paper) never arms.
    accountModeOk: () => {
      const mismatch = broker.status().modeMismatch;
      return mismatch ? { ok: false, reason: mismatch } : { ok: true };
    },
    // Every fill and commission reaches the journal's ledger as it arrives (live or by reconciliation).
    onExecution: (e, source) => {
      storage.ledger.recordExecution(e, source);
      config.onExecution?.(e, source);
    },
    onCommission: (c) => {
      storage.ledger.recordCommission(c, 'live');
      config.onCommission?.(c);
    },
    emitStatus: (st) => bus.emit('trading:status', st),
    emitOrders: (rows) => bus.emit('orders:rows', rows),
    emitPositions: (rows) => bus.emit('positions:rows', rows),
    log: log.child('trading'),
  });
  disposables.add(() => (trading.dispose(), tradingScheduler.clearAll()));

  const repair = await recorder.repairOnStart();
  if (repair.repaired > 0) {
    log.warn('repaired recordings left open by a crash', { sessions: repair.repaired, lostBytes: repair.lostBytes });
  }

  disposables.add(
    settings.onChange(async (next, previous) => {
      bus.emit('settings:changed', next);
      if (JSON.stringify(next.scanner) !== JSON.stringify(previous.scanner)) scanner.filtersChanged();
      if (JSON.stringify(next.connection) !== JSON.stringify(previous.connection)) {
        const target = await connectionFor();
        if (!config.clock) clockSource = target.demo && demo.gateway ? demo.gateway.clock : systemClock;
        broker.updateConnection(target.connection, target.demo);
      }
    }),
  );

  const gateway = new GatewayService({
    platform: config.gatewaySearch?.platform ?? process.platform,
    home: config.gatewaySearch?.home ?? homedir(),
    fs: nodeFsView,
    clock,
    log: log.child('gateway'),
    target: () => {
      const c = settings.get().connection;
      return { host: c.host, port: c.port, mode: sessionMode(c) };
    },
    emit: (status) => bus.emit('gateway:status', status),
    // Connect now rather than at the next backoff step; a demo session stays on its simulator.
    onReady: () => {
      if (!settings.get().connection.demo && broker.status().state !== 'connected') broker.reconnectNow();
    },
  });
  disposables.add(() => gateway.dispose());

  const info: Omit<AppInfo, 'clockOffsetMs'> = {
    name: 'Tapedeck',
    version: config.version,
    carrier: config.carrier,
    dataDir: paths.root,
    demo: initial.demo,
    startedAt: Date.now(),
  };
  const { handlers, clientClosed } = buildHandlers({ info, clock, settings, broker, scanner, recorder, bars, gateway, instruments, replay, history, reports, scheduler, backfill, databento, research, trading, audit: storage.audit });
  const router = createRouter(handlers, log.child('router'), clientClosed);

  trading.start();
  broker.start();
  scanner.start();
  // Catch-up may write a report: never hold the app's start for it.
  void scheduler.start().catch((e: unknown) => log.error('scheduler failed to start', { error: String(e) }));

  return {
    router,
    bus,
    info,
    broker,
    trading,
    demoGateway: () => demo.gateway,
    notices,
    async dispose() {
      trading.dispose();
      scanner.dispose();
      bars.dispose();
      replay.dispose();
      backfill.dispose();
      research.dispose();
      await recorder.dispose();
      await broker.dispose();
      disposables.dispose();
      await demo.gateway?.close();
      lock.release();
    },
  };
}
