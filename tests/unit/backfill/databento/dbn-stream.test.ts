/** The chunked DBN reader gives the same metadata and records as the whole-buffer decoder, whatever the chunking. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DbnMbpRecord, decodeDbn, DbnFormatError } from '../../../../src-main/backfill/databento/dbn/decode';
import { DbnStreamDecoder, forEachRecordInFile, forEachRecordInFileAsync } from '../../../../src-main/backfill/databento/dbn/stream';
import { fixture, hasFixtures } from '../../../support/fixtures';
import { rng } from '../../../support/synthetic-depth';
import { makeTempDir } from '../../../support/temp-dir';

const FILES = ['XNAS.ITCH_test_data.mbp-10.dbn.zst', 'XNAS.ITCH_test_data.trades.dbn.zst', 'dbn_test_data.mbp-10.dbn',
  'dbn_test_data.mbp-10.v1.dbn.zst', 'dbn_test_data.mbp-10.v2.dbn.zst', 'dbn_test_data.mbp-10.v3.dbn.zst', 'dbn_test_data.trades.dbn'];

describe.skipIf(!hasFixtures)('DBN stream decoder', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir('dbn-stream-')));
  afterEach(() => tmp.cleanup());

  for (const name of FILES) {
    it(`${name}: random chunkings and the file reader match decodeDbn`, () => {
      const bytes = new Uint8Array(readFileSync(fixture('databento', name)));
      const whole = decodeDbn(bytes);
      const rand = rng(name.length * 31);
      for (let run = 0; run < 5; run++) {
        const recs: DbnMbpRecord[] = [];
        const dec = new DbnStreamDecoder({ onRecord: (r) => recs.push(r) });
        for (let off = 0; off < bytes.length; ) {
          const n = 1 + Math.floor(rand() * 200);
          dec.push(bytes.subarray(off, off + n));
          off += n;
        }
        dec.push(new Uint8Array(0), true);
        expect(dec.end().metadata).toEqual(whole.metadata);
        expect(recs).toEqual(whole.records);
      }
      const recs: DbnMbpRecord[] = [];
      expect(forEachRecordInFile(fixture('databento', name), { onRecord: (r) => recs.push(r) }).metadata).toEqual(whole.metadata);
      expect(recs).toEqual(whole.records);
    });

    it(`${name}: the async reader in 100-byte chunks matches too`, async () => {
      const whole = decodeDbn(new Uint8Array(readFileSync(fixture('databento', name))));
      const recs: DbnMbpRecord[] = [];
      const read = await forEachRecordInFileAsync(fixture('databento', name), { onRecord: (r) => recs.push(r) }, 100);
      expect(read.metadata).toEqual(whole.metadata);
      expect(recs).toEqual(whole.records);
    });
  }

  it('a file cut inside a record is an error, not a silent short read', () => {
    const plain = readFileSync(fixture('databento', 'dbn_test_data.mbp-10.dbn'));
    const cut = join(tmp.dir, 'cut.dbn');
    writeFileSync(cut, plain.subarray(0, plain.length - 10));
    expect(() => forEachRecordInFile(cut, { onRecord: () => {} })).toThrow(DbnFormatError);
  });
});
