/**
 * "Is the API ready on this port?" answered by the broker's own connect attempt: TCP alone is not enough,
 * the gateway must send MANAGED_ACCTS and NEXT_VALID_ID. The probe session is closed at once; the broker
 * makes its own connection afterwards.
 */
import { EventName } from '@stoqey/ib';
import type { Logger } from '../platform/log';
import { ConnectAttempt, type ConnectFailure } from './connect-attempt';
import type { Scheduler } from './scheduler';

export type ProbeResult =
  | { kind: 'ready'; serverVersion: number; accounts: string[] }
  | { kind: ConnectFailure; reason: string };

export interface ProbeOptions {
  host: string;
  port: number;
  /** Kept apart from the app's own clientId so a probe never takes the broker's slot. */
  clientId: number;
  timeoutMs: number;
  scheduler: Scheduler;
  log: Logger;
}

/** A clientId range the probe uses (8 tries upwards); far from the ids traders usually configure. */
export const PROBE_CLIENT_ID = 987_650;

export function probeApi(o: ProbeOptions): { result: Promise<ProbeResult>; cancel(): void } {
  const attempt = new ConnectAttempt({ ...o, ports: [o.port], maxReqPerSec: 50 });
  let settle: (r: ProbeResult) => void = () => undefined;
  const result = new Promise<ProbeResult>((resolve) => {
    settle = resolve;
    attempt.run((outcome) => {
      if (!outcome.ok) return resolve({ kind: outcome.failure ?? 'refused', reason: outcome.reason });
      const { api, serverVersion, accounts } = outcome.session;
      api.on(EventName.error, () => undefined); // late errors of a session we are closing
      api.disconnect();
      resolve({ kind: 'ready', serverVersion, accounts });
    });
  });
  return {
    result,
    cancel: () => {
      attempt.cancel(); // a cancelled attempt never calls back: settle here
      settle({ kind: 'closed', reason: 'cancelled' });
    },
  };
}
