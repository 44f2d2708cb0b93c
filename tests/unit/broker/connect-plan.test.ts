import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FALLBACK_PORTS, modeMismatchReason, parseAccounts, portsToTry, refusedReason, tradingMode, validateConnection,
} from '../../../src-main/broker/connect-plan';

describe('connect plan', () => {
  it('paper: the configured port first, then only the paper ports 4002 and 7497, without repeats', () => {
    expect(portsToTry(7497, false, 'paper')).toEqual([7497, 4002]);
    expect(portsToTry(5555, false, 'paper')).toEqual([5555, 4002, 7497]);
    expect(portsToTry(4002, false, 'paper')).toEqual([4002, 7497]);
  });

  it('live: the configured port first, then only the live ports 4001 and 7496', () => {
    expect(portsToTry(5555, false, 'live')).toEqual([5555, 4001, 7496]);
    expect(portsToTry(7496, false, 'live')).toEqual([7496, 4001]);
  });

  it('a custom fallback list replaces the defaults but still cannot name a port of the other mode', () => {
    expect(portsToTry(5555, false, 'paper', [6000])).toEqual([5555, 6000]);
    expect(portsToTry(5555, false, 'paper', [4001, 6000, 7496, 7497])).toEqual([5555, 6000, 7497]);
    expect(portsToTry(5555, false, 'live', [4002, 4001, 7497])).toEqual([5555, 4001]);
  });

  it('property: a fallback never crosses modes; only the configured port itself may', () => {
    const port = fc.oneof(fc.constantFrom(...FALLBACK_PORTS), fc.integer({ min: 1, max: 65535 }));
    fc.assert(
      fc.property(port, fc.constantFrom('paper' as const, 'live' as const), fc.array(port, { maxLength: 8 }), fc.boolean(), (p, mode, extra, custom) => {
        const ports = portsToTry(p, false, mode, custom ? extra : undefined);
        expect(ports[0]).toBe(p);
        const forbidden = mode === 'paper' ? [4001, 7496] : [4002, 7497];
        for (const fallback of ports.slice(1)) expect(forbidden).not.toContain(fallback);
        expect(new Set(ports).size).toBe(ports.length);
      }),
    );
  });

  it('demo mode only talks to its own simulator port', () => {
    expect(portsToTry(5555, true, 'paper')).toEqual([5555]);
    expect(portsToTry(5555, true, 'live')).toEqual([5555]);
  });

  it('flags an account whose mode is not the chosen one, naming the live accounts', () => {
    expect(modeMismatchReason('paper', ['DU123'])).toBeUndefined();
    expect(modeMismatchReason('live', ['U123'])).toBeUndefined();
    expect(modeMismatchReason('paper', [])).toBeUndefined();
    expect(modeMismatchReason('paper', ['U7654321'])).toMatch(/PAPER.*U7654321 is a LIVE account.*disarmed/);
    // One live account among paper ones is enough to put real money at risk.
    const mixed = modeMismatchReason('paper', ['DU1', 'U2', 'u3']);
    expect(mixed).toMatch(/U2, u3 are LIVE accounts/);
    expect(mixed).not.toMatch(/DU1/);
    expect(modeMismatchReason('live', ['DU1234567'])).toMatch(/LIVE.*DU1234567 is a paper account/);
  });

  it('paper for DU accounts, live otherwise, and falls back to the port', () => {
    expect(tradingMode(['DU123456'], 4001)).toBe('paper');
    expect(tradingMode(['U123456'], 4002)).toBe('live');
    expect(tradingMode(['DU1', 'U2'], 4002)).toBe('live');
    expect(tradingMode([], 7497)).toBe('paper');
    expect(tradingMode([], 7496)).toBe('live');
    expect(tradingMode([], 5555)).toBe('unknown');
  });

  it('parses the account list, ignoring a trailing comma', () => {
    expect(parseAccounts('DU1,DU2,')).toEqual(['DU1', 'DU2']);
  });

  it('names the host and every port tried when nothing accepts', () => {
    expect(refusedReason('10.0.0.5', [4002, 7497])).toContain('10.0.0.5 ports 4002, 7497');
  });

  it('refuses invalid settings with a message naming the field', () => {
    const bad = validateConnection({ demo: false, host: 'bad host!', port: 70000, clientId: 1, connectTimeoutSec: 5 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_INPUT');
      expect(bad.error.message).toMatch(/host|port/);
    }
    expect(validateConnection({ demo: false, host: '127.0.0.1', port: 4002, clientId: 0, connectTimeoutSec: 5 }).ok).toBe(true);
    expect(validateConnection({ demo: false, host: '127.0.0.1', port: 4001, clientId: 0, connectTimeoutSec: 5, mode: 'live' }).ok).toBe(true);
    expect(validateConnection({ demo: false, host: '127.0.0.1', port: 4001, clientId: 0, connectTimeoutSec: 5, mode: 'real' }).ok).toBe(false);
  });
});
