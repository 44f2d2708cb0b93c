/**
 * DBN decode rate: the fixture's MBP-10 records repeated into a 200,000-record plain DBN buffer (and the
 * same zstd-compressed file decoded many times), through the pure TypeScript decoder.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeMetadata } from '../../src-main/backfill/databento/dbn/metadata';
import { dbnBytes, forEachRecord } from '../../src-main/backfill/databento/dbn/decode';

type Figure = { name: string; value: number; unit: string };
const FIXTURES = process.env.TAPEDECK_FIXTURES ?? resolve('..', 'shared', 'fixtures');

export async function benchDbn(): Promise<Figure[]> {
  const plain = new Uint8Array(readFileSync(join(FIXTURES, 'databento', 'dbn_test_data.mbp-10.dbn')));
  const meta = decodeMetadata(plain);
  const records = plain.subarray(meta.recordsOffset);
  const copies = 100_000;
  const big = new Uint8Array(meta.recordsOffset + records.length * copies);
  big.set(plain.subarray(0, meta.recordsOffset));
  for (let i = 0; i < copies; i++) big.set(records, meta.recordsOffset + i * records.length);
  let n = 0;
  forEachRecord(big, () => n++); // warm-up
  n = 0;
  const t0 = performance.now();
  forEachRecord(big, () => n++);
  const seconds = (performance.now() - t0) / 1000;
  const zst = new Uint8Array(readFileSync(join(FIXTURES, 'databento', 'dbn_test_data.mbp-10.v3.dbn.zst')));
  const t1 = performance.now();
  for (let i = 0; i < 2000; i++) forEachRecord(dbnBytes(zst), () => undefined);
  const zstSeconds = (performance.now() - t1) / 1000;
  return [
    { name: 'dbn mbp-10 decode rate', value: n / seconds, unit: 'records/s' },
    { name: 'dbn mbp-10 decode throughput', value: big.length / seconds / 1e6, unit: 'MB/s' },
    { name: 'dbn small zstd files decoded', value: 2000 / zstSeconds, unit: 'files/s' },
  ];
}
