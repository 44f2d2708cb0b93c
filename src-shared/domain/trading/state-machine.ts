/**
 * The trading state machine as a pure transition function. Nothing here re-arms by itself: every way into
 * `armed` is the trader's `arm` event with every precondition true.
 *
 *   reconciling → disarmed ⇄ armed → reducing → halted
 *
 * - reconciling: after start or a (re)connect, until open orders, executions and positions are matched.
 * - disarmed: no new orders; cancels and flatten work.
 * - armed: orders within the limits go out.
 * - reducing: only orders that shrink a position (trades-per-day cap, near the close, or by hand).
 * - halted: only cancels and flatten (daily loss lock until the next ET session, reconciliation mismatch
 *   until acknowledged, after flatten-all until disarmed by hand).
 */
import { z } from 'zod';

export const TRADING_STATES = ['reconciling', 'disarmed', 'armed', 'reducing', 'halted'] as const;
export const TradingState = z.enum(TRADING_STATES);
export type TradingState = z.infer<typeof TradingState>;

export const TradingMode = z.enum(['paper', 'live']);
export type TradingMode = z.infer<typeof TradingMode>;

export const HaltKind = z.enum(['daily-loss', 'reconciliation', 'flatten', 'manual']);
export type HaltKind = z.infer<typeof HaltKind>;

export const TradingModel = z.object({
  state: TradingState,
  reason: z.string(),
  mode: TradingMode,
  account: z.string().nullable(),
  haltKind: HaltKind.nullable(),
  /** Epoch ms when a daily-loss halt lifts (the next ET session's 04:00). */
  haltedUntil: z.number().int().nullable(),
  /** True once this connection's reconciliation finished; false again on any disconnect. */
  reconciled: z.boolean(),
  since: z.number().int(),
});
export type TradingModel = z.infer<typeof TradingModel>;

/** Everything `arm` depends on, gathered by the service. */
export interface ArmGate {
  connected: boolean;
  quotesFresh: boolean;
  /** The connection's own check (configured mode vs the account's): false keeps us disarmed. */
  accountModeOk: { ok: true } | { ok: false; reason: string };
}

export type TradingEvent =
  | { type: 'start' }
  | { type: 'connected'; account: string | null }
  | { type: 'disconnected'; reason: string }
  | { type: 'linkLost' }
  | { type: 'clientIdChanged'; from: number; to: number }
  | { type: 'reconciled'; ok: true }
  | { type: 'reconciled'; ok: false; reason: string }
  | { type: 'mismatch'; reason: string }
  | { type: 'arm'; mode: TradingMode; typedAccount?: string; gate: ArmGate }
  | { type: 'disarm'; reason?: string }
  | { type: 'reduce'; reason: string }
  | { type: 'halt'; kind: HaltKind; reason: string; until?: number }
  | { type: 'acknowledge' }
  | { type: 'tick' };

export interface Transition {
  model: TradingModel;
  /** Set when the event was refused; the model is then unchanged. */
  refused?: string;
}

export const initialTradingModel = (now: number): TradingModel => ({
  state: 'disarmed', reason: 'disarmed by default', mode: 'paper', account: null, haltKind: null, haltedUntil: null, reconciled: false, since: now,
});

/** IB paper accounts start with "DU" (demo accounts "DF"/"DI" are paper too). */
export const accountMode = (account: string): TradingMode => (/^D[UFI]/i.test(account) ? 'paper' : 'live');

const to = (m: TradingModel, state: TradingState, reason: string, now: number, extra: Partial<TradingModel> = {}): TradingModel => ({
  ...m, state, reason, since: now, haltKind: state === 'halted' ? m.haltKind : null, haltedUntil: state === 'halted' ? m.haltedUntil : null, ...extra,
});
const refuse = (model: TradingModel, refused: string): Transition => ({ model, refused });

/** Leaving a connection: armed or reducing drop to disarmed, a halt stays a halt. */
function lose(m: TradingModel, reason: string, now: number): TradingModel {
  if (m.state === 'halted') return { ...m, reconciled: false };
  return to(m, 'disarmed', reason, now, { reconciled: false });
}

