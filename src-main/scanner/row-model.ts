/**
 * One candidate's state and the pure function that turns it into a grid row at a given instant.
 * Every number comes from src-shared/domain so the grid, reports and tests agree on the definitions.
 */
import type { RecordingMark, ScannerRow } from '../../src-shared/contract/features/scanner';
import type { Instrument } from '../../src-shared/domain/instrument';
import {
  type SessionVolumes, gapPct, sessionGap, spreadOf, timeOfDayRvol,
} from '../../src-shared/domain/gap-rvol';
import { ANCHOR_MS_OF_DAY, etDate, etMsOfDay, sessionFor } from '../../src-shared/domain/market-time';
import { scoreCandidate } from '../../src-shared/domain/score';
import type { QuoteSnapshot } from '../broker/port';

export type RvolState = 'ready' | 'loading' | 'unavailable';

export interface CandidateState {
  instrument: Instrument;
  /** 1-based position in the merged scan list. */
  rank: number;
  sources: string[];
  firstSeen: number;
  /** Every field received so far from the quote stream. */
  quote: QuoteSnapshot;
  /** Last trade seen between 04:00 and 09:30 ET today; stops moving at 09:30. */
  premarketLast: number | null;
  /** Cumulative volume between 04:00 and 09:30 ET today (frozen at 09:30). */
  premarketVolume: number | null;
  rvolState: RvolState;
  /** Volumes of the 1-minute extended-hours bars of the previous sessions (compact: held for every candidate). */
  history: SessionVolumes[];
  recording: RecordingMark;
}

const num = (x: number | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const positive = (x: number | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : null);

/**
 * Time-of-day RVOL: anchored at 04:00 in the premarket, at 09:30 from the open on (today's volume since
 * 09:30 = cumulative volume − premarket volume). Null before 04:00 or while history is missing.
 */
function rvolNow(c: CandidateState, now: number, sessions: number, volume: number | null): number | null {
  if (c.rvolState !== 'ready' || volume === null) return null;
  const ms = etMsOfDay(now);
  if (ms < ANCHOR_MS_OF_DAY['04:00']) return null;
  if (ms < ANCHOR_MS_OF_DAY['09:30']) return timeOfDayRvol(volume, c.history, now, '04:00', sessions).rvol;
  if (c.premarketVolume === null) return null;
  return timeOfDayRvol(volume - c.premarketVolume, c.history, now, '09:30', sessions).rvol;
}

/**
 * Daily RVOL is only honest once today's regular session has closed: until then it would divide a
 * partial day by whole days. After the close, today's volume (premarket included) is compared with the
 * same 04:00→now window of past sessions, which equals full-day RVOL at 20:00.
 */
function dailyRvolNow(c: CandidateState, now: number, sessions: number, volume: number | null): number | null {
  const s = sessionFor(etDate(now));
  if (!s || now < s.close || c.rvolState !== 'ready' || volume === null) return null;
  return timeOfDayRvol(volume, c.history, now, '04:00', sessions).rvol;
}

export function buildRow(c: CandidateState, now: number, sessions: number): ScannerRow {
  const q = c.quote;
  const last = positive(q.last);
  const prevClose = positive(q.prevClose);
  const volume = num(q.volume);
  const afterOpen = etMsOfDay(now) >= ANCHOR_MS_OF_DAY['09:30'];
  const gap = sessionGap({
    now,
    prevClose,
    lastPremarketPrice: c.premarketLast,
    officialOpen: afterOpen ? positive(q.open) : null,
  });
  const premarketVolume = afterOpen ? c.premarketVolume : etMsOfDay(now) >= ANCHOR_MS_OF_DAY['04:00'] ? volume : null;
  const rvol = rvolNow(c, now, sessions, volume);
  const { spread, spreadPct } = spreadOf(num(q.bid), num(q.ask));
  const scored = last === null ? null : scoreCandidate({ price: last, spreadPct, gapPct: gap.gapPct, rvol, rank: c.rank - 1 });
  return {
    symbol: c.instrument.symbol,
    conId: c.instrument.conId,
    last,
    prevClose,
    changePct: gapPct(last, prevClose),
    gapPct: gap.gapPct,
    gapFrozen: gap.frozen,
    premarketVolume,
    volume,
    rvol,
    rvolState: c.rvolState,
    dailyRvol: dailyRvolNow(c, now, sessions, volume),
    bid: positive(q.bid),
    ask: positive(q.ask),
    spread,
    spreadPct,
    score: scored ? scored.score : null,
    scoreParts: scored ? scored.parts : null,
    rank: c.rank,
    sources: [...c.sources],
    firstSeen: c.firstSeen,
    halted: q.halted === true,
    recording: c.recording,
  };
}
