/** The port the research service queries through; src-main/research/duckdb-engine.ts is its one adapter. */

export interface QueryColumn {
  name: string;
  type: string;
}

export interface QueryOutput {
  columns: QueryColumn[];
  /** Row-major JSON values: numbers, strings (timestamps, dates, decimals, big integers), booleans, null. */
  rows: unknown[][];
  /** True when the query had more rows than `maxRows` (only the first `maxRows` are here). */
  truncated: boolean;
  elapsedMs: number;
}

export interface QueryLimits {
  maxRows: number;
  timeoutMs: number;
}

/** A refused or failed query, with the words to show. `kind` says whether the SQL or a limit was at fault. */
export class QueryError extends Error {
  constructor(readonly kind: 'refused' | 'failed' | 'timeout', message: string) {
    super(message);
  }
}

export interface ResearchEngine {
  /** Runs one read-only query; rejects with a QueryError. Queries run one at a time, in call order. */
  query(sql: string, limits: QueryLimits): Promise<QueryOutput>;
  close(): void;
}

/** Opens an engine over the research folder `root` (its views: one per dataset). */
export type ResearchEngineFactory = (root: string) => Promise<ResearchEngine>;
