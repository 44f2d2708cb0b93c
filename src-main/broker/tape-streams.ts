/**
 * Tapes (trades and quotes) past IB's tick-by-tick limits. A tape asks for tick-by-tick first; when IB refuses
 * it (10190) or the cap learnt from a 10190 is already taken, it moves to one shared reqMktData line with
 * RT_VOLUME for its instrument, and its owner hears which source serves it. When a tick-by-tick tape ends,
 * the oldest fallback tape moves back. No tick-by-tick request repeats within 15 s for the same instrument.
 */
import { TickByTickDataType } from '@stoqey/ib';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { IbErrorInfo } from './error-map';
import type { IbLink } from './ib-link';
import { toIbContract, type IbContract } from './parse';
import type { Subscription, TapeOwner } from './port';
import type { StreamEntry, SubscriptionRegistry } from './subscription-registry';
import { TapeLine, type TapeLineMember } from './tape-line';
import { chooseTapeSource, TbtRequestLog, tbtLimitFromRefusal, tbtLimitReason, tbtRequestKey } from './tick-by-tick-rules';

type TapeKind = 'AllLast' | 'BidAsk';

interface TapeMember extends TapeLineMember {
  readonly instrument: Instrument;
  readonly contract: IbContract;
  /** The instrument: one fallback line per key. */
  readonly lineKey: string;
  /** The 15 s repeat rule's key. */
  readonly tbtKey: string;
  /** The tick-by-tick registry entry (live, or waiting for the 15 s rule). */
  entry: StreamEntry | undefined;
  /** The fallback line serving this tape. While upgrading, both are set until the tick-by-tick request goes out. */
  line: TapeLine | undefined;
  closed: boolean;
}

export const SLOT_FREED_REASON = 'a tick-by-tick slot is free again';

export class TapeStreams {
  /** Tick-by-tick streams IB allows, learnt from the first 10190. */
  limit: number | undefined;
  private readonly sentLog = new TbtRequestLog();
  /** Every open tape in subscription order (the upgrade order). */
  private readonly members = new Set<TapeMember>();
  private readonly byEntry = new Map<number, TapeMember>();
  private readonly lines = new Map<string, TapeLine>();

  constructor(private readonly link: IbLink, private readonly registry: SubscriptionRegistry) {}

  subscribe(instrument: Instrument, kind: TapeKind, owner: TapeOwner): Subscription {
    const m: TapeMember = {
      instrument, kind, owner, contract: toIbContract(instrument),
      lineKey: String(instrument.conId || instrument.symbol),
      tbtKey: tbtRequestKey(instrument.conId, instrument.symbol, kind),
      entry: undefined, line: undefined, closed: false,
    };
    this.members.add(m);
    if (chooseTapeSource(this.limit, this.tbtInUse()) === 'rt-volume') this.joinLine(m, tbtLimitReason(this.limit));
    else this.openTbt(m);
    return {
      get reqId() {
        return m.entry?.reqId ?? m.line?.entry?.reqId ?? -1;
      },
      dispose: () => this.release(m),
    };
  }

  /** An IB error for a tick-by-tick tape entry: 10190 moves it to RT_VOLUME, other errors end it. */
  handleError(entry: StreamEntry, reqId: number, info: IbErrorInfo): void {
    const m = this.byEntry.get(entry.key);
    if (!m) return;
    if (info.ibCode === 10190) {
      this.limit = tbtLimitFromRefusal(this.liveTbtReqIds(), reqId);
      this.link.log.info('tick-by-tick refused; tape moves to RT_VOLUME', { symbol: m.instrument.symbol, kind: m.kind, reqId, limit: this.limit });
      this.dropTbt(m, false);
      if (!m.line) this.joinLine(m, tbtLimitReason(this.limit));
      return; // a refusal frees no slot: no upgrade
    }
    if (info.level !== 'error' && info.code !== 'LIMIT_REACHED') return;
    this.close(m, false);
    m.owner.onError?.({ code: info.code, message: info.message, ibCode: info.ibCode });
    this.upgrade();
  }

  /** Diagnostics: how many tapes each source serves, and the market-data lines used. */
  sources(): { tickByTick: number; rtVolume: number; lines: number } {
    let tickByTick = 0;
    let rtVolume = 0;
    for (const m of this.members) {
      if (m.line) rtVolume++;
      else if (m.entry) tickByTick++;
    }
    return { tickByTick, rtVolume, lines: this.lines.size };
  }

