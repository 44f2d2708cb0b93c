/**
 * The one gate in front of every historical request (charts, the scanner's RVOL history, backfill jobs).
 * Callers submit; the queue sends each task only when IB's pacing rules allow, so no caller can cause
 * error 162. Interactive tasks (a chart the trader opened) go ahead of background ones (backfill), and
 * while charts are in use the background keeps a few units of the 10-minute budget free for them.
 * Tasks are IB-agnostic: `run()` sends the request.
 */
import type { Clock } from '../platform/clock';
import { IB_PACING, pacingDelay, pruneLog, type PacedRequest, type PacingLimits, type SentRecord } from './pacing-rules';
import type { Scheduler, TimerHandle } from './scheduler';

export type PacedPriority = 'interactive' | 'background';

export interface PacedTask extends PacedRequest {
  run(): void;
  /** Not before this epoch ms (set after a 162). */
  notBefore?: number;
  /** Default 'interactive'. */
  priority?: PacedPriority;
}

export interface GateOptions {
  /** Units of the 10-minute window background tasks leave free while interactive requests are recent. */
  interactiveReserve: number;
  /** After a pacing 162: everything waits this long, and the 10-minute cap shrinks by `slowFactor`. */
  penaltyMs: number;
  slowFactor: number;
  /** The cap never shrinks below this share of IB's. */
  slowFloor: number;
}
export const DEFAULT_GATE: GateOptions = { interactiveReserve: 4, penaltyMs: 16_000, slowFactor: 0.8, slowFloor: 0.5 };

export class HistoricalQueue {
  private readonly waiting: PacedTask[] = [];
  private readonly open = new Set<PacedTask>();
  private sent: SentRecord[] = [];
  private timer: TimerHandle | undefined;
  private paused = true;
  /** 2105: the historical farm is down; nothing new goes out until 2106. */
  private farmDown = false;
  private holdUntil = 0;
  private capShare = 1;
  private lastPenalty = -Infinity;
  private lastInteractive = -Infinity;
  /** Pacing 162s IB sent anyway (the gate should keep this at 0). */
  penalties = 0;

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly limits: PacingLimits = IB_PACING,
    private readonly gate: GateOptions = DEFAULT_GATE,
  ) {}

  submit(task: PacedTask): void {
    if (isInteractive(task)) {
      this.lastInteractive = this.clock.now();
      const firstBackground = this.waiting.findIndex((t) => !isInteractive(t));
      this.waiting.splice(firstBackground < 0 ? this.waiting.length : firstBackground, 0, task);
    } else {
      this.waiting.push(task);
    }
    this.pump();
  }

  /** The answer (or a final error) arrived: the slot is free. */
  complete(task: PacedTask): void {
    this.open.delete(task);
    this.pump();
  }

  /** IB refused for a reason that is not pacing (e.g. 322 too many open): re-send after `delayMs`. */
  retryLater(task: PacedTask, delayMs: number): void {
    this.open.delete(task);
    task.notBefore = this.clock.now() + delayMs;
    this.requeue(task);
    this.pump();
  }

  /**
   * IB said 162 pacing anyway (another app shares the account's pacing, or a clock skew): every request waits
   * `penaltyMs`, and the 10-minute cap shrinks until a whole window passes without another one.
   */
  penalize(task: PacedTask): void {
    const now = this.clock.now();
    this.penalties++;
    this.lastPenalty = now;
    this.capShare = Math.max(this.gate.slowFloor, this.capShare * this.gate.slowFactor);
    this.holdUntil = now + this.gate.penaltyMs;
    this.retryLater(task, this.gate.penaltyMs);
  }

  /** 2105 / 2106: the historical data farm went down / came back. */
  setFarmDown(down: boolean): void {
    this.farmDown = down;
    this.pump();
  }

  /** While disconnected nothing is sent; in-flight tasks go back to the front to be re-sent. */
  pause(): void {
    this.paused = true;
    for (const t of [...this.open].reverse()) this.requeue(t);
    this.open.clear();
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A new connection: IB re-announces the farms, so an old 2105 no longer holds anything back. */
  resume(): void {
    this.paused = false;
    this.farmDown = false;
    this.pump();
  }

  /** Removes a task that is no longer wanted (caller gave up). */
  drop(task: PacedTask): void {
    const i = this.waiting.indexOf(task);
    if (i >= 0) this.waiting.splice(i, 1);
    this.open.delete(task);
    this.pump();
  }

  /** Everything not yet answered, for failing them on dispose. */
  drain(): PacedTask[] {
    const all = [...this.open, ...this.waiting];
    this.waiting.length = 0;
    this.open.clear();
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    return all;
  }

  /** Sent and not yet answered. */
  get inFlight(): number {
    return this.open.size;
  }

  get pending(): number {
    return this.waiting.length + this.open.size;
  }

  /** The 10-minute cap in force now (IB's, shrunk after penalties). */
  get longCap(): number {
    return Math.floor(this.limits.longMax * this.capShare);
  }

  /** Back to the front of its priority class, so a retried chart request still beats the backfill. */
  private requeue(task: PacedTask): void {
    const i = isInteractive(task) ? 0 : this.waiting.findIndex((t) => !isInteractive(t));
    this.waiting.splice(i < 0 ? this.waiting.length : i, 0, task);
  }

  private limitsFor(task: PacedTask, now: number): PacingLimits {
    if (now - this.lastPenalty > this.limits.longMs) this.capShare = 1;
    const cap = this.longCap;
    const reserve = !isInteractive(task) && now - this.lastInteractive < this.limits.longMs ? this.gate.interactiveReserve : 0;
    return { ...this.limits, longMax: Math.max(1, cap - reserve) };
  }

  private pump(): void {
    if (this.paused) return;
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.farmDown) return; // 2106 pumps again
    const held = this.holdUntil - this.clock.now();
    if (held > 0) {
      this.timer = this.scheduler.setTimeout(() => this.pump(), held);
      return;
    }
    let soonest = Infinity;
    // Scan past blocked tasks so one hot contract does not hold up the others.
    for (let i = 0; i < this.waiting.length; ) {
      const now = this.clock.now();
      this.sent = pruneLog(this.sent, now, this.limits);
      const task = this.waiting[i];
      const limits = this.limitsFor(task, now);
      const wait = Math.max(pacingDelay({ sent: this.sent, open: this.open.size }, task, now, limits), (task.notBefore ?? 0) - now);
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.sent.push({ identity: task.identity, group: task.group, weight: task.weight, capped: task.capped, at: now });
      this.open.add(task);
      task.run();
    }
    if (Number.isFinite(soonest)) this.timer = this.scheduler.setTimeout(() => this.pump(), soonest);
  }
}

const isInteractive = (t: PacedTask): boolean => (t.priority ?? 'interactive') === 'interactive';
