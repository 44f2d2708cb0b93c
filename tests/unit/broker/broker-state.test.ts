import { describe, expect, it } from 'vitest';
import { BrokerStatus } from '../../../src-shared/contract/features/broker';
import { initialModel, MAX_NOTICES, reduce, type BrokerEvent, type BrokerModel } from '../../../src-main/broker/broker-state';

const run = (events: BrokerEvent[], m: BrokerModel = initialModel('127.0.0.1', 4002, 7, false)) => events.reduce(reduce, m);
const farm = (name: string, ok: boolean) => ({ type: 'farm', farm: { name, kind: 'market', ok } }) as const;
const connected: BrokerEvent[] = [
  { type: 'connecting', host: '127.0.0.1', port: 4002, clientId: 7, attempt: 1 },
  { type: 'server', serverVersion: 193, port: 4002, clientId: 8 },
  { type: 'ready', accounts: ['DU111'], at: 1000 },
];

describe('broker state machine', () => {
  it('is connected only after the handshake, with accounts, mode, clientId and server version', () => {
    expect(run(connected.slice(0, 2)).status.state).toBe('connecting');
    const s = run(connected).status;
    expect(s).toMatchObject({ state: 'connected', mode: 'paper', accounts: ['DU111'], clientId: 8, serverVersion: 193, connectedAt: 1000, attempt: 0 });
    expect(BrokerStatus.safeParse(s).success).toBe(true);
  });

  it('a first connection that fails is "failed" with the reason and the next retry', () => {
    const s = run([connected[0], { type: 'retry', reason: 'no API handshake (is the API enabled in TWS?)', attempt: 2, nextRetryAt: 5000 }]).status;
    expect(s).toMatchObject({ state: 'failed', reason: 'no API handshake (is the API enabled in TWS?)', attempt: 2, nextRetryAt: 5000 });
  });

  it('after losing an established connection it is "reconnecting", then connected again', () => {
    const lost = run([...connected, { type: 'retry', reason: 'closed', attempt: 1, nextRetryAt: 2000 }]);
    expect(lost.status).toMatchObject({ state: 'reconnecting', attempt: 1, nextRetryAt: 2000 });
    expect(run([{ type: 'connecting', host: 'h', port: 4002, clientId: 8, attempt: 1 }], lost).status.state).toBe('reconnecting');
    expect(run(connected, lost).status.state).toBe('connected');
  });

  it('1100 degrades, 1101/1102 restore; a broken farm degrades until it is OK', () => {
    const down = run([...connected, { type: 'link', ibCode: 1100 }]);
    expect(down.status).toMatchObject({ state: 'degraded', reason: expect.stringContaining('1100') });
    expect(run([{ type: 'link', ibCode: 1102 }], down).status.state).toBe('connected');
    expect(run([{ type: 'link', ibCode: 1101 }], down).status.state).toBe('connected');
    const farmDown = run([...connected, farm('usfarm', true), farm('usfarm', false)]);
    expect(farmDown.status).toMatchObject({ state: 'degraded', reason: 'farm usfarm broken' });
    expect(farmDown.status.farms).toEqual([{ name: 'usfarm', kind: 'market', ok: false }]);
    expect(run([farm('usfarm', true)], farmDown).status.state).toBe('connected');
    // Link loss outranks a farm coming back.
    expect(run([{ type: 'link', ibCode: 1100 }, farm('usfarm', true)], farmDown).status.state).toBe('degraded');
  });

  it('keeps only the newest notices, newest last', () => {
    const notices = Array.from({ length: MAX_NOTICES + 5 }, (_, i) => ({ type: 'notice', notice: { ts: i, level: 'warn', message: `n${i}` } }) as const);
    const s = run(notices).status;
    expect(s.lastErrors).toHaveLength(MAX_NOTICES);
    expect(s.lastErrors.at(-1)?.message).toBe(`n${MAX_NOTICES + 4}`);
    expect(s.lastErrors[0].message).toBe('n5');
  });

  it('failed (invalid settings) and stopped are terminal-looking states without a retry time', () => {
    expect(run([{ type: 'failed', reason: 'bad port' }]).status).toMatchObject({ state: 'failed', reason: 'bad port', nextRetryAt: undefined });
    expect(run([...connected, { type: 'stopped' }]).status).toMatchObject({ state: 'disconnected', farms: [] });
  });
});