  clear(): void {
    for (const l of this.lines.values()) l.close();
    this.lines.clear();
    this.members.clear();
    this.byEntry.clear();
  }

  private openTbt(m: TapeMember): void {
    const type = m.kind === 'AllLast' ? TickByTickDataType.AllLast : TickByTickDataType.BidAsk;
    const forward = () => !m.line; // while a fallback line still serves it, the line reports pauses
    const entry = this.registry.add<TapeOwner>({
      kind: 'tape',
      label: m.instrument.symbol,
      owner: {
        onTrade: (t) => m.owner.onTrade?.(t),
        onQuote: (q) => m.owner.onQuote?.(q),
        onPause: (i) => forward() && m.owner.onPause?.(i),
        onResume: (i) => forward() && m.owner.onResume?.(i),
      },
      delay: () => this.sentLog.delay(m.tbtKey, this.link.now()),
      start: (id) => {
        this.sentLog.record(m.tbtKey, this.link.now());
        if (m.line) {
          this.leaveLine(m);
          m.owner.onSource?.('tick-by-tick', SLOT_FREED_REASON);
        }
        this.link.send((api) => api.reqTickByTickData(id, m.contract, type, 0, false));
      },
      stop: (id) => this.link.send((api) => api.cancelTickByTickData(id)),
    });
    m.entry = entry;
    this.byEntry.set(entry.key, m);
    if (this.link.isUp()) this.registry.activate(entry);
  }

  private joinLine(m: TapeMember, reason: string): void {
    const line = this.lines.get(m.lineKey) ?? this.openLine(m);
    m.line = line;
    m.owner.onSource?.('rt-volume', reason);
    line.add(m);
  }

  private openLine(m: TapeMember): TapeLine {
    const line = new TapeLine(() => this.link.now(), (l) => this.lineFailed(l));
    const c = m.contract;
    line.entry = this.registry.add({
      kind: 'tapeline',
      label: m.instrument.symbol,
      owner: line,
      start: (id) => this.link.send((api) => api.reqMktData(id, c, '233', false, false)),
      stop: (id) => this.link.send((api) => api.cancelMktData(id)),
    });
    this.lines.set(m.lineKey, line);
    if (this.link.isUp()) this.registry.activate(line.entry);
    return line;
  }

  private leaveLine(m: TapeMember): void {
    const line = m.line;
    if (!line) return;
    m.line = undefined;
    line.members.delete(m);
    if (line.members.size > 0) return;
    if (line.entry && this.registry.has(line.entry)) this.registry.remove(line.entry, this.link.isUp());
    this.lines.delete(m.lineKey);
    line.close();
  }

  /** The line died on an IB error (the registry already dropped it); its tapes end with it. */
  private lineFailed(line: TapeLine): void {
    for (const m of this.members) {
      if (m.line !== line) continue;
      m.line = undefined;
      this.close(m, this.link.isUp());
    }
    for (const [k, l] of this.lines) if (l === line) this.lines.delete(k);
    line.close();
  }

  private release(m: TapeMember): void {
    if (m.closed) return;
    const freesSlot = m.entry !== undefined;
    this.close(m, this.link.isUp());
    if (freesSlot) this.upgrade();
  }

  private close(m: TapeMember, cancel: boolean): void {
    m.closed = true;
    this.members.delete(m);
    this.dropTbt(m, cancel);
    this.leaveLine(m);
  }

  private dropTbt(m: TapeMember, cancel: boolean): void {
    if (!m.entry) return;
    if (this.registry.has(m.entry)) this.registry.remove(m.entry, cancel);
    this.byEntry.delete(m.entry.key);
    m.entry = undefined;
  }

  /** A tick-by-tick slot freed: the oldest fallback tapes take the free slots (each keeps its line until sent). */
  private upgrade(): void {
    for (const m of this.members) {
      if (chooseTapeSource(this.limit, this.tbtInUse()) === 'rt-volume') return;
      if (m.line && !m.entry) this.openTbt(m);
    }
  }

  /** Tick-by-tick requests live or about to be sent (they hold a slot). */
  private tbtInUse(): number {
    let n = 0;
    for (const m of this.members) if (m.entry) n++;
    return n;
  }

  private liveTbtReqIds(): number[] {
    const ids: number[] = [];
    for (const m of this.members) {
      const id = m.entry?.reqId;
      if (id !== undefined && m.entry && !this.registry.isWaiting(m.entry)) ids.push(id);
    }
    return ids;
  }
}
