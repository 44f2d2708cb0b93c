/**
 * Finding, starting and waiting for the user's IB Gateway / TWS. Launch takes an install id and starts only
 * a launcher that a fresh detection returns; the wait probes with a real API handshake every second and
 * says why it is not ready yet, until the countdown ends. Readiness is the broker's own connect attempt,
 * never an open port.
 */
import type { GatewayDetection, GatewayLaunchRequest, GatewayStatus } from '../../src-shared/contract/features/gateway';
import type { SessionMode } from '../../src-shared/contract/features/settings';
import { err, ok, type Result } from '../../src-shared/contract/result';
import { PROBE_CLIENT_ID, probeApi } from '../broker/api-probe';
import { FALLBACK_PORTS } from '../broker/connect-plan';
import { SystemScheduler, type Scheduler, type TimerHandle } from '../broker/scheduler';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { asGatewayPlatform, detectInstalls, type FsView } from './detect';
import { launchCommand, launchGateway, type LaunchCommand, type LaunchedGateway } from './launch';
import { classify, timeoutMessage } from './readiness';
import { tcpOpen } from './tcp-check';

export interface GatewayServiceOptions {
  platform: string;
  home: string;
  fs: FsView;
  clock: Clock;
  log: Logger;
  /** Where to wait: read at every probe, so fixing the port in the dialog mid-wait takes effect. */
  target(): { host: string; port: number; mode: SessionMode };
  emit(status: GatewayStatus): void;
  /** The API answered: the app reconnects its broker now instead of at the next backoff. */
  onReady?(status: GatewayStatus): void;
  scheduler?: Scheduler;
  /** Between probes. Default 1000 ms. */
  intervalMs?: number;
  /** Handshake timeout of one probe. Default 3000 ms. */
  probeTimeoutMs?: number;
  /** IB ports checked by plain TCP to recognise a wrong port. Default 4002, 7497, 4001, 7496. */
  otherPorts?: readonly number[];
  /** Tests may wrap the spawn; the command itself always comes from detection. */
  launch?: (cmd: LaunchCommand) => LaunchedGateway;
}

export const DEFAULT_WAIT_SEC = 180;
const ACTIVE = new Set<GatewayStatus['state']>(['launching', 'waiting']);

export class GatewayService {
  private current: GatewayStatus;
  private launched: LaunchedGateway | undefined;
  private timer: TimerHandle | undefined;
  private cancelProbe: (() => void) | undefined;
  /** Bumped on every launch/cancel/dispose: a probe that returns for an older run is ignored. */
  private run = 0;
  private readonly scheduler: Scheduler;

  constructor(private readonly o: GatewayServiceOptions) {
    this.scheduler = o.scheduler ?? new SystemScheduler();
    const t = o.target();
    this.current = { state: 'idle', host: t.host, port: t.port, probes: 0, message: 'Not started from Tapedeck.' };
  }

  detect(): GatewayDetection {
    const platform = asGatewayPlatform(this.o.platform);
    if (!platform) return { platform: this.o.platform, installs: [], searched: [] };
    return detectInstalls(this.o.fs, platform, this.o.home);
  }

  status(): GatewayStatus {
    return this.current;
  }

