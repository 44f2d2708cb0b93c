import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../../src-shared/contract/calls';
import { EVENT_NAMES } from '../../../src-shared/contract/events';
import { IPC_CALL_PREFIX } from '../../../src-shared/contract/names';

// The preload and the WebSocket client must expose exactly the contract's calls.
describe('carrier bridges', () => {
  it('the preload exposes one function per call and nothing else', async () => {
    const exposed: Record<string, unknown> = {};
    const invoke = vi.fn(async (channel: string, input: unknown) => ({ channel, input }));
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
    }));
    await import('../../../src-preload/index');
    const bridge = exposed.tapedeck as { kind: string; calls: Record<string, (i?: unknown) => Promise<unknown>>; on: unknown };
    expect(Object.keys(exposed)).toEqual(['tapedeck']);
    expect(Object.keys(bridge).sort()).toEqual(['calls', 'kind', 'on']);
    expect(Object.keys(bridge.calls).sort()).toEqual([...CALL_NAMES].sort());
    await bridge.calls['recorder:start']({ symbols: ['AAPL'] });
    expect(invoke).toHaveBeenCalledWith(IPC_CALL_PREFIX + 'recorder:start', { symbols: ['AAPL'] });
    const on = bridge.on as (e: string, cb: () => void) => () => void;
    expect(() => on('not:allowed', () => {})).toThrow(/Unknown Tapedeck event/);
    for (const e of EVENT_NAMES) expect(typeof on(e, () => {})).toBe('function');
    vi.doUnmock('electron');
  });
});
