/**
 * databento:* — the key (in the secret store), the cost of a window, and one import at a time (a second
 * waits for nobody: it is refused with LIMIT_REACHED so a double click cannot pay twice).
 */
import type { z } from 'zod';
import type {
  DatabentoCost, DatabentoImportInput, DatabentoImportResult, DatabentoKeyInput, DatabentoRequest, DatabentoStatus,
} from '../../../src-shared/contract/features/databento';
import { err, ok, type Result } from '../../../src-shared/contract/result';
import { DATABENTO_KEY_SECRET, type DatabentoDeps, databentoCost, importDatabento } from './import-job';

export class DatabentoService {
  private busy = false;
  constructor(private readonly deps: DatabentoDeps) {}

  async status(): Promise<Result<DatabentoStatus>> {
    const key = await this.deps.secrets.get(DATABENTO_KEY_SECRET);
    return ok({ hasKey: !!key, protection: this.deps.secrets.protection, busy: this.busy });
  }

  async setKey(input: z.output<typeof DatabentoKeyInput>): Promise<Result<DatabentoStatus>> {
    if (input.apiKey === null) await this.deps.secrets.delete(DATABENTO_KEY_SECRET);
    else await this.deps.secrets.set(DATABENTO_KEY_SECRET, input.apiKey);
    return this.status();
  }

  cost(req: DatabentoRequest): Promise<Result<DatabentoCost>> {
    return databentoCost(this.deps, req);
  }

  async import(input: DatabentoImportInput): Promise<Result<DatabentoImportResult>> {
    if (this.busy) return err('LIMIT_REACHED', 'A DataBento import is already running; wait for it to finish.');
    this.busy = true;
    try {
      return await importDatabento(this.deps, input);
    } finally {
      this.busy = false;
    }
  }
}
