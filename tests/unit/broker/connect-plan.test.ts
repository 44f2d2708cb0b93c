import { describe, expect, it } from 'vitest';
import { parseAccounts, portsToTry, refusedReason, tradingMode, validateConnection } from '../../../src-main/broker/connect-plan';

describe('connect plan', () => {
  it('tries the configured port first, then 4002, 7497, 4001, 7496 without repeats', () => {
    expect(portsToTry(7497, false)).toEqual([7497, 4002, 4001, 7496]);
    expect(portsToTry(5555, false)).toEqual([5555, 4002, 7497, 4001, 7496]);
    expect(portsToTry(5555, false, [6000])).toEqual([5555, 6000]);
  });

  it('demo mode only talks to its own simulator port', () => {
    expect(portsToTry(5555, true)).toEqual([5555]);
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
  });
});
