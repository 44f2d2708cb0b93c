import type { EventName, IBApi } from '@stoqey/ib';

// @stoqey/ib types each event's listener differently; the pairs are checked where they are written.
type AnyListener = (...args: never[]) => void;

/** Attaches listeners to an IBApi and returns the one function that detaches exactly those. */
export function attachListeners(api: IBApi, pairs: ReadonlyArray<readonly [EventName, AnyListener]>): () => void {
  const on = api.on.bind(api) as (e: EventName, l: AnyListener) => unknown;
  const off = api.off.bind(api) as (e: EventName, l: AnyListener) => unknown;
  for (const [event, listener] of pairs) on(event, listener);
  return () => {
    for (const [event, listener] of pairs) off(event, listener);
  };
}
