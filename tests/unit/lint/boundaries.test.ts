import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The runtime boundaries of DESIGN §1 are enforced by lint; prove the rules bite.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('refuses electron outside the shell', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'src-main/scanner/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'src-main/app.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('allows electron in the shell and the preload', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await ruleIds(code, 'src-main/electron/x.ts')).not.toContain('no-restricted-imports');
    expect(await ruleIds(code, 'src-main/main.ts')).not.toContain('no-restricted-imports');
    expect(await ruleIds(code, 'src-preload/index.ts')).not.toContain('no-restricted-imports');
  });

  it('keeps src-shared pure', async () => {
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src-shared/domain/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds("import { z } from 'zod';\nimport { ok } from '../contract/result';\nexport const q = [z, ok];\n", 'src-shared/domain/x.ts')).not.toContain(
      'no-restricted-imports',
    );
  });

  it('keeps the renderer out of main', async () => {
    expect(await ruleIds("import { createApp } from '../../src-main/app';\nexport const c = createApp;\n", 'src-renderer/src/x.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('keeps services away from @stoqey/ib and better-sqlite3', async () => {
    expect(await ruleIds("import { IBApi } from '@stoqey/ib';\nexport const i = IBApi;\n", 'src-main/scanner/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import Database from 'better-sqlite3';\nexport const d = Database;\n", 'src-main/recorder/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds("import { IBApi } from '@stoqey/ib';\nexport const i = IBApi;\n", 'src-main/broker/x.ts')).not.toContain(
      'no-restricted-imports',
    );
  });
  it('keeps DuckDB behind the research engine port', async () => {
    const code = "import { DuckDBInstance } from '@duckdb/node-api';\nexport const d = DuckDBInstance;\n";
    expect(await ruleIds(code, 'src-main/research/research-service.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'src-main/storage/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'src-renderer/src/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'src-main/research/duckdb-engine.ts')).not.toContain('no-restricted-imports');
    expect(await ruleIds("import Database from 'better-sqlite3';\nexport const d = Database;\n", 'src-main/research/duckdb-engine.ts')).toContain('no-restricted-imports');
  });
});