  launch(req: GatewayLaunchRequest): Result<GatewayStatus> {
    const platform = asGatewayPlatform(this.o.platform);
    const install = platform ? this.detect().installs.find((i) => i.id === req.installId) : undefined;
    if (!platform || !install) return err('NOT_FOUND', `No installed IB Gateway or TWS has the id ${req.installId}: detect again.`);
    if (ACTIVE.has(this.current.state)) {
      if (this.current.install?.id === install.id) return ok(this.current);
      return err('INVALID_INPUT', `Already waiting for ${this.current.install?.launcher ?? 'a gateway'}: cancel that first.`);
    }
    this.stop();
    const run = ++this.run;
    const { host, port } = this.o.target();
    const now = this.o.clock.now();
    const seconds = req.timeoutSec ?? DEFAULT_WAIT_SEC;
    this.set({ state: 'launching', install, host, port, startedAt: now, deadline: now + seconds * 1000, probes: 0, message: `Starting ${install.launcher}…` });
    try {
      this.launched = (this.o.launch ?? launchGateway)(launchCommand(platform, install));
    } catch (e) {
      this.set({ ...this.current, state: 'failed', cause: 'launch-failed', deadline: undefined, message: `The launcher could not be started: ${(e as Error).message}` });
      return ok(this.current);
    }
    this.o.log.info('gateway launched', { launcher: install.launcher, pid: this.launched.pid, host, port });
    this.set({ ...this.current, state: 'waiting', pid: this.launched.pid, message: `Waiting for the API handshake on ${host}:${port}…` });
    this.schedule(run, 0, seconds);
    return ok(this.current);
  }

  /** Stops waiting; the gateway itself keeps running (it is the user's). */
  cancel(): GatewayStatus {
    if (!ACTIVE.has(this.current.state)) return this.current;
    this.stop();
    this.set({ ...this.current, state: 'cancelled', deadline: undefined, message: 'Stopped waiting; the gateway, if started, keeps running.' });
    return this.current;
  }

  dispose(): void {
    this.stop();
  }

  private stop(): void {
    this.run++;
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.cancelProbe?.();
    this.cancelProbe = undefined;
  }

  private set(status: GatewayStatus): void {
    this.current = status;
    this.o.emit(status);
  }

  private schedule(run: number, delayMs: number, seconds: number): void {
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      void this.tick(run, seconds);
    }, delayMs);
  }

  private async tick(run: number, seconds: number): Promise<void> {
    const { host, port, mode } = this.o.target();
    const probe = probeApi({ host, port, clientId: PROBE_CLIENT_ID, timeoutMs: this.o.probeTimeoutMs ?? 3000, scheduler: this.scheduler, log: this.o.log });
    this.cancelProbe = probe.cancel;
    const result = await probe.result;
    if (run !== this.run) return;
    this.cancelProbe = undefined;
    const others = result.kind === 'refused' || result.kind === 'unreachable' ? await this.listeningOthers(host, port) : [];
    if (run !== this.run) return;
    const install = this.current.install!;
    const verdict = classify({ probe: result.kind, host, port, mode, product: install.product, process: this.launched?.state() ?? { alive: true }, otherListening: others });
    const base = { ...this.current, host, port, probes: this.current.probes + 1 };
    if (verdict.ready) {
      const info = result.kind === 'ready' ? { serverVersion: result.serverVersion, accounts: result.accounts } : {};
      this.set({ ...base, ...info, state: 'ready', cause: undefined, deadline: undefined, message: `The API answered on ${host}:${port}.` });
      this.o.log.info('gateway API ready', { host, port, probes: base.probes });
      this.o.onReady?.(this.current);
      return;
    }
    const expired = this.o.clock.now() >= (this.current.deadline ?? 0);
    if (verdict.final || expired) {
      const message = expired && !verdict.final ? timeoutMessage(host, port, seconds, verdict.message) : verdict.message;
      this.set({ ...base, state: 'failed', cause: verdict.cause, deadline: undefined, message });
      this.o.log.warn('gateway API not ready', { cause: verdict.cause, host, port });
      return;
    }
    this.set({ ...base, state: 'waiting', cause: verdict.cause, message: verdict.message });
    this.schedule(run, this.o.intervalMs ?? 1000, seconds);
  }

  private async listeningOthers(host: string, port: number): Promise<number[]> {
    const candidates = (this.o.otherPorts ?? FALLBACK_PORTS).filter((p) => p !== port);
    const open = await Promise.all(candidates.map((p) => tcpOpen(host, p, 500)));
    return candidates.filter((_, i) => open[i]);
  }
}
