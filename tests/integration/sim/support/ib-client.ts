/** A real @stoqey/ib IBApi connected to the simulator, recording every event for assertions. */
import { EventName, IBApi } from '@stoqey/ib';
import { waitFor } from '../../../support/wait';

export interface Recorded {
  name: string;
  args: unknown[];
}

export class IbTestClient {
  readonly ib: IBApi;
  readonly events: Recorded[] = [];
  nextValidId = 0;

  constructor(port: number, readonly clientId: number, maxReqPerSec = 1000) {
    this.ib = new IBApi({ host: '127.0.0.1', port, clientId, maxReqPerSec });
    this.ib.on(EventName.all, (name: string, args: unknown[]) => this.events.push({ name, args }));
    this.ib.on(EventName.nextValidId, (id: number) => (this.nextValidId = id));
  }

  /** `maxReqPerSec` defaults high so tests run fast; pass 40 (@stoqey/ib's default) to stay under IB's 50 msg/s. */
  static async connect(port: number, clientId = Math.floor(Math.random() * 30000) + 1, maxReqPerSec = 1000): Promise<IbTestClient> {
    const c = new IbTestClient(port, clientId, maxReqPerSec);
    c.ib.connect();
    await waitFor(() => c.nextValidId > 0, { message: `nextValidId for client ${clientId}` });
    return c;
  }

  of(name: string): unknown[][] {
    return this.events.filter((e) => e.name === name).map((e) => e.args);
  }

  /** Error events as { code, reqId, message }. */
  errors(): Array<{ code: number; reqId: number; message: string }> {
    return this.of('error').map(([err, code, reqId]) => ({ message: err instanceof Error ? err.message : String(err), code: Number(code), reqId: Number(reqId) }));
  }

  infos(): Array<{ code: number; message: string }> {
    return this.of('info').map(([message, code]) => ({ message: String(message), code: Number(code) }));
  }

  async waitFor<T>(check: () => T, message: string, timeout = 5000): Promise<NonNullable<T>> {
    return waitFor(check, { message, timeout });
  }

  /** @stoqey/ib's decoder complaints about field counts (exact counts are required). */
  decodeErrors(): string[] {
    return this.errors().filter((e) => /unprocessed data|Underrun|No parser/i.test(e.message)).map((e) => e.message);
  }

  disconnect(): void {
    this.ib.disconnect();
  }
}
