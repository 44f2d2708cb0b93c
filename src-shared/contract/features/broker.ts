import { z } from 'zod';

export const BROKER_STATES = ['disconnected', 'connecting', 'connected', 'degraded', 'reconnecting', 'failed'] as const;
export const BrokerState = z.enum(BROKER_STATES);
export type BrokerState = z.infer<typeof BrokerState>;

export const FarmState = z.object({ name: z.string(), kind: z.enum(['market', 'hmds', 'secdef']), ok: z.boolean() });
export type FarmState = z.infer<typeof FarmState>;

export const BrokerNotice = z.object({
  ts: z.number().int(),
  ibCode: z.number().int().optional(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});
export type BrokerNotice = z.infer<typeof BrokerNotice>;

export const BrokerStatus = z.object({
  state: BrokerState,
  /** Why the state is what it is: "farm usfarm broken", "no API handshake (is the API enabled in TWS?)"… */
  reason: z.string().optional(),
  host: z.string(),
  port: z.number().int(),
  clientId: z.number().int(),
  demo: z.boolean(),
  /** paper for DU… accounts, live otherwise; unknown until accounts arrive. */
  mode: z.enum(['paper', 'live', 'unknown']),
  /** The mode the session is configured for (settings `connection.mode`; the demo is always paper). */
  chosenMode: z.enum(['paper', 'live']).optional(),
  /**
   * Set when the connected account's mode is not the chosen one ("configured for paper, but U1234567 is a
   * LIVE account"). Order entry must stay disarmed while it is set; the status bar shows it in red.
   */
  modeMismatch: z.string().optional(),
  accounts: z.array(z.string()),
  serverVersion: z.number().int().optional(),
  connectedAt: z.number().int().optional(),
  attempt: z.number().int().nonnegative(),
  /** Epoch ms of the next reconnect attempt while reconnecting. */
  nextRetryAt: z.number().int().optional(),
  farms: z.array(FarmState),
  lastErrors: z.array(BrokerNotice),
});
export type BrokerStatus = z.infer<typeof BrokerStatus>;
