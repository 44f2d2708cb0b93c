/** The recorder wired to a fresh simulator over real TCP through the real broker, torn down by `closers`. */
import type { DepthFrame } from '../../../src-shared/contract/features/depth';
import type { RecorderStatus, RecordingSummary } from '../../../src-shared/contract/features/recorder';
import { DEFAULT_SETTINGS, type RecorderSettings } from '../../../src-shared/contract/features/settings';
import { createBroker, type IbBroker } from '../../../src-main/broker/ib-broker';
import { systemClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { RecorderService } from '../../../src-main/recorder/recorder-service';
import { startSimulator, type Simulator } from '../../../src-main/sim';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

const log = createLogger('recorder-it');

export interface Rig {
  sim: Simulator;
  broker: IbBroker;
  svc: RecorderService;
  catalog: Map<string, RecordingSummary & { state: string }>;
  statuses: RecorderStatus[];
  frames: DepthFrame[];
  dataDir: string;
}

export type Closers = Array<() => Promise<void> | void>;

export async function simRig(
  closers: Closers,
  simOptions: Parameters<typeof startSimulator>[0],
  settings: Partial<RecorderSettings> = {},
): Promise<Rig> {
  const tmp = makeTempDir('rec-it-');
  closers.push(tmp.cleanup);
  const sim = await startSimulator({ port: 0, seed: 11, ...simOptions });
  closers.push(() => sim.close());
  const broker = createBroker({
    connection: { demo: true, host: '127.0.0.1', port: sim.port, clientId: 1, connectTimeoutSec: 3 },
    demo: true,
    clock: systemClock,
    log,
  });
  closers.push(() => broker.dispose());
  broker.start();
  await waitFor(() => broker.status().state === 'connected', { timeout: 10_000, message: 'broker connected' });
  const catalog = new Map<string, RecordingSummary & { state: string }>();
  const statuses: RecorderStatus[] = [];
  const frames: DepthFrame[] = [];
  const recorderSettings = { ...DEFAULT_SETTINGS.recorder, ...settings };
  const svc = new RecorderService({
    broker,
    clock: systemClock,
    dataDir: tmp.dir,
    settings: () => recorderSettings,
    catalog: { upsert: (r) => void catalog.set(r.path, r), list: () => [...catalog.values()] },
    emitStatus: (s) => statuses.push(s),
    emitFrame: (f) => frames.push(f),
    log,
  });
  closers.push(() => svc.dispose());
  return { sim, broker, svc, catalog, statuses, frames, dataDir: tmp.dir };
}
