import type { Db } from '../database';

/** One numbered schema step. `up` is pure SQL against the connection: no I/O, no clock, no data from outside. */
export interface Migration {
  /** 1, 2, 3… — equals the PRAGMA user_version after it has run. */
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}
