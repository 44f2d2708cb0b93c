import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { float64s, readStream, strings } from '../../../src-main/recording-format/readers';
import { DEPTH_SCHEMA } from '../../../src-main/recording-format/schemas';
import { batchOf, writeStreamFile } from '../../../src-main/recording-format/table-file';
import { makeTempDir } from '../../support/temp-dir';

describe('column readers', () => {
  const tmp = makeTempDir('replay-readers-');
  afterEach(() => tmp.cleanup());

  it('read Int64, timestamps and Utf8 exactly as apache-arrow does, across batches', () => {
    const makers = ['', 'NSDQ', 'A', 'LONGER-MAKER-NAME', 'Éé', 'NSDQ', 'ARCA1'];
    const row = (i: number) => ({
      tsRecv: 1_718_976_600_000 + i * 37, seq: 2 ** 40 + i, epoch: i, position: i % 3, operation: 1, side: i % 2,
      price: 100 + i / 100, size: i, marketMaker: makers[i % makers.length], isSmart: i % 2 === 0,
    });
    const path = join(tmp.dir, 'depth.arrows');
    writeStreamFile(path, DEPTH_SCHEMA, [batchOf(DEPTH_SCHEMA, Array.from({ length: 50 }, (_, i) => row(i))), batchOf(DEPTH_SCHEMA, Array.from({ length: 30 }, (_, i) => row(50 + i)))]);
    const t = readStream(path, ['tsRecv', 'seq', 'marketMaker']);
    expect(t.numRows).toBe(80);
    for (const c of ['tsRecv', 'seq', 'price', 'epoch']) {
      expect(Array.from(float64s(t, c)), c).toEqual(Array.from(t.getChild(c)!.toArray() as ArrayLike<number | bigint>, Number));
    }
    expect(strings(t, 'marketMaker')).toEqual(Array.from(t.getChild('marketMaker')!.toArray() as ArrayLike<string>));
    expect(strings(t, 'marketMaker').slice(0, 7)).toEqual(makers);
  });
});
