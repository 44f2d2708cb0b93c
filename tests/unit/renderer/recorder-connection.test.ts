import { describe, expect, it } from 'vitest';
import type { StreamInfo } from '../../../src-shared/contract/features/recorder';
import { depthSlotsUsed, moveInQueue, qualityCell, sortStreams } from '../../../src-renderer/src/features/recorder/recorder-logic';
import { formFrom, validateConnection } from '../../../src-renderer/src/features/connection/connection-form';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/features/settings';

const s = (symbol: string, state: StreamInfo['state'], queuePosition: number | null = null): StreamInfo => ({
  symbol, sessionId: symbol, state, queuePosition, reason: null, depthMessages: 0, tickMessages: 0, rowsWritten: 0,
  bytes: 0, rate: 0, lastUpdate: null, startedAt: 0,
});

describe('recorder logic', () => {
  it('colours the live quality score and lists its reasons in the tooltip', () => {
    expect(qualityCell(null)).toMatchObject({ text: '—', tone: 'none' });
    const base = { reasons: [], stalePeriods: 0, gaps: 0, resubscribes1101: 0, resets: 0 };
    expect(qualityCell({ ...base, score: 100 })).toMatchObject({ text: '100', tone: 'good' });
    const poor = qualityCell({ ...base, score: 64.5, gaps: 2, reasons: ['−20: 2 gap(s), 0 1101 resubscribe(s), 0 book reset(s) (316/317)'] });
    expect(poor.tone).toBe('poor');
    expect(poor.title).toContain('−20: 2 gap(s)');
    expect(poor.title).toContain('2 gap(s), 0 1101');
    expect(qualityCell({ ...base, score: 75 }).tone).toBe('fair');
  });
  it('moves a symbol within the queue and stops at the ends', () => {
    expect(moveInQueue(['A', 'B', 'C'], 'B', -1)).toEqual(['B', 'A', 'C']);
    expect(moveInQueue(['A', 'B', 'C'], 'C', 1)).toEqual(['A', 'B', 'C']);
    expect(moveInQueue(['A', 'B'], 'Z', 1)).toEqual(['A', 'B']);
  });
  it('orders active streams first, the queue by position, finished last', () => {
    const out = sortStreams([s('Z', 'stopped'), s('Q2', 'queued', 2), s('Q1', 'queued', 1), s('R', 'recording'), s('T', 'tape-only')]);
    expect(out.map((x) => x.symbol)).toEqual(['R', 'T', 'Q1', 'Q2', 'Z']);
  });
  it('counts depth slots in use', () => {
    expect(depthSlotsUsed([s('A', 'recording'), s('B', 'starting'), s('C', 'tape-only'), s('D', 'queued')])).toBe(2);
  });
});

describe('connection form', () => {
  it('accepts the defaults', () => {
    const r = validateConnection(formFrom(DEFAULT_SETTINGS.connection));
    expect(r.ok).toBe(true);
  });
  it('reports field errors with the schema messages', () => {
    const r = validateConnection({ ...formFrom(DEFAULT_SETTINGS.connection), port: '70000', host: '', clientId: '1.5' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.port).toBe('Port must be 1-65535');
    expect(r.errors.host).toBe('Host is required');
    expect(r.errors.clientId).toBe('Client id must be a whole number');
  });
  it('rejects an empty number instead of reading it as 0', () => {
    const r = validateConnection({ ...formFrom(DEFAULT_SETTINGS.connection), port: ' ' });
    expect(r.ok).toBe(false);
  });
});
