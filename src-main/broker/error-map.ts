/**
 * IB error and info codes → what the trader reads. Pure: the broker decides what to *do* elsewhere; this
 * file only says what a code means, how serious it is and what the trader can do about it.
 */
import type { ErrorCode } from '../../src-shared/contract/result';

export type IbNoticeLevel = 'info' | 'warn' | 'error';

export interface IbErrorInfo {
  ibCode: number;
  code: ErrorCode;
  message: string;
  action?: string;
  level: IbNoticeLevel;
}

export interface IbErrorContext {
  symbol?: string;
  /** Depth streams IB allows on this account, when known (learnt from 309). */
  depthLimit?: number;
}

type Entry = (text: string, ctx: IbErrorContext) => Omit<IbErrorInfo, 'ibCode'>;

const farmName = (text: string): string => text.split(':').pop()?.trim() || 'unknown';
const sym = (ctx: IbErrorContext): string => ctx.symbol ?? 'this symbol';

const TABLE: Record<number, Entry> = {
  100: () => ({ code: 'PACING', level: 'warn', message: 'Too many requests per second were sent to IB; the app slowed down.', action: 'Nothing to do: requests are retried at a lower rate.' }),
  162: (t) => /no data/i.test(t)
    ? { code: 'NOT_FOUND', level: 'info', message: 'IB has no bars for that window (holiday, weekend or before listing).' }
    : { code: 'PACING', level: 'warn', message: `IB refused a historical data request: ${t || 'pacing violation'}.`, action: 'The request is retried later; no action needed.' },
  200: (_t, c) => ({ code: 'NOT_FOUND', level: 'error', message: `IB does not know the symbol ${sym(c)}.`, action: 'Check the ticker spelling (US stocks only).' }),
  309: (_t, c) => ({
    code: 'LIMIT_REACHED',
    level: 'warn',
    message: `IB allows ${c.depthLimit ?? 3} depth streams on this account: more need market data lines / quote boosters.`,
    action: 'Stop another Level 2 stream or buy quote boosters in IB Account Management.',
  }),
  316: (_t, c) => ({ code: 'INTERNAL', level: 'warn', message: `IB asked to resubscribe depth for ${sym(c)}.`, action: 'The app resubscribes automatically.' }),
  317: (_t, c) => ({ code: 'INTERNAL', level: 'info', message: `IB reset the depth book for ${sym(c)}; it is being rebuilt.` }),
  321: (t) => ({ code: 'INVALID_INPUT', level: 'error', message: `IB rejected the request: ${t}` }),
  326: () => ({ code: 'INTERNAL', level: 'warn', message: 'The client id is already used by another API connection; trying the next one.', action: 'Give each app its own client id in Settings.' }),
  354: (_t, c) => ({ code: 'NOT_CONNECTED', level: 'error', message: `No market data subscription for ${sym(c)}.`, action: 'Subscribe to the exchange data in IB Account Management (or use delayed data).' }),
  502: () => ({ code: 'NOT_CONNECTED', level: 'error', message: 'Could not connect to TWS / IB Gateway.', action: 'Start TWS or IB Gateway, enable "ActiveX and Socket Clients" and check host and port.' }),
  504: () => ({ code: 'NOT_CONNECTED', level: 'warn', message: 'Not connected to TWS / IB Gateway.', action: 'Wait for the connection to come back.' }),
  1100: () => ({ code: 'NOT_CONNECTED', level: 'warn', message: 'TWS lost its connection to IB; data is paused.', action: 'Usually restores itself; check your internet connection.' }),
  1101: () => ({ code: 'NOT_CONNECTED', level: 'info', message: 'TWS reconnected to IB; data was lost and every stream is being requested again.' }),
  1102: () => ({ code: 'NOT_CONNECTED', level: 'info', message: 'TWS reconnected to IB; data was kept.' }),
  2103: (t) => ({ code: 'NOT_CONNECTED', level: 'warn', message: `Market data farm ${farmName(t)} is down: quotes may stop.` }),
  2104: (t) => ({ code: 'NOT_CONNECTED', level: 'info', message: `Market data farm ${farmName(t)} is OK.` }),
  2105: (t) => ({ code: 'NOT_CONNECTED', level: 'warn', message: `Historical data farm ${farmName(t)} is down: charts and backfill may stall.` }),
  2106: (t) => ({ code: 'NOT_CONNECTED', level: 'info', message: `Historical data farm ${farmName(t)} is OK.` }),
  2110: () => ({ code: 'NOT_CONNECTED', level: 'warn', message: 'TWS lost its connection to IB servers; it will reconnect automatically.' }),
  2157: (t) => ({ code: 'NOT_CONNECTED', level: 'warn', message: `Security definition farm ${farmName(t)} is down: symbol lookups may fail.` }),
  2158: (t) => ({ code: 'NOT_CONNECTED', level: 'info', message: `Security definition farm ${farmName(t)} is OK.` }),
  10092: (_t, c) => ({ code: 'NOT_FOUND', level: 'error', message: `IB has no depth for ${sym(c)} on this exchange.`, action: 'Try SMART depth or another exchange.' }),
  // Handled: the tape moves to RT_VOLUME (tape-streams.ts), so one refusal per name is not worth a notice.
  10190: (_t, c) => ({
    code: 'LIMIT_REACHED',
    level: 'info',
    message: `IB's tick-by-tick limit is reached: the tape for ${sym(c)} continues via RT_VOLUME (every trade, sampled quotes).`,
    action: 'Stop another tape or Level 2 stream to get tick-by-tick back.',
  }),
  10089: (_t, c) => ({ code: 'NOT_CONNECTED', level: 'error', message: `Real-time data for ${sym(c)} needs an additional subscription.`, action: 'Subscribe in IB Account Management.' }),
  10167: () => ({ code: 'NOT_CONNECTED', level: 'info', message: 'Showing delayed market data: no real-time subscription.' }),
};

export function mapIbError(ibCode: number, text = '', ctx: IbErrorContext = {}): IbErrorInfo {
  const entry = TABLE[ibCode];
  if (entry) return { ibCode, ...entry(text, ctx) };
  const nonFatal = (ibCode >= 2100 && ibCode <= 2999) || /warning:/i.test(text);
  return { ibCode, code: 'INTERNAL', level: nonFatal ? 'info' : 'error', message: text ? `IB: ${text}` : `IB error ${ibCode}` };
}

export type FarmKind = 'market' | 'hmds' | 'secdef';

/** 2103-2106/2157/2158 as a farm state change; undefined for other codes. */
export function farmChange(ibCode: number, text: string): { kind: FarmKind; name: string; ok: boolean } | undefined {
  const kinds: Record<number, [FarmKind, boolean]> = {
    2103: ['market', false], 2104: ['market', true], 2105: ['hmds', false],
    2106: ['hmds', true], 2157: ['secdef', false], 2158: ['secdef', true],
  };
  const k = kinds[ibCode];
  return k ? { kind: k[0], ok: k[1], name: farmName(text) } : undefined;
}

/** Codes after which a subscription cannot continue and its owner must be told. */
export const TERMINAL_STREAM_CODES = new Set([200, 309, 321, 354, 10089, 10092]);