function arm(m: TradingModel, e: Extract<TradingEvent, { type: 'arm' }>, now: number): Transition {
  if (m.state !== 'disarmed') return refuse(m, `cannot arm while ${m.state}: ${m.reason}`);
  if (!e.gate.connected) return refuse(m, 'not connected to IB');
  if (!m.reconciled) return refuse(m, 'orders and positions are not reconciled yet');
  if (!e.gate.quotesFresh) return refuse(m, 'quotes are not fresh (market data farm down or stale)');
  if (!e.gate.accountModeOk.ok) return refuse(m, e.gate.accountModeOk.reason);
  if (!m.account) return refuse(m, 'no account reported by IB');
  const actual = accountMode(m.account);
  if (e.mode !== actual) return refuse(m, `asked to arm ${e.mode} but account ${m.account} is ${actual}`);
  if (e.mode === 'live' && e.typedAccount?.trim() !== m.account) return refuse(m, `type the account id ${m.account} to arm live trading`);
  return { model: to(m, 'armed', `armed ${e.mode} on ${m.account}`, now, { mode: e.mode }) };
}

function disarm(m: TradingModel, reason: string, now: number): Transition {
  if (m.state === 'halted') {
    if (m.haltKind === 'daily-loss') return refuse(m, `daily loss lock until the next session: ${m.reason}`);
    if (m.haltKind === 'reconciliation') return refuse(m, `acknowledge the reconciliation finding first: ${m.reason}`);
    return { model: to(m, 'disarmed', reason, now) };
  }
  if (m.state === 'reconciling' || m.state === 'disarmed') return { model: m };
  return { model: to(m, 'disarmed', reason, now) };
}

export function transition(m: TradingModel, e: TradingEvent, now: number): Transition {
  switch (e.type) {
    case 'start': {
      const keepHalt = m.state === 'halted' && !(m.haltKind === 'daily-loss' && m.haltedUntil !== null && now >= m.haltedUntil);
      if (keepHalt) return { model: { ...m, reconciled: false } };
      return { model: to(m, 'reconciling', 'starting: waiting for IB to reconcile orders and positions', now, { reconciled: false, mode: 'paper' }) };
    }
    case 'connected':
      if (m.state === 'halted') return { model: { ...m, reconciled: false, account: e.account } };
      return { model: to(m, 'reconciling', 'connected: reconciling orders and positions', now, { reconciled: false, account: e.account }) };
    case 'disconnected':
      return { model: lose(m, `disconnected: ${e.reason}`, now) };
    case 'linkLost':
      return { model: lose(m, 'TWS lost its connection to IB (1100)', now) };
    case 'clientIdChanged':
      return { model: lose(m, `clientId changed from ${e.from} to ${e.to}: IB binds orders to the client that placed them`, now) };
    case 'reconciled':
      if (!e.ok) return { model: m.state === 'halted' ? m : to(m, 'disarmed', `reconciliation failed: ${e.reason}`, now, { reconciled: false }) };
      if (m.state === 'halted') return { model: { ...m, reconciled: true } };
      // A retry after a failed reconciliation: the failure's reason no longer holds.
      if (m.state === 'disarmed' && !m.reconciled) return { model: to(m, 'disarmed', 'reconciled; arm to trade', now, { reconciled: true }) };
      if (m.state !== 'reconciling') return { model: { ...m, reconciled: true } };
      return { model: to(m, 'disarmed', 'reconciled; arm to trade', now, { reconciled: true }) };
    case 'mismatch':
      return { model: to(m, 'halted', `reconciliation mismatch: ${e.reason}`, now, { haltKind: 'reconciliation', haltedUntil: null }) };
    case 'arm':
      return arm(m, e, now);
    case 'disarm':
      return disarm(m, e.reason ?? 'disarmed by the trader', now);
    case 'reduce':
      if (m.state !== 'armed') return refuse(m, `only an armed session can go to reducing (now ${m.state})`);
      return { model: to(m, 'reducing', e.reason, now) };
    case 'halt':
      if (m.state === 'halted' && m.haltKind === 'daily-loss' && e.kind !== 'daily-loss') return { model: m };
      return { model: to(m, 'halted', e.reason, now, { haltKind: e.kind, haltedUntil: e.until ?? null }) };
    case 'acknowledge':
      if (m.state !== 'halted' || m.haltKind !== 'reconciliation') return refuse(m, 'nothing to acknowledge');
      return { model: to(m, 'disarmed', 'reconciliation finding acknowledged', now) };
    case 'tick':
      if (m.state === 'halted' && m.haltKind === 'daily-loss' && m.haltedUntil !== null && now >= m.haltedUntil) {
        return { model: to(m, 'disarmed', 'daily loss lock lifted: a new session', now) };
      }
      return { model: m };
  }
}
