import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyManifest, isCurrent, type ManifestEntry, readManifest, writeManifest } from '../../../src-main/research/manifest';
import { RESEARCH_SCHEMA_VERSION } from '../../../src-main/research/schema';
import { makeTempDir } from '../../support/temp-dir';

const entry = (path: string, bytes: number): ManifestEntry => ({
  path, dataset: 'depth', rows: 3, firstTs: 1, lastTs: 2, source: 'recordings/x', sourceFingerprint: 'fp1',
  schemaVersion: RESEARCH_SCHEMA_VERSION, bytes, sha256: 'ab', exportedAt: 5,
});

describe('research manifest', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  afterEach(() => tmp.cleanup());

  it('round-trips sorted by path, and reads absent or junk as empty', () => {
    tmp = makeTempDir();
    expect(readManifest(tmp.dir)).toEqual(emptyManifest());
    writeManifest(tmp.dir, { ...emptyManifest(), updatedAt: 9, files: [entry('b/x.parquet', 1), entry('a/x.parquet', 2)] });
    const m = readManifest(tmp.dir);
    expect(m.schemaVersion).toBe(RESEARCH_SCHEMA_VERSION);
    expect(m.files.map((f) => f.path)).toEqual(['a/x.parquet', 'b/x.parquet']);
    writeFileSync(join(tmp.dir, 'manifest.json'), '{not json');
    expect(readManifest(tmp.dir).files).toEqual([]);
  });

  it('calls an entry current only for the same fingerprint, schema version and file size', () => {
    tmp = makeTempDir();
    mkdirSync(join(tmp.dir, 'a'));
    writeFileSync(join(tmp.dir, 'a/x.parquet'), 'abcd');
    const e = entry('a/x.parquet', 4);
    expect(isCurrent(tmp.dir, e, 'fp1')).toBe(true);
    expect(isCurrent(tmp.dir, e, 'fp2')).toBe(false);
    expect(isCurrent(tmp.dir, { ...e, schemaVersion: '0' }, 'fp1')).toBe(false);
    expect(isCurrent(tmp.dir, { ...e, bytes: 5 }, 'fp1')).toBe(false);
    expect(isCurrent(tmp.dir, { ...e, path: 'a/y.parquet' }, 'fp1')).toBe(false);
    expect(isCurrent(tmp.dir, undefined, 'fp1')).toBe(false);
  });
});
