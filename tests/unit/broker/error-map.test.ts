import { describe, expect, it } from 'vitest';
import { farmChange, mapIbError } from '../../../src-main/broker/error-map';

describe('mapIbError', () => {
  it('says how many depth streams IB allows on 309', () => {
    const e = mapIbError(309, 'Max number (3) of market depth requests has been reached', { depthLimit: 3 });
    expect(e.code).toBe('LIMIT_REACHED');
    expect(e.message).toBe('IB allows 3 depth streams on this account: more need market data lines / quote boosters.');
    expect(e.action).toBeTruthy();
  });

  it('names the unknown symbol on 200', () => {
    expect(mapIbError(200, 'No security definition has been found', { symbol: 'ZZZZ' })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'IB does not know the symbol ZZZZ.',
      level: 'error',
    });
  });

  it.each([
    [162, 'PACING'], [100, 'PACING'], [354, 'NOT_CONNECTED'], [10092, 'NOT_FOUND'], [10190, 'LIMIT_REACHED'],
    [502, 'NOT_CONNECTED'], [504, 'NOT_CONNECTED'], [1100, 'NOT_CONNECTED'], [326, 'INTERNAL'], [317, 'INTERNAL'], [316, 'INTERNAL'],
  ] as const)('maps %i to %s with a trader-readable sentence', (code, kind) => {
    const e = mapIbError(code, 'x', { symbol: 'AAPL' });
    expect(e.code).toBe(kind);
    expect(e.ibCode).toBe(code);
    expect(e.message).toMatch(/^[A-Z].*\.$/);
  });

  it('farm OK notices are info, broken ones warnings', () => {
    expect(mapIbError(2104, 'Market data farm connection is OK:usfarm').level).toBe('info');
    expect(mapIbError(2103, 'Market data farm connection is broken:usfarm').message).toContain('usfarm');
    expect(mapIbError(2105, 'HMDS data farm connection is broken:ushmds').level).toBe('warn');
  });

  it('162 "no data" is an empty answer, not a pacing problem', () => {
    expect(mapIbError(162, 'Historical Market Data Service error message:HMDS query returned no data: F@SMART Trades')).toMatchObject({ code: 'NOT_FOUND', level: 'info' });
    expect(mapIbError(162, 'Historical Market Data Service error message:Historical data request pacing violation')).toMatchObject({ code: 'PACING', level: 'warn' });
  });

  it('unknown codes keep IB text; 2xxx and "Warning:" are not errors', () => {
    expect(mapIbError(9999, 'Something odd')).toMatchObject({ code: 'INTERNAL', level: 'error', message: 'IB: Something odd' });
    expect(mapIbError(2199, 'whatever').level).toBe('info');
    expect(mapIbError(399, 'Warning: your order will not be placed at the exchange until').level).toBe('info');
  });
});

describe('farmChange', () => {
  it('reads kind, state and farm name', () => {
    expect(farmChange(2157, 'Sec-def data farm connection is broken:secdefnj')).toEqual({ kind: 'secdef', ok: false, name: 'secdefnj' });
    expect(farmChange(2106, 'HMDS data farm connection is OK:ushmds')).toEqual({ kind: 'hmds', ok: true, name: 'ushmds' });
    expect(farmChange(1100, '')).toBeUndefined();
  });
});
