import { readFile } from 'node:fs/promises';
import { type Result, err, ok } from '../../../src-shared/contract/result';
import type { LedgerBatchResult, LedgerRepo } from '../../storage';
import { FLEX_TOKEN_SECRET, type SecretStore } from '../secret-store';
import type { FlexStatementSource } from './flex-web-service';
import type { FlexRowOptions } from './flex-record';
import { type FlexParseResult, parseFlex } from './flex-parse';

export interface FlexImportResult extends LedgerBatchResult {
  format: FlexParseResult['format'];
  executions: number;
  skipped: FlexParseResult['skipped'];
  problems: string[];
  accounts: string[];
}

/** Imports a Flex statement into the ledger. Idempotent: execIds already there are left untouched. */
export function importFlexText(ledger: LedgerRepo, text: string, options: FlexRowOptions = {}): FlexImportResult {
  const parsed = parseFlex(text, options);
  const batch = ledger.recordBatch(parsed.entries, 'import');
  return { ...batch, format: parsed.format, executions: parsed.entries.length, skipped: parsed.skipped, problems: parsed.problems, accounts: parsed.accounts };
}

export async function importFlexFile(ledger: LedgerRepo, file: string, options: FlexRowOptions = {}): Promise<FlexImportResult> {
  return importFlexText(ledger, await readFile(file, 'utf8'), options);
}

/** Fetches a statement through the Flex Web Service with the token kept in the secret store, then imports it. */
export async function importFlexWebService(
  ledger: LedgerRepo,
  secrets: SecretStore,
  source: FlexStatementSource,
  queryId: string,
  options: FlexRowOptions = {},
): Promise<Result<FlexImportResult>> {
  const token = await secrets.get(FLEX_TOKEN_SECRET);
  if (!token) return err('NOT_FOUND', 'No Flex Web Service token is stored: add one in Settings → Journal.');
  const statement = await source.fetchStatement(token, queryId);
  if (!statement.ok) return statement;
  try {
    return ok(importFlexText(ledger, statement.value, options));
  } catch (e) {
    return err('INTERNAL', `IB sent a statement Tapedeck could not read: ${(e as Error).message}`);
  }
}
