import { migration001 } from './001-initial';
import { migration002 } from './002-trading';
import { migration003 } from './003-ledger';
import { migration004 } from './004-scheduler';
import { migration005 } from './005-backfill';
import type { Migration } from './migration';

/** Append-only: never edit or reorder a shipped migration; add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];
