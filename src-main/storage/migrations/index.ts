import { migration001 } from './001-initial';
import { migration002 } from './002-trading';
import type { Migration } from './migration';

/** Append-only: never edit or reorder a shipped migration; add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
