import type { Db } from './database';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

/**
 * Brings the schema to the newest version. PRAGMA user_version records the last migration applied;
 * each step runs in its own transaction together with the version bump, so a crash leaves either
 * the old or the new schema, never half of one. Returns the versions it applied.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  checkOrder(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (current > newest) {
    throw new Error(
      `The data file's schema (version ${current}) is newer than this Tapedeck (version ${newest}); update Tapedeck or use another data directory.`,
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
