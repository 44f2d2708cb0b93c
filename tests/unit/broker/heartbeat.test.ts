import { describe, expect, it } from 'vitest';
import { heartbeatVerdict } from '../../../src-main/broker/heartbeat';

describe('heartbeatVerdict', () => {
  const policy = { everyMs: 5000, silentAfterMs: 15000 };
  it('pings while data arrives, declares the socket dead after the silence limit', () => {
    expect(heartbeatVerdict(0, 15_000, policy)).toEqual({ kind: 'ping' });
    expect(heartbeatVerdict(0, 15_001, policy)).toEqual({ kind: 'dead', reason: 'no data from TWS for 15 s (socket silent)' });
  });
});
