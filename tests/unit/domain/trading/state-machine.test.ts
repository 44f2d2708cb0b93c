import { describe, expect, it } from 'vitest';
import { initialTradingModel, transition, type ArmGate, type TradingEvent, type TradingModel } from '../../../../src-shared/domain/trading/state-machine';

const T0 = Date.UTC(2026, 3, 2, 14, 0, 0);
const gate: ArmGate = { connected: true, quotesFresh: true, accountModeOk: { ok: true } };
const run = (events: TradingEvent[], m: TradingModel = initialTradingModel(T0), now = T0): TradingModel =>
  events.reduce((acc, e) => transition(acc, e, now).model, m);
const ready = (account = 'DU111') => run([{ type: 'start' }, { type: 'connected', account }, { type: 'reconciled', ok: true }]);

describe('trading state machine', () => {
  it('starts disarmed in paper mode, reconciles on start, and lands disarmed', () => {
    expect(initialTradingModel(T0)).toMatchObject({ state: 'disarmed', mode: 'paper' });
    expect(run([{ type: 'start' }]).state).toBe('reconciling');
    expect(ready()).toMatchObject({ state: 'disarmed', reconciled: true, account: 'DU111' });
  });

  it('arming needs connection, reconciliation, fresh quotes, the right mode and, for live, the typed account id', () => {
    const arm = (m: TradingModel, g: Partial<ArmGate> = {}, mode: 'paper' | 'live' = 'paper', typedAccount?: string) =>
      transition(m, { type: 'arm', mode, typedAccount, gate: { ...gate, ...g } }, T0);
    expect(arm(run([{ type: 'start' }, { type: 'connected', account: 'DU1' }])).refused).toMatch(/reconciling/);
    expect(arm(ready(), { connected: false }).refused).toMatch(/not connected/);
    expect(arm(ready(), { quotesFresh: false }).refused).toMatch(/quotes/);
    expect(arm(ready(), { accountModeOk: { ok: false, reason: 'configured paper, account is live' } }).refused).toMatch(/configured paper/);
    expect(arm(ready(), {}, 'live').refused).toMatch(/is paper/);
    expect(arm(ready()).model).toMatchObject({ state: 'armed', mode: 'paper' });
    const live = ready('U9876543');
    expect(arm(live).refused).toMatch(/is live/);
    expect(arm(live, {}, 'live').refused).toMatch(/type the account id U9876543/);
    expect(arm(live, {}, 'live', 'U9876').refused).toMatch(/type the account id/);
    expect(arm(live, {}, 'live', 'U9876543').model).toMatchObject({ state: 'armed', mode: 'live' });
  });

  it('disconnect, 1100 and a clientId change disarm; nothing re-arms by itself', () => {
    const armed = run([{ type: 'arm', mode: 'paper', gate }], ready());
    expect(armed.state).toBe('armed');
    for (const e of [{ type: 'disconnected', reason: 'socket closed' }, { type: 'linkLost' }, { type: 'clientIdChanged', from: 1, to: 2 }] as TradingEvent[]) {
      const m = run([e], armed);
      expect(m).toMatchObject({ state: 'disarmed', reconciled: false });
      const back = run([{ type: 'connected', account: 'DU111' }, { type: 'reconciled', ok: true }, { type: 'tick' }], m);
      expect(back.state).toBe('disarmed');
    }
  });

  it('a failed reconciliation disarms and blocks arming; a mismatch halts until acknowledged', () => {
    const failed = run([{ type: 'start' }, { type: 'connected', account: 'DU1' }, { type: 'reconciled', ok: false, reason: 'timeout' }]);
    expect(failed).toMatchObject({ state: 'disarmed', reconciled: false });
    expect(transition(failed, { type: 'arm', mode: 'paper', gate }, T0).refused).toBeDefined();
    // A retry that succeeds: disarmed, reconciled, the failure's reason gone, arming possible.
    const retried = run([{ type: 'reconciled', ok: true }], failed);
    expect(retried).toMatchObject({ state: 'disarmed', reconciled: true, reason: 'reconciled; arm to trade' });
    expect(transition(retried, { type: 'arm', mode: 'paper', gate }, T0).refused).toBeUndefined();
    const halted = run([{ type: 'mismatch', reason: 'AAPL broker 100 vs ledger 0' }], ready());
    expect(halted).toMatchObject({ state: 'halted', haltKind: 'reconciliation' });
    expect(transition(halted, { type: 'disarm' }, T0).refused).toMatch(/acknowledge/);
    expect(transition(halted, { type: 'arm', mode: 'paper', gate }, T0).refused).toBeDefined();
    expect(run([{ type: 'acknowledge' }], halted).state).toBe('disarmed');
  });

  it('reducing only from armed; halted (daily loss) survives disarm, disconnect and restart until the next session', () => {
    const armed = run([{ type: 'arm', mode: 'paper', gate }], ready());
    expect(run([{ type: 'reduce', reason: 'trades cap' }], armed).state).toBe('reducing');
    expect(transition(ready(), { type: 'reduce', reason: 'x' }, T0).refused).toBeDefined();
    const until = T0 + 3_600_000;
    const locked = run([{ type: 'halt', kind: 'daily-loss', reason: 'P&L −500', until }], armed);
    expect(locked).toMatchObject({ state: 'halted', haltKind: 'daily-loss', haltedUntil: until });
    expect(transition(locked, { type: 'disarm' }, T0).refused).toMatch(/daily loss/);
    expect(run([{ type: 'halt', kind: 'flatten', reason: 'flatten' }], locked).haltKind).toBe('daily-loss');
    const restarted = run([{ type: 'disconnected', reason: 'x' }, { type: 'start' }, { type: 'connected', account: 'DU111' }, { type: 'reconciled', ok: true }], locked);
    expect(restarted).toMatchObject({ state: 'halted', haltKind: 'daily-loss', reconciled: true });
    expect(transition(restarted, { type: 'tick' }, until - 1).model.state).toBe('halted');
    expect(transition(restarted, { type: 'tick' }, until).model.state).toBe('disarmed');
    expect(transition(locked, { type: 'start' }, until).model.state).toBe('reconciling');
  });

  it('after flatten-all the halt lifts only by hand (disarm)', () => {
    const flat = run([{ type: 'halt', kind: 'flatten', reason: 'flatten-all' }], run([{ type: 'arm', mode: 'paper', gate }], ready()));
    expect(flat.state).toBe('halted');
    expect(run([{ type: 'tick' }], flat).state).toBe('halted');
    expect(run([{ type: 'disarm' }], flat).state).toBe('disarmed');
  });
});
