/** The one-click report behind `reports:build`: one build at a time, progress as events, a Result either way. */
import { type Result, err, ok } from '../../src-shared/contract/result';
import type { MatchMethod } from '../../src-shared/domain/trades/round-trip';
import type { HistoryService } from '../history/history-service';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { type ReportFormat, type ReportProgress, buildReport } from './build-report';
import type { PdfPrinter } from './pdf';

export interface ReportsDeps {
  history: HistoryService;
  clock: Clock;
  /** <data dir>/reports */
  outDir: string;
  /** Electron's printToPDF in the shell, headless Chromium under serve; absent = no PDF. */
  printer?: PdfPrinter;
  emitProgress: (p: ReportProgress) => void;
  log: Logger;
}

export class ReportsService {
  private running = false;

  constructor(private readonly deps: ReportsDeps) {}

  async build(req: { date: string; formats?: ReportFormat[]; method?: MatchMethod }): Promise<Result<{ dir: string; files: Partial<Record<ReportFormat, string>> }>> {
    if (this.running) return err('LIMIT_REACHED', 'A report is already being built; try again when it is done.');
    const formats = req.formats ?? (this.deps.printer ? ['md', 'csv', 'html', 'pdf'] : ['md', 'csv', 'html']);
    if (formats.includes('pdf') && !this.deps.printer) return err('INVALID_INPUT', 'PDF printing is not available in this run (no Chromium found).');
    this.running = true;
    try {
      const built = await buildReport(this.deps.history, {
        date: req.date, outDir: this.deps.outDir, formats, method: req.method, now: this.deps.clock.now(), printer: this.deps.printer, onProgress: this.deps.emitProgress,
      });
      this.deps.log.info('report written', { date: req.date, dir: built.dir, trips: built.data.trips.length, ms: Math.round(Object.values(built.timings).reduce((s, t) => s + (t ?? 0), 0)) });
      return ok({ dir: built.dir, files: built.files });
    } catch (e) {
      this.deps.log.error('report failed', { date: req.date, error: (e as Error).message });
      return err('INTERNAL', `The report for ${req.date} could not be written: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
