import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFlexFile } from '../../../src-main/history/flex/flex-import';
import { FlexWebServiceClient } from '../../../src-main/history/flex/flex-web-service';
import { HistoryService } from '../../../src-main/history/history-service';
import { MemorySecretStore } from '../../../src-main/history/secret-store';
import { ManualClock } from '../../../src-main/platform/clock';
import { type BuiltReport, type ReportProgress, buildReport } from '../../../src-main/reports/build-report';
import { CHROMIUM_PATH, chromiumPrinter } from '../../../src-main/reports/pdf';
import { TRADERVUE_COLUMNS } from '../../../src-main/reports/tradervue-csv';
import { openStorage, type Storage } from '../../../src-main/storage';
import { etToEpoch } from '../../../src-shared/domain/et-time';
import { makeTempDir } from '../../support/temp-dir';
import { hasPdftoppm, inkShare } from './pdf-pixels';

const DATE = '2026-03-02';
const hasChromium = existsSync(CHROMIUM_PATH);

describe('daily report', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  let built: BuiltReport;
  const progress: ReportProgress[] = [];
  beforeAll(async () => {
    tmp = makeTempDir();
    storage = openStorage(tmp.dir, { clock: new ManualClock(1) });
    await importFlexFile(storage.ledger, join(import.meta.dirname, '..', '..', 'fixtures', 'flex', 'activity.xml'));
    // 1-minute AAPL bars 09:30–10:10 ET rising 10 cents a minute from 179.80; a scanner hit before the entry.
    const bars = Array.from({ length: 40 }, (_, i) => {
      const o = 179.8 + i * 0.1;
      return { tsOpen: etToEpoch(DATE, 9, 30 + i), open: o, high: o + 0.15, low: o - 0.1, close: o + 0.05, volume: 1000 };
    });
    storage.bars.putDay('AAPL', '1m', DATE, true, bars, true, 1);
    storage.hits.record({ symbol: 'AAPL', ts: etToEpoch(DATE, 9, 20), gapPct: 6.5, rvol: 3.2, score: 1, source: 'TOP_PERC_GAIN' });
    const history = new HistoryService({ ledger: storage.ledger, hits: storage.hits, bars: storage.bars, secrets: new MemorySecretStore(), flex: new FlexWebServiceClient() });
    built = await buildReport(history, {
      date: DATE, outDir: join(tmp.dir, 'reports'), now: Date.UTC(2026, 2, 2, 22), printer: hasChromium ? chromiumPrinter() : undefined,
      formats: hasChromium ? undefined : ['md', 'csv', 'html'], onProgress: (p) => progress.push(p),
    });
  }, 60_000);
  afterAll(() => {
    storage.close();
    tmp.cleanup();
  });

  it('writes reports/YYYY-MM-DD/ with every format and reports progress step by step', () => {
    expect(built.dir).toBe(join(tmp.dir, 'reports', DATE));
    for (const f of Object.values(built.files)) expect(existsSync(f!)).toBe(true);
    expect(progress.map((p) => p.step)).toEqual(['gather', 'md', 'csv', 'html', ...(hasChromium ? ['pdf'] : []), 'done']);
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)!.total });
  });

  it("the numbers: 3 trips, net $238.40, equal to IB's realized P&L; scanner context and bar MAE/MFE joined", () => {
    const { stats, reconciliation, trips, breakdowns } = built.data;
    expect(stats.trips).toBe(3);
    expect(stats.net).toBeCloseTo(112 + 98 + 28.4, 9);
    expect(reconciliation).toMatchObject({ tripsCompared: 3, tripsWithoutIb: 0, difference: 0 });
    expect(breakdowns.gapPct.map((r) => [r.key, r.trips])).toEqual([['5–10 %', 1], ['unknown', 2]]);
    const aapl = trips.find((t) => t.symbol === 'AAPL')!;
    expect(aapl.excursionSource).toBe('bars');
    expect(aapl.mfe!).toBeGreaterThan(aapl.net);
  });

  it('Markdown and the Tradervue CSV carry the same day', () => {
    const md = readFileSync(built.files.md!, 'utf8');
    expect(md).toContain('# Trading day 2026-03-02');
    expect(md).toContain('| Net P&L | +$238.40 |');
    expect(md).toContain('| Difference | $0.00 |');
    const csv = readFileSync(built.files.csv!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe(TRADERVUE_COLUMNS.join(','));
    expect(csv).toHaveLength(8);
    expect(csv[1]).toBe('2026-03-02,09:35:10,AAPL,100,180,Buy,1.0000');
    expect(csv[3]).toBe('2026-03-02,09:50:00,AAPL,120,181.2,Sell,1.0000');
  });

  it('the HTML is self-contained: inline SVG charts, no script, no external reference', () => {
    const html = readFileSync(built.files.html!, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\s(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html.match(/<svg /g)!.length).toBe(2 + 3); // P&L curve, calendar, one candle chart per trip
    expect(html).toContain('aria-label="AAPL candles with fills"');
    expect(html).toContain('+$238.40');
  });

  it.skipIf(!hasChromium)('the PDF renders to a non-blank page', () => {
    const pdf = readFileSync(built.files.pdf!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPdftoppm) {
      expect(pdf.length).toBeGreaterThan(10_000);
      return;
    }
    expect(inkShare(built.files.pdf!, tmp.dir)).toBeGreaterThan(0.01);
  });
});
