/**
 * The one live view the ladder may have (it shows one symbol): opens it when a slot no recording needs is
 * free, closes it when its last watcher leaves or another name is viewed, and gives its slot up the moment
 * a recording needs it. A closed view's watchers get a final frame with an empty book (so no stale levels
 * stay on screen) and `status().liveView` says why, in a trader's words.
 */
import type { DepthFrame } from '../../src-shared/contract/features/depth';
import type { LiveViewInfo } from '../../src-shared/contract/features/recorder';
import type { RecorderSettings } from '../../src-shared/contract/features/settings';
import type { AppError } from '../../src-shared/contract/result';
import type { BrokerPort, Subscription, TapeOwner } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { LiveView, type LiveViewEvents } from './live-view';
import { isDepthCapError, noViewSlotReason, preemptedReason } from './recorder-views';
import * as slots from './slot-machine';

export interface LiveViewDeskDeps {
  broker: BrokerPort;
  clock: Clock;
  settings: () => RecorderSettings;
  log: Logger;
  emitFrame: (f: DepthFrame) => void;
  changed: () => void;
  /** The slot state the service owns, and how to apply a transition to it. */
  slots: () => slots.SlotState;
  apply: (t: slots.SlotTransition) => void;
}

export interface ViewAnswer {
  source: 'live' | 'none';
  reason: string | null;
}

export class LiveViewDesk implements LiveViewEvents {
  private view: LiveView | null = null;
  /** Why the last view closed or could not open; shown until that name is unwatched or another is viewed. */
  private notice: { symbol: string; reason: string } | null = null;

  constructor(private readonly d: LiveViewDeskDeps) {}

  /** The open view of `symbol` (opening or live), if any. */
  viewOf(symbol: string): LiveView | null {
    return this.view?.symbol === symbol ? this.view : null;
  }

  views(): LiveView[] {
    return this.view ? [this.view] : [];
  }

  /** Opens (or keeps) the live view of a name that is not recorded; the previous view, if another name, closes. */
  watch(symbol: string): ViewAnswer {
    const current = this.view;
    if (current?.symbol === symbol) {
      current.frameDirty = true;
      return { source: 'live', reason: null };
    }
    if (current) this.end(current, `Live book of ${current.symbol} closed: the ladder now shows ${symbol}.`);
    const t = slots.openView(this.d.slots(), symbol);
    this.d.apply(t);
    this.d.changed();
    if (t.state.view !== symbol) {
      const reason = noViewSlotReason(t.state, symbol);
      this.notice = { symbol, reason };
      return { source: 'none', reason };
    }
    this.notice = null;
    const view = new LiveView(symbol, this);
    this.view = view;
    void this.open(view);
    return { source: 'live', reason: null };
  }

  /** The last watcher of `symbol` left: its view closes and the slot is free again. */
  unwatch(symbol: string): void {
    if (this.notice?.symbol === symbol) this.notice = null;
    const view = this.viewOf(symbol);
    if (!view) return;
    this.end(view, null);
    this.d.apply(slots.closeView(this.d.slots()));
    this.d.changed();
  }

  /** Recordings took the view's slot (`takers` just started); the caller applies the slot transition. */
  preempted(symbol: string, takers: readonly string[]): void {
    const view = this.viewOf(symbol);
    if (!view) return;
    this.d.log.info('live view preempted by recording', { symbol, takers: takers.join(',') });
    this.end(view, preemptedReason(this.d.slots(), symbol, takers));
    this.d.changed();
  }

  /**
   * A recording of the viewed name starts: it hands its AllLast subscription and recent prints to the
   * recording (null when the view has none yet).
   */
  adoptTape(symbol: string, owner: TapeOwner): { sub: Subscription; trades: LiveView['trades']; last: number | null } | null {
    const view = this.viewOf(symbol);
    const sub = view?.handOverTape(owner);
    return view && sub ? { sub, trades: view.trades, last: view.last } : null;
  }

  /** The recording of `symbol` got the view's slot: the view closes quietly, the recording's frames follow. */
  takeOver(symbol: string): void {
    const view = this.viewOf(symbol);
    if (!view) return;
    this.d.log.info('recording takes over the live view', { symbol });
    this.end(view, null);
  }

  viewDepthFailed(view: LiveView, error: AppError): void {
    if (this.view !== view) return;
    const cap = isDepthCapError(error);
    this.d.log.warn('live view depth refused', { symbol: view.symbol, ibCode: error.ibCode, message: error.message });
    this.d.apply(cap ? slots.viewCapHit(this.d.slots()) : slots.closeView(this.d.slots()));
    const reason = cap ? noViewSlotReason(this.d.slots(), view.symbol) : `No Level 2 for ${view.symbol}: ${error.message}`;
    this.end(view, reason);
    this.d.changed();
  }

  info(): LiveViewInfo | null {
    if (this.view) return { symbol: this.view.symbol, state: this.view.live ? 'live' : 'opening', reason: null };
    return this.notice ? { symbol: this.notice.symbol, state: 'none', reason: this.notice.reason } : null;
  }

  dispose(): void {
    if (this.view) this.end(this.view, null);
  }

  private async open(view: LiveView): Promise<void> {
    const r = await this.d.broker.resolve(view.symbol);
    if (this.view !== view) return; // closed or replaced while resolving
    if (!r.ok) {
      this.d.apply(slots.closeView(this.d.slots()));
      this.end(view, `Cannot show ${view.symbol}'s book: ${r.error.message}`);
      this.d.changed();
      return;
    }
    const cfg = this.d.settings();
    view.open(this.d.broker, r.value, { rows: cfg.depthRows, smart: cfg.smartDepth });
    this.d.changed();
  }

  /** Closes the view; with a reason, its watchers get a final empty frame and the reason is kept for status. */
  private end(view: LiveView, reason: string | null): void {
    view.close();
    if (this.view === view) this.view = null;
    if (reason === null) return;
    this.notice = { symbol: view.symbol, reason };
    this.d.emitFrame(view.frame(this.d.clock.now()));
  }
}
