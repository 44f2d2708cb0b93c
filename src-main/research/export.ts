/**
 * The research export: every selected source to its Parquet file under `<dataDir>/research` (or `out`),
 * then the manifest. A source whose fingerprint and schema version match the manifest is skipped, so a
 * rerun over an unchanged archive writes nothing; each file goes through a temp file and a rename.
 */
import { join } from 'node:path';
import type { Clock } from '../platform/clock';
import { type ManifestEntry, isCurrent, readManifest, writeManifest } from './manifest';
import { encodeDataset, sha256, writeAtomic } from './parquet-file';
import { RESEARCH_SCHEMA_VERSION } from './schema';
import { type ExportFilter, type HitRow, planTasks } from './sources';

export const researchRoot = (dataDir: string): string => join(dataDir, 'research');

export interface ExportOptions extends ExportFilter {
  dataDir: string;
  out?: string;
  hits?: readonly HitRow[];
  clock: Clock;
  onProgress?: (p: { done: number; total: number; path: string; written: boolean }) => void;
}

export interface ExportSummary {
  root: string;
  files: number;
  written: number;
  skipped: number;
  failed: Array<{ source: string; error: string }>;
  rows: number;
  bytes: number;
  durationMs: number;
}

/** Yields to the event loop between files, so the app stays responsive while a large archive exports. */
export async function runExport(o: ExportOptions): Promise<ExportSummary> {
  const started = performance.now();
  const root = o.out ?? researchRoot(o.dataDir);
  const manifest = readManifest(root);
  const byPath = new Map(manifest.files.map((e) => [e.path, e]));
  const tasks = planTasks(o.dataDir, o, o.hits ?? []);
  const s: ExportSummary = { root, files: tasks.length, written: 0, skipped: 0, failed: [], rows: 0, bytes: 0, durationMs: 0 };
  for (const [k, task] of tasks.entries()) {
    if (k > 0) await new Promise<void>((r) => setImmediate(r));
    let written = false;
    if (isCurrent(root, byPath.get(task.path), task.fingerprint)) {
      s.skipped++;
    } else {
      try {
        const cols = task.build();
        const bytes = encodeDataset(task.dataset, cols.data, cols.rows, { 'tapedeck.source': task.source });
        writeAtomic(join(root, task.path), bytes);
        const entry: ManifestEntry = {
          path: task.path, dataset: task.dataset, rows: cols.rows, firstTs: cols.firstTs, lastTs: cols.lastTs, source: task.source,
          sourceFingerprint: task.fingerprint, schemaVersion: RESEARCH_SCHEMA_VERSION, bytes: bytes.length, sha256: sha256(bytes), exportedAt: o.clock.now(),
        };
        byPath.set(task.path, entry);
        s.written++;
        s.rows += cols.rows;
        s.bytes += bytes.length;
        written = true;
      } catch (e) {
        s.failed.push({ source: task.source, error: (e as Error).message });
      }
    }
    o.onProgress?.({ done: k + 1, total: tasks.length, path: task.path, written });
  }
  if (s.written > 0 || !manifest.updatedAt) writeManifest(root, { ...manifest, schemaVersion: RESEARCH_SCHEMA_VERSION, updatedAt: o.clock.now(), files: [...byPath.values()] });
  s.durationMs = performance.now() - started;
  return s;
}

/** The old tools' one line: `SUMMARY WRITE=n SKIP=n ERROR=n files=n rows=n bytes=n duration=1.234s`. */
export const summaryLine = (s: ExportSummary): string =>
  `SUMMARY WRITE=${s.written} SKIP=${s.skipped} ERROR=${s.failed.length} files=${s.files} rows=${s.rows} bytes=${s.bytes} duration=${(s.durationMs / 1000).toFixed(3)}s`;
