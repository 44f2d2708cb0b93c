import { describe, expect, it } from 'vitest';
import { classify, type Observation } from '../../../src-main/gateway/readiness';

const base: Observation = {
  probe: 'refused', host: '127.0.0.1', port: 4002, mode: 'paper', product: 'ib-gateway', process: { alive: true }, otherListening: [],
};
const verdict = (o: Partial<Observation>) => classify({ ...base, ...o });

describe('gateway readiness verdicts', () => {
  it('ready only on a real handshake (or when every probe client id is taken: the API answered)', () => {
    expect(verdict({ probe: 'ready' })).toEqual({ ready: true });
    expect(verdict({ probe: 'client-id' })).toEqual({ ready: true });
  });

  it('port open without a handshake: API not enabled, whatever the process does', () => {
    for (const probe of ['handshake', 'closed'] as const) {
      const v = verdict({ probe, process: { alive: false, exitCode: 0 } });
      expect(v).toMatchObject({ ready: false, cause: 'api-not-enabled', final: false });
      if (!v.ready) expect(v.message).toMatch(/API not enabled.*Enable ActiveX and Socket Clients/);
    }
  });

  it('nothing listening while the process runs: login pending', () => {
    const v = verdict({});
    expect(v).toMatchObject({ cause: 'login-pending', final: false });
    if (!v.ready) expect(v.message).toMatch(/IB Gateway is running.*127\.0\.0\.1:4002.*log in/);
  });

  it('another IB port answers: wrong port, naming it and warning when it is of the other mode', () => {
    const v = verdict({ otherListening: [7496], product: 'tws' });
    expect(v).toMatchObject({ cause: 'wrong-port', final: false });
    if (!v.ready) expect(v.message).toMatch(/port 7496 \(the TWS live port\).*set Port to 7496.*LIVE port and this session is set to paper/);
    const same = verdict({ otherListening: [7497] });
    if (!same.ready) expect(same.message).not.toMatch(/Careful/);
  });

  it('the process exited cleanly and nothing listens: wrong port (keeps waiting: it may have handed over)', () => {
    expect(verdict({ process: { alive: false, exitCode: 0 } })).toMatchObject({ cause: 'wrong-port', final: false });
    expect(verdict({ process: { alive: false, exitCode: null, signal: 'SIGTERM' } })).toMatchObject({ cause: 'wrong-port' });
  });

  it('a launcher that failed to start or exited with an error ends the wait at once', () => {
    expect(verdict({ process: { alive: false, exitCode: 3 } })).toMatchObject({ cause: 'launch-failed', final: true, message: expect.stringContaining('code 3') });
    expect(verdict({ process: { alive: false, error: 'spawn /x EACCES' } })).toMatchObject({ cause: 'launch-failed', final: true, message: expect.stringContaining('EACCES') });
  });
});
