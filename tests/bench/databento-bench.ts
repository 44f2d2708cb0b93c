/**
 * DataBento MBP-10 → session conversion rate: 200,000 synthetic MBP-10 records behind a real file's metadata,
 * streamed through the converter into a session folder. Two feeds: incremental (one level per record, a
 * shift of the whole side one record in ten, like real MBP-10) and the worst case (every level moves).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { convertDbnToSession } from '../../src-main/backfill/databento/convert';
import type { DbnLevel } from '../../src-main/backfill/databento/dbn/decode';
import { syntheticDbn, syntheticMbp, type SyntheticRecord } from '../support/synthetic-dbn';
import { rng } from '../support/synthetic-depth';

type Figure = { name: string; value: number; unit: string };
const FIXTURES = process.env.TAPEDECK_FIXTURES ?? resolve('..', 'shared', 'fixtures');

/** Like a real feed: each record changes one level's size, and one in ten shifts a side by a tick. */
function incrementalMbp(seed: number, n: number, t0: bigint): SyntheticRecord[] {
  const rand = rng(seed);
  const levels: DbnLevel[] = Array.from({ length: 10 }, (_, l) => ({ bidPx: 99.99 - l / 100, askPx: 100.01 + l / 100, bidSz: 100, askSz: 100, bidCt: 1, askCt: 1 }));
  const out: SyntheticRecord[] = [];
  for (let i = 0; i < n; i++) {
    const l = Math.floor(rand() * 10);
    if (rand() < 0.5) levels[l].bidSz = 100 + Math.floor(rand() * 50) * 100;
    else levels[l].askSz = 100 + Math.floor(rand() * 50) * 100;
    if (rand() < 0.1) {
      const up = rand() < 0.5 ? 1 : -1;
      for (const x of levels) {
        x.bidPx = Math.round(((x.bidPx as number) + up / 100) * 100) / 100;
        x.askPx = Math.round(((x.askPx as number) + up / 100) * 100) / 100;
      }
    }
    out.push({ tsNs: t0 + BigInt(i) * 100_000n, action: i % 7 === 3 ? 'T' : 'A', price: levels[0].bidPx, size: 100, levels: levels.map((x) => ({ ...x })) });
  }
  return out;
}

async function convertRate(label: string, recs: SyntheticRecord[]): Promise<Figure[]> {
  const bytes = syntheticDbn(join(FIXTURES, 'databento', 'XNAS.ITCH_test_data.mbp-10.dbn.zst'), recs);
  const dir = mkdtempSync(join(tmpdir(), 'databento-bench-'));
  try {
    const start = performance.now();
    const res = await convertDbnToSession({ bytes }, { dataDir: dir, symbol: 'NVDA' });
    const seconds = (performance.now() - start) / 1000;
    return [
      { name: `databento mbp-10 convert rate (${label})`, value: recs.length / seconds, unit: 'records/s' },
      { name: `databento depth rows per record (${label})`, value: res.meta.counts.depthMessages / recs.length, unit: 'rows' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDatabento(): Promise<Figure[]> {
  const n = 200_000;
  const t0 = BigInt(Date.UTC(2024, 2, 11, 13, 0, 0)) * 1_000_000n;
  return [...(await convertRate('incremental', incrementalMbp(9, n, t0))), ...(await convertRate('every level moves', syntheticMbp(3, n, t0)))];
}
