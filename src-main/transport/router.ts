import { z } from 'zod';
import { calls, isCallName, type CallName, type CallOutput, type CallParsed } from '../../src-shared/contract/calls';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { Logger } from '../platform/log';

/** Who is calling: one renderer window or one WebSocket connection. */
export interface CallContext {
  readonly clientId: string;
}

export type Handler<K extends CallName> = (
  input: CallParsed<K>,
  ctx: CallContext,
) => Result<CallOutput<K>> | Promise<Result<CallOutput<K>>>;

/** The handler map: one function per call of the contract (Actual Budget's shape, with runtime validation). */
export type Handlers = { [K in CallName]: Handler<K> };

export interface Router {
  /** Validates, dispatches and always answers with a Result — never throws. */
  dispatch(name: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  /** Lets services release per-client resources (watches) when a window or socket goes away. */
  clientClosed(clientId: string): void;
}

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');

export function createRouter(handlers: Handlers, log: Logger, onClientClosed?: (clientId: string) => void): Router {
  return {
    async dispatch(name, input, ctx) {
      if (!isCallName(name)) {
        return err('INVALID_INPUT', `Unknown call ${JSON.stringify(String(name).slice(0, 64))}.`);
      }
      const spec = calls[name];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        return err('INVALID_INPUT', `Invalid input for ${name}: ${describeIssues(parsed.error)}`);
      }
      let result: Result<unknown>;
      try {
        const handler = handlers[name] as Handler<CallName>;
        result = await handler(parsed.data as never, ctx);
      } catch (e) {
        log.error('handler threw', { call: name, error: e instanceof Error ? e.message : String(e) });
        return err('INTERNAL', `${name} failed unexpectedly. The details are in the log.`);
      }
      if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
        log.error('handler returned no Result', { call: name });
        return err('INTERNAL', `${name} returned nothing.`);
      }
      if (!result.ok) return result;
      const out = spec.output.safeParse(result.value);
      if (!out.success) {
        log.error('handler output failed its schema', { call: name, issues: describeIssues(out.error) });
        return err('INTERNAL', `${name} produced an invalid answer. The details are in the log.`);
      }
      return ok(out.data);
    },
    clientClosed(clientId) {
      onClientClosed?.(clientId);
    },
  };
}
