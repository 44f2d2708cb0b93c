import { z } from 'zod';

/** The closed set of error kinds that may cross a process boundary. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_CONNECTED',
  'PACING',
  'LIMIT_REACHED',
  'RISK_REJECTED',
  'NOT_FOUND',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  /** A sentence a trader can act on. */
  message: z.string(),
  /** IB's numeric error code when the error came from the gateway. */
  ibCode: z.number().int().optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, ibCode?: number): Err => ({
  ok: false,
  error: ibCode === undefined ? { code, message } : { code, message, ibCode },
});

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppError }),
  ]);
