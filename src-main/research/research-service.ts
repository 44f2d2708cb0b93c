/**
 * Research inside the app: research:export writes the Parquet archive (one export at a time), research:query
 * runs the renderer's SQL through the engine port (opened on first use, reopened after an export wrote
 * files so new datasets get their views), research:examples lists the saved queries.
 */
import { mkdirSync } from 'node:fs';
import { err, ok, type Result } from '../../src-shared/contract/result';
import {
  RESEARCH_MAX_ROWS, type ResearchExample, type ResearchExportProgress, type ResearchExportRequest, type ResearchExportResult,
  type ResearchQueryRequest, type ResearchQueryResult,
} from '../../src-shared/contract/features/research';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { QueryError, type ResearchEngine, type ResearchEngineFactory } from './engine-port';
import { RESEARCH_EXAMPLES } from './examples';
import { researchRoot, runExport } from './export';
import { DEFAULT_DATASETS } from './schema';
import type { HitRow } from './sources';

export const QUERY_TIMEOUT_MS = 30_000;

export interface ResearchServiceDeps {
  dataDir: string;
  clock: Clock;
  log: Logger;
  openEngine: ResearchEngineFactory;
  /** The scanner's hits (every day), exported as the `hits` dataset. */
  hits(): HitRow[];
  emit(p: ResearchExportProgress): void;
  timeoutMs?: number;
}

export class ResearchService {
  private engine: Promise<ResearchEngine> | null = null;
  private exporting = false;

  constructor(private readonly d: ResearchServiceDeps) {}

  get root(): string {
    return researchRoot(this.d.dataDir);
  }

  async export(req: ResearchExportRequest): Promise<Result<ResearchExportResult>> {
    if (this.exporting) return err('LIMIT_REACHED', 'An export is already running; wait for it to finish.');
    this.exporting = true;
    try {
      const s = await runExport({
        dataDir: this.d.dataDir, clock: this.d.clock, hits: this.d.hits(), symbols: req.symbols, from: req.from, to: req.to,
        datasets: req.datasets ?? DEFAULT_DATASETS, onProgress: (p) => this.d.emit(p),
      });
      if (s.written > 0) this.closeEngine();
      for (const f of s.failed) this.d.log.warn('research export failed for a source', f);
      return ok(s);
    } catch (e) {
      return err('INTERNAL', `The export stopped: ${(e as Error).message}`);
    } finally {
      this.exporting = false;
    }
  }

  async query(req: ResearchQueryRequest): Promise<Result<ResearchQueryResult>> {
    let engine: ResearchEngine;
    try {
      engine = await this.open();
    } catch (e) {
      this.engine = null;
      return err('INTERNAL', `The research engine could not start: ${(e as Error).message}`);
    }
    try {
      const out = await engine.query(req.sql, { maxRows: req.maxRows ?? RESEARCH_MAX_ROWS, timeoutMs: this.d.timeoutMs ?? QUERY_TIMEOUT_MS });
      return ok(out);
    } catch (e) {
      if (e instanceof QueryError) return err(e.kind === 'timeout' ? 'LIMIT_REACHED' : 'INVALID_INPUT', e.message);
      return err('INTERNAL', (e as Error).message);
    }
  }

  examples(): ResearchExample[] {
    return RESEARCH_EXAMPLES.map((e) => ({ ...e }));
  }

  private open(): Promise<ResearchEngine> {
    if (!this.engine) {
      mkdirSync(this.root, { recursive: true });
      this.engine = this.d.openEngine(this.root);
    }
    return this.engine;
  }

  private closeEngine(): void {
    const e = this.engine;
    this.engine = null;
    void e?.then((x) => x.close()).catch(() => undefined);
  }

  dispose(): void {
    this.closeEngine();
  }
}
