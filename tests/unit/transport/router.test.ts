import { describe, expect, it } from 'vitest';
import { CALL_NAMES, calls } from '../../../src-shared/contract/calls';
import { ok } from '../../../src-shared/contract/result';
import { createRouter } from '../../../src-main/transport/router';
import { createLogger } from '../../../src-main/platform/log';
import { recordingHandlers } from '../../support/fake-handlers';

const log = createLogger('test');
const ctx = { clientId: 't' };

/** A small seeded PRNG so a failing fuzz case can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function randomValue(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 3 ? 7 : 12));
  switch (k) {
    case 0: return undefined;
    case 1: return null;
    case 2: return r() < 0.5;
    case 3: return Math.floor((r() - 0.5) * 2 ** 40);
    case 4: return [NaN, Infinity, -Infinity, -0, 1e308, 0.1][Math.floor(r() * 6)];
    case 5: return 'x'.repeat(Math.floor(r() * 300));
    case 6: return ['AAPL', '', ' ', 'a'.repeat(20), '__proto__', 'constructor', '1m', 'drop table'][Math.floor(r() * 8)];
    case 7:
      return depth > 3 ? {} : Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [
        ['symbols', 'symbol', 'connection', 'ui', '__proto__', 'timeframe', 'port', 'x'][Math.floor(r() * 8)],
        randomValue(r, depth + 1),
      ]));
    case 8: return depth > 3 ? [] : Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1));
    case 9: return { symbols: Array.from({ length: Math.floor(r() * 120) }, () => randomValue(r, depth + 1)) };
    case 10: return { connection: { port: randomValue(r, depth + 1), host: randomValue(r, depth + 1), clientId: randomValue(r, depth + 1) } };
    default: return { symbol: randomValue(r, depth + 1), timeframe: randomValue(r, depth + 1), includeExtended: randomValue(r, depth + 1) };
  }
}

describe('router', () => {
  it('refuses unknown channels with a Result', async () => {
    const router = createRouter(recordingHandlers().handlers, log);
    for (const name of ['nope', '', 42, null, undefined, {}, '__proto__', 'constructor', 'toString', 'app:info ']) {
      const r = await router.dispatch(name, undefined, ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    }
  });

  it('validates input before the handler runs', async () => {
    const { handlers, writes } = recordingHandlers();
    const router = createRouter(handlers, log);
    const r = await router.dispatch('recorder:start', { symbols: ['lower case ok', '$$$'] }, ctx);
    expect(r.ok).toBe(false);
    expect(writes).toEqual([]);
    const good = await router.dispatch('recorder:start', { symbols: ['aapl'] }, ctx);
    expect(good.ok).toBe(true);
    expect(writes).toEqual(['recorder:start']);
  });

  it('turns a throwing handler into INTERNAL and checks outputs', async () => {
    const { handlers } = recordingHandlers();
    handlers['app:info'] = () => {
      throw new Error('boom');
    };
    handlers['scanner:snapshot'] = () => ok({ rows: 'not rows' } as never);
    const router = createRouter(handlers, log);
    const thrown = await router.dispatch('app:info', undefined, ctx);
    expect(thrown).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const bad = await router.dispatch('scanner:snapshot', undefined, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('fuzz: thousands of malformed payloads to every call all get a Result; nothing is written for invalid input', async () => {
    const { handlers, writes } = recordingHandlers();
    const router = createRouter(handlers, log);
    const r = rng(1234);
    let valid = 0;
    for (let i = 0; i < 3000; i++) {
      const name = CALL_NAMES[i % CALL_NAMES.length];
      const input = randomValue(r);
      const before = writes.length;
      const result = await router.dispatch(name, input, ctx);
      expect(typeof result.ok).toBe('boolean');
      const isValid = calls[name].input.safeParse(input).success;
      if (!isValid) {
        expect(result.ok).toBe(false);
        expect(writes.length).toBe(before);
      } else valid++;
    }
    // The generator must exercise both paths, or the test proves nothing.
    expect(valid).toBeGreaterThan(50);
  });
});
