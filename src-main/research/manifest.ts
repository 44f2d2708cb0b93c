/**
 * research/manifest.json: one entry per exported file (rows, time range, source, schema version, checksum)
 * so a reader elsewhere can check what it was given, and a rerun can tell what is already done.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, RESEARCH_SCHEMA_VERSION } from './schema';
import { writeAtomic } from './parquet-file';

export interface ManifestEntry {
  path: string;
  dataset: string;
  rows: number;
  /** First and last `ts` in the file (epoch ms UTC), null when it has no rows. */
  firstTs: number | null;
  lastTs: number | null;
  source: string;
  sourceFingerprint: string;
  schemaVersion: string;
  bytes: number;
  sha256: string;
  exportedAt: number;
}

export interface Manifest {
  format: 'tapedeck-research';
  schemaVersion: string;
  updatedAt: number;
  files: ManifestEntry[];
}

export const emptyManifest = (): Manifest => ({ format: 'tapedeck-research', schemaVersion: RESEARCH_SCHEMA_VERSION, updatedAt: 0, files: [] });

/** The manifest in `root`, or an empty one when absent or unreadable (everything is then exported again). */
export function readManifest(root: string): Manifest {
  const path = join(root, MANIFEST_FILE);
  if (!existsSync(path)) return emptyManifest();
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m.format === 'tapedeck-research' && Array.isArray(m.files) ? m : emptyManifest();
  } catch {
    return emptyManifest();
  }
}

export function writeManifest(root: string, m: Manifest): void {
  const files = [...m.files].sort((a, b) => a.path.localeCompare(b.path));
  writeAtomic(join(root, MANIFEST_FILE), new TextEncoder().encode(`${JSON.stringify({ ...m, files }, null, 2)}\n`));
}

/** Whether `entry` still describes the file on disk for this source and schema (size checked; the sha256 is for readers). */
export function isCurrent(root: string, entry: ManifestEntry | undefined, fingerprint: string): boolean {
  if (!entry || entry.sourceFingerprint !== fingerprint || entry.schemaVersion !== RESEARCH_SCHEMA_VERSION) return false;
  const path = join(root, entry.path);
  return existsSync(path) && statSync(path).size === entry.bytes;
}
