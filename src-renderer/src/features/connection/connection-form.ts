import { ConnectionSettings, sessionMode, type SessionMode } from '../../../../src-shared/contract/features/settings';

/** The connection form as typed (strings for numbers, so a half-typed value is not lost). */
export interface ConnectionForm {
  host: string;
  port: string;
  clientId: string;
  connectTimeoutSec: string;
  demo: boolean;
  /** Paper or live: the port fallback stays within it. */
  mode: SessionMode;
}

export function formFrom(c: ConnectionSettings): ConnectionForm {
  return { host: c.host, port: String(c.port), clientId: String(c.clientId), connectTimeoutSec: String(c.connectTimeoutSec), demo: c.demo, mode: sessionMode(c) };
}

const toNumber = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

export type FieldErrors = Partial<Record<keyof ConnectionForm, string>>;

/** Validates with the same schema main uses; field errors for display, or the parsed settings. */
export function validateConnection(form: ConnectionForm): { ok: true; value: ConnectionSettings } | { ok: false; errors: FieldErrors } {
  const r = ConnectionSettings.safeParse({
    host: form.host,
    port: toNumber(form.port),
    clientId: toNumber(form.clientId),
    connectTimeoutSec: toNumber(form.connectTimeoutSec),
    demo: form.demo,
    mode: form.mode,
  });
  if (r.success) return { ok: true, value: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path[0] as keyof ConnectionForm;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
