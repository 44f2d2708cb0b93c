/** Writes reports/YYYY-MM-DD/ — report.md, trades.csv (Tradervue generic), report.html, report.pdf — with progress. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MatchMethod } from '../../src-shared/domain/trades/round-trip';
import type { HistoryService } from '../history/history-service';
import { htmlReport } from './html';
import { markdownReport } from './markdown';
import type { PdfPrinter } from './pdf';
import { type DayReport, gatherDayReport } from './report-data';
import { tradervueCsv } from './tradervue-csv';

export const REPORT_FORMATS = ['md', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_FILES: Record<ReportFormat, string> = { md: 'report.md', csv: 'trades.csv', html: 'report.html', pdf: 'report.pdf' };

export interface ReportProgress {
  date: string;
  step: 'gather' | ReportFormat | 'done';
  done: number;
  total: number;
}

export interface BuildReportOptions {
  date: string;
  /** The reports folder; the day's folder is created inside it. */
  outDir: string;
  formats?: readonly ReportFormat[];
  method?: MatchMethod;
  now: number;
  printer?: PdfPrinter;
  onProgress?: (p: ReportProgress) => void;
}

export interface BuiltReport {
  dir: string;
  files: Partial<Record<ReportFormat, string>>;
  data: DayReport;
  timings: Partial<Record<'gather' | ReportFormat, number>>;
}

/** Each file is written beside its final name and renamed, so a reader never sees half a report. */
async function put(file: string, body: string | Buffer): Promise<void> {
  await writeFile(`${file}.tmp`, body);
  await rename(`${file}.tmp`, file);
}

export async function buildReport(history: HistoryService, o: BuildReportOptions): Promise<BuiltReport> {
  const formats = REPORT_FORMATS.filter((f) => (o.formats ?? REPORT_FORMATS).includes(f));
  if (formats.includes('pdf') && !o.printer) throw new Error('A PDF needs a printer (Chromium or Electron).');
  const total = formats.length + 1;
  const progress = (step: ReportProgress['step'], done: number) => o.onProgress?.({ date: o.date, step, done, total });
  const timings: BuiltReport['timings'] = {};
  let t0 = performance.now();
  progress('gather', 0);
  const data = gatherDayReport(history, o.date, o.now, o.method);
  timings.gather = performance.now() - t0;
  const dir = join(o.outDir, o.date);
  await mkdir(dir, { recursive: true });
  const files: BuiltReport['files'] = {};
  let html: string | undefined;
  for (const [i, f] of formats.entries()) {
    progress(f, i + 1);
    t0 = performance.now();
    const file = join(dir, REPORT_FILES[f]);
    if (f === 'md') await put(file, markdownReport(data));
    if (f === 'csv') await put(file, tradervueCsv(data.fills));
    if (f === 'html' || f === 'pdf') html ??= htmlReport(data);
    if (f === 'html') await put(file, html!);
    if (f === 'pdf') await put(file, await o.printer!.print(html!));
    files[f] = file;
    timings[f] = performance.now() - t0;
  }
  progress('done', total);
  return { dir, files, data, timings };
}
