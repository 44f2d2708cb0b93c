import type { CallInput, CallName, CallOutput } from '../../../src-shared/contract/calls';
import type { EventName, EventPayload } from '../../../src-shared/contract/events';
import { err, type Result } from '../../../src-shared/contract/result';
import { type CarrierBridge, TOKEN_PARAM } from '../../../src-shared/contract/carrier';
import { createWsCarrier } from './ws-carrier';

declare global {
  interface Window {
    /** Set by src-preload under Electron. */
    tapedeck?: CarrierBridge;
  }
}

function pickCarrier(): CarrierBridge {
  if (window.tapedeck) return window.tapedeck;
  const token = new URLSearchParams(window.location.search).get(TOKEN_PARAM) ?? '';
  return createWsCarrier(window.location.href, token);
}

const carrier = pickCarrier();

type ArgsOf<K extends CallName> = undefined extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>];

/** The one typed client for main. Feature code never knows which carrier is underneath. */
export const api = {
  carrier: carrier.kind,
  async call<K extends CallName>(name: K, ...args: ArgsOf<K>): Promise<Result<CallOutput<K>>> {
    try {
      return (await carrier.calls[name](args[0])) as Result<CallOutput<K>>;
    } catch (e) {
      return err('INTERNAL', `The call ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  },
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return carrier.on(name, listener as (p: unknown) => void);
  },
};
