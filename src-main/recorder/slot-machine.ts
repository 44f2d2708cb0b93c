/**
 * Depth-slot bookkeeping as a pure state machine: which names hold one of the N depth streams and which
 * wait in a FIFO queue. N = min(user cap, what IB allows, learnt from error 309). Every transition
 * returns the new state and the names that just won a slot (the caller subscribes their depth).
 */

export interface SlotState {
  userCap: number;
  /** Learnt from IB error 309; null until IB refuses a stream. */
  ibCap: number | null;
  capReason: string | null;
  /** Names holding a depth slot, in the order they got it. */
  active: readonly string[];
  /** Names waiting for a slot, head first. */
  queue: readonly string[];
}

export interface SlotTransition {
  state: SlotState;
  /** Names that got a slot in this transition, in order. */
  start: string[];
}

export const emptySlots = (userCap: number): SlotState => ({ userCap, ibCap: null, capReason: null, active: [], queue: [] });

export const effectiveCap = (s: SlotState): number => (s.ibCap === null ? s.userCap : Math.min(s.userCap, s.ibCap));

/** Moves queue heads into free slots. */
function fill(state: SlotState, start: string[] = []): SlotTransition {
  const active = [...state.active];
  const queue = [...state.queue];
  const cap = effectiveCap(state);
  while (active.length < cap && queue.length > 0) {
    const next = queue.shift() as string;
    active.push(next);
    start.push(next);
  }
  return { state: { ...state, active, queue }, start };
}

const holds = (s: SlotState, symbol: string): boolean => s.active.includes(symbol) || s.queue.includes(symbol);

/** New names join the back of the queue in the given order; names already known are ignored. */
export function admit(state: SlotState, symbols: readonly string[]): SlotTransition {
  const queue = [...state.queue];
  for (const sym of symbols) if (!holds(state, sym) && !queue.includes(sym)) queue.push(sym);
  return fill({ ...state, queue });
}

/** A name leaves (stop, terminal error): its slot, if any, goes to the queue head. */
export function release(state: SlotState, symbol: string): SlotTransition {
  return fill({
    ...state,
    active: state.active.filter((s) => s !== symbol),
    queue: state.queue.filter((s) => s !== symbol),
  });
}

/**
 * IB error 309 for `symbol`: the account allows only the streams running besides it. The name goes
 * back to the queue, ahead of everyone else but behind names re-queued by the same burst of 309s
 * (they were started earlier, so selection order holds).
 */
export function capHit(state: SlotState, symbol: string, requeuedAhead: readonly string[] = []): SlotTransition {
  if (!state.active.includes(symbol)) return { state, start: [] };
  const active = state.active.filter((s) => s !== symbol);
  const ibCap = Math.min(state.ibCap ?? Number.POSITIVE_INFINITY, active.length);
  const rest = state.queue.filter((s) => s !== symbol);
  const lead = rest.filter((s) => requeuedAhead.includes(s));
  const tail = rest.filter((s) => !requeuedAhead.includes(s));
  const capReason = `IB allows ${ibCap} depth stream${ibCap === 1 ? '' : 's'} on this account (error 309); other names wait for a free slot.`;
  return fill({ ...state, ibCap, capReason, active, queue: [...lead, symbol, ...tail] });
}

/** Moves a queued name to the head; it starts at once when a slot is free. */
export function promote(state: SlotState, symbol: string): SlotTransition {
  if (!state.queue.includes(symbol)) return { state, start: [] };
  return fill({ ...state, queue: [symbol, ...state.queue.filter((s) => s !== symbol)] });
}

/** Reorders the queue: the given names first in the given order, unlisted ones keep their order after. */
export function reorder(state: SlotState, symbols: readonly string[]): SlotTransition {
  const listed = symbols.filter((s, i) => state.queue.includes(s) && symbols.indexOf(s) === i);
  const others = state.queue.filter((s) => !listed.includes(s));
  return fill({ ...state, queue: [...listed, ...others] });
}

/** The user changed the setting: a lower cap never stops running streams, a higher one fills slots. */
export function setUserCap(state: SlotState, userCap: number): SlotTransition {
  if (userCap === state.userCap) return { state, start: [] };
  return fill({ ...state, userCap });
}

/** 1-based queue position, or null when the name is not queued. */
export function queuePosition(state: SlotState, symbol: string): number | null {
  const i = state.queue.indexOf(symbol);
  return i < 0 ? null : i + 1;
}
