/** replay:sessions — the session browser's rows: the catalog (SQLite, main thread) plus what each session.json says. */
import type { z } from 'zod';
import type { ReplaySessionInfo, ReplaySessionsQuery } from '../../src-shared/contract/features/replay';
import { err, ok, type Result } from '../../src-shared/contract/result';
import { readSessionMeta } from '../recording-format/session-meta';
import type { SessionCatalog } from './open-source';

export function listSessions(catalog: SessionCatalog, q: z.output<typeof ReplaySessionsQuery>): Result<ReplaySessionInfo[]> {
  try {
    const rows = catalog.list({ symbol: q.symbol, limit: q.date ? 100_000 : q.limit });
    const picked = rows.filter((r) => q.date === undefined || r.date === q.date).slice(0, q.limit ?? 500);
    return ok(
      picked.map((r) => {
        const meta = readSessionMeta(r.path);
        return {
          ...r, gaps: meta?.gaps?.length ?? 0, markers: meta?.markers?.length ?? 0, error: meta ? meta.error : 'session.json is missing or unreadable',
          quality: meta?.quality ?? null,
        };
      }),
    );
  } catch (e) {
    return err('INTERNAL', `Could not read the recordings catalog: ${(e as Error).message}`);
  }
}
