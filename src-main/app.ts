import type { AppInfo } from '../src-shared/contract/features/app';
import type { SettingsPatch } from '../src-shared/contract/features/settings';
import { BarsService } from './bars/bars-service';
import { createBroker, type IbBroker } from './broker';
import { dataPaths, ensureDataDir } from './config/paths';
import { SettingsStore } from './config/settings-store';
import { buildHandlers } from './app-handlers';
import { systemClock, type Clock } from './platform/clock';
import { DisposableStore } from './platform/disposable';
import { createLogger, type Logger } from './platform/log';
import { RecorderService } from './recorder/recorder-service';
import { ScannerService } from './scanner/scanner-service';
import { startDemoGateway, type DemoGateway, type DemoGatewayOptions } from './demo-gateway';
import { openStorage } from './storage';
import { EventBus } from './transport/event-bus';
import { createRouter, type Router } from './transport/router';

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
  /** Options for the embedded demo simulator (tests use a fixed seed or depth cap, or run it inline). */
  demoOptions?: DemoGatewayOptions;
}

export interface App {
  readonly router: Router;
  readonly bus: EventBus;
  readonly info: Omit<AppInfo, 'clockOffsetMs'>;
  readonly broker: IbBroker;
  /** The embedded simulator when running as a demo. */
  demoGateway(): DemoGateway | null;
  dispose(): Promise<void>;
}

/** The composition root: adapters → services → router. Electron's main.ts and the headless serve.ts wrap it. */
export async function createApp(config: AppConfig): Promise<App> {
  const log = config.log ?? createLogger('app');
  const paths = dataPaths(config.dataDir);
  ensureDataDir(paths);
  const overrides: SettingsPatch = config.gateway
    ? { connection: { demo: false, host: config.gateway.host, port: config.gateway.port } }
    : config.demo !== undefined
      ? { connection: { demo: config.demo } }
      : {};
  const settings = new SettingsStore(paths.settingsFile, log.child('settings'), overrides);
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
  const storage = openStorage(paths.root, { nativeBinding: config.nativeBinding });
  disposables.add(() => storage.close());

  const broker = createBroker({ ...initial, clock, log: log.child('broker') });
  disposables.add(broker.onStatus((s) => bus.emit('broker:status', s)));

  const scanner = new ScannerService({
    broker,
    clock,
    filters: () => settings.get().scanner,
    history: storage.bars,
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
  });

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

  const info: Omit<AppInfo, 'clockOffsetMs'> = {
    name: 'Tapedeck',
    version: config.version,
    carrier: config.carrier,
    dataDir: paths.root,
    demo: initial.demo,
    startedAt: Date.now(),
  };
  const { handlers, clientClosed } = buildHandlers({ info, clock, settings, broker, scanner, recorder, bars });
  const router = createRouter(handlers, log.child('router'), clientClosed);

  broker.start();
  scanner.start();

  return {
    router,
    bus,
    info,
    broker,
    demoGateway: () => demo.gateway,
    async dispose() {
      scanner.dispose();
      bars.dispose();
      await recorder.dispose();
      await broker.dispose();
      disposables.dispose();
      await demo.gateway?.close();
    },
  };
}
