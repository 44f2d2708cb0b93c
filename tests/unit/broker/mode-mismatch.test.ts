import { describe, expect, it } from 'vitest';
import { BrokerStatus } from '../../../src-shared/contract/features/broker';
import { initialModel, reduce, type BrokerEvent } from '../../../src-main/broker/broker-state';

const handshake = (accounts: string[]): BrokerEvent[] => [
  { type: 'connecting', host: '127.0.0.1', port: 4002, clientId: 1, attempt: 1 },
  { type: 'server', serverVersion: 193, port: 4002, clientId: 1 },
  { type: 'ready', accounts, at: 1000 },
];

describe('broker status: chosen mode against the connected account', () => {
  it('paper chosen and a DU account: no mismatch', () => {
    const s = handshake(['DU1234567']).reduce(reduce, initialModel('127.0.0.1', 4002, 1, false, 'paper')).status;
    expect(s).toMatchObject({ state: 'connected', mode: 'paper', chosenMode: 'paper' });
    expect(s.modeMismatch).toBeUndefined();
  });

  it('paper chosen and a live account: connected, but the mismatch names the account', () => {
    const s = handshake(['U7654321']).reduce(reduce, initialModel('127.0.0.1', 4002, 1, false, 'paper')).status;
    expect(s).toMatchObject({ state: 'connected', mode: 'live', chosenMode: 'paper' });
    expect(s.modeMismatch).toMatch(/U7654321 is a LIVE account/);
    expect(BrokerStatus.safeParse(s).success).toBe(true);
  });

  it('live chosen and a paper account is flagged too', () => {
    const s = handshake(['DU1']).reduce(reduce, initialModel('127.0.0.1', 4001, 1, false, 'live')).status;
    expect(s.modeMismatch).toMatch(/configured for LIVE/);
  });

  it('the demo counts as paper whatever was chosen', () => {
    const m = initialModel('127.0.0.1', 5555, 1, true, 'live');
    expect(m.status.chosenMode).toBe('paper');
    expect(handshake(['DU1']).reduce(reduce, m).status.modeMismatch).toBeUndefined();
  });

  it('the mismatch stays while reconnecting and is recomputed at the next handshake', () => {
    let m = handshake(['U1']).reduce(reduce, initialModel('127.0.0.1', 4002, 1, false, 'paper'));
    m = reduce(m, { type: 'retry', reason: 'closed', attempt: 1, nextRetryAt: 2000 });
    expect(m.status.state).toBe('reconnecting');
    expect(m.status.modeMismatch).toMatch(/U1/);
    m = handshake(['DU9']).reduce(reduce, m);
    expect(m.status.modeMismatch).toBeUndefined();
  });
});
