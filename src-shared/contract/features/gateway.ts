import { z } from 'zod';

/** An installed IB Gateway or TWS found on this machine. The renderer refers to it by `id` only. */
export const GatewayInstall = z.object({
  /** Stable for a given launcher path; what `gateway:launch` takes. */
  id: z.string(),
  product: z.enum(['ib-gateway', 'tws']),
  /** "10.30", "9.81"; empty when the install's name carries no version (a bare "Trader Workstation.app"). */
  version: z.string(),
  /** The folder of that version (for display). */
  dir: z.string(),
  /** The script, .exe or .app detection found: the only thing `gateway:launch` can start. */
  launcher: z.string(),
});
export type GatewayInstall = z.infer<typeof GatewayInstall>;

export const GatewayDetection = z.object({
  platform: z.string(),
  /** Newest version first; IB Gateway before TWS at the same version. */
  installs: z.array(GatewayInstall),
  /** The folders that were looked in, for "nothing found" help. */
  searched: z.array(z.string()),
});
export type GatewayDetection = z.infer<typeof GatewayDetection>;

/** Treated as hostile: a short id, never a path. */
export const GatewayLaunchRequest = z
  .object({
    installId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'installId must be an id from gateway:detect'),
    /** How long to wait for the API handshake (login and 2FA take a while). Default 180. */
    timeoutSec: z.number().int().min(5).max(900).optional(),
  })
  .strict();
export type GatewayLaunchRequest = z.infer<typeof GatewayLaunchRequest>;

/**
 * Why the API is not ready (while waiting, and once failed):
 * - api-not-enabled: the port accepts TCP but nothing answers the API handshake;
 * - login-pending: nothing listens yet while the gateway process runs (log in, approve 2FA);
 * - wrong-port: the process exited with nothing on the port, or another IB port answers instead;
 * - launch-failed: the launcher could not be started or exited with an error.
 */
export const GatewayCause = z.enum(['api-not-enabled', 'login-pending', 'wrong-port', 'launch-failed']);
export type GatewayCause = z.infer<typeof GatewayCause>;

export const GatewayStatus = z.object({
  state: z.enum(['idle', 'launching', 'waiting', 'ready', 'failed', 'cancelled']),
  install: GatewayInstall.optional(),
  /** Where the handshake is awaited: the connection settings' host and port. */
  host: z.string(),
  port: z.number().int(),
  pid: z.number().int().optional(),
  /** Epoch ms (main's clock) the wait gives up: the countdown. */
  deadline: z.number().int().optional(),
  startedAt: z.number().int().optional(),
  probes: z.number().int().nonnegative(),
  cause: GatewayCause.optional(),
  /** A sentence for the trader: what was seen and what to do. */
  message: z.string(),
  /** On ready: what the handshake reported. */
  serverVersion: z.number().int().optional(),
  accounts: z.array(z.string()).optional(),
});
export type GatewayStatus = z.infer<typeof GatewayStatus>;
