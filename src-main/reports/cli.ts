/**
 * `npm run report -- --data-dir <dir> --date <YYYY-MM-DD> [--out <dir>] [--format md,csv,html,pdf] [--method fifo|lifo|average]`
 * Writes <out>/<date>/ from the journal in <dir>/tapedeck.db. `--help` prints usage; `--describe` prints
 * the inputs and outputs as JSON. Exit 0 done, 2 bad arguments, 1 failure.
 */
import { join, resolve } from 'node:path';
import { isYmd } from '../../src-shared/domain/civil-date';
import { MatchMethod } from '../../src-shared/domain/trades/round-trip';
import { parseArgs } from '../cli-args';
import { FlexWebServiceClient } from '../history/flex/flex-web-service';
import { HistoryService } from '../history/history-service';
import { MemorySecretStore } from '../history/secret-store';
import { openStorage } from '../storage';
import { REPORT_FILES, REPORT_FORMATS, type ReportFormat, buildReport } from './build-report';
import { chromiumPrinter } from './pdf';

export const DESCRIPTION = {
  name: 'report',
  summary: "Writes one trading day's journal report: Markdown, Tradervue CSV, self-contained HTML and PDF.",
  inputs: [
    { flag: '--data-dir', type: 'path', required: true, description: 'Tapedeck data directory holding tapedeck.db' },
    { flag: '--date', type: 'YYYY-MM-DD', required: true, description: 'ET trading date to report' },
    { flag: '--out', type: 'path', required: false, default: '<data-dir>/reports', description: 'folder that receives <date>/' },
    { flag: '--format', type: 'csv list', required: false, default: REPORT_FORMATS.join(','), description: `any of ${REPORT_FORMATS.join(', ')}` },
    { flag: '--method', type: 'fifo|lifo|average', required: false, default: 'fifo', description: 'lot matching for per-fill P&L' },
  ],
  outputs: REPORT_FORMATS.map((f) => ({ path: `<out>/<date>/${REPORT_FILES[f]}`, format: f })),
  stdout: 'one line per file written, then "done <dir>"',
};

const USAGE = `Usage: npm run report -- --data-dir <dir> --date <YYYY-MM-DD> [--out <dir>] [--format ${REPORT_FORMATS.join(',')}] [--method fifo|lifo|average]
       npm run report -- --describe   (inputs and outputs as JSON)`;

export interface CliRun {
  dataDir: string;
  date: string;
  out: string;
  formats: ReportFormat[];
  method: MatchMethod;
}

export function parseCli(argv: string[]): CliRun | 'help' | 'describe' {
  const a = parseArgs(argv.filter((x) => x !== '--'));
  if (a.has('help')) return 'help';
  if (a.has('describe')) return 'describe';
  const dataDir = a.get('data-dir');
  const date = a.get('date');
  if (typeof dataDir !== 'string') throw new Error('--data-dir is required');
  if (typeof date !== 'string' || !isYmd(date)) throw new Error('--date must be YYYY-MM-DD');
  const fmt = a.get('format');
  const formats = (typeof fmt === 'string' ? fmt.split(',') : [...REPORT_FORMATS]).map((s) => s.trim()).filter(Boolean);
  const bad = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (bad.length || formats.length === 0) throw new Error(`--format takes ${REPORT_FORMATS.join(',')} (got ${bad.join(',') || 'nothing'})`);
  const method = MatchMethod.safeParse(a.get('method') ?? 'fifo');
  if (!method.success) throw new Error('--method is fifo, lifo or average');
  const out = a.get('out');
  return { dataDir: resolve(dataDir), date, out: typeof out === 'string' ? resolve(out) : join(resolve(dataDir), 'reports'), formats: formats as ReportFormat[], method: method.data };
}

async function main(): Promise<number> {
  let run: ReturnType<typeof parseCli>;
  try {
    run = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`report: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (run === 'help') return process.stdout.write(`${USAGE}\n`), 0;
  if (run === 'describe') return process.stdout.write(`${JSON.stringify(DESCRIPTION, null, 2)}\n`), 0;
  const storage = openStorage(run.dataDir);
  try {
    const history = new HistoryService({ ledger: storage.ledger, hits: storage.hits, bars: storage.bars, secrets: new MemorySecretStore(), flex: new FlexWebServiceClient() });
    const built = await buildReport(history, { date: run.date, outDir: run.out, formats: run.formats, method: run.method, now: Date.now(), printer: chromiumPrinter() });
    for (const f of run.formats) process.stdout.write(`${f} ${built.files[f]}\n`);
    process.stdout.write(`done ${built.dir} (${built.data.trips.length} trips, net ${built.data.stats.net.toFixed(2)})\n`);
    return 0;
  } finally {
    storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`report: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
