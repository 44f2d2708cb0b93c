import type { Migration } from './migration';

/**
 * Placeholder for migration 002, which another branch (orders and audit) owns. It keeps the runner's
 * contiguous numbering on this branch; at merge the real 002 replaces this file.
 */
export const migration002: Migration = { version: 2, name: 'reserved', up: () => {} };
