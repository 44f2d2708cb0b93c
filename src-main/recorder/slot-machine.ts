/**
 * Depth-slot bookkeeping as a pure state machine: which names hold one of the N depth streams and which
 * wait in a FIFO queue. N = min(user cap, what IB allows, learnt from error 309). Every transition
 * returns the new state and the names that just won a slot (the caller subscribes their depth).
 *
 * A slot no recording needs may serve one live view (the ladder of a name that is not recorded, nothing
 * written). Recordings always win: a transition that leaves no free slot for the view preempts it, and
 * the caller closes the view before it subscribes the names that start.
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
  /** The name holding a slot for a live view only (never in `active` or `queue`); null when none. */
  view: string | null;
}

export interface SlotTransition {
  state: SlotState;
  /** Names that got a slot in this transition, in order. */
  start: string[];
  /** The live view that lost its slot to recordings (the caller closes it before starting `start`). */
  preempted?: string;
}

export const emptySlots = (userCap: number): SlotState => ({ userCap, ibCap: null, capReason: null, active: [], queue: [], view: null });

export const effectiveCap = (s: SlotState): number => (s.ibCap === null ? s.userCap : Math.min(s.userCap, s.ibCap));

/** Moves queue heads into free slots as if no view existed, then preempts the view if no slot is left for it. */
function fill(state: SlotState, start: string[] = []): SlotTransition {
  const active = [...state.active];
  const queue = [...state.queue];
  const cap = effectiveCap(state);
  while (active.length < cap && queue.length > 0) {
    const next = queue.shift() as string;
    active.push(next);
    start.push(next);
  }
  if (state.view !== null && active.length >= cap) return { state: { ...state, active, queue, view: null }, start, preempted: state.view };
  return { state: { ...state, active, queue }, start };
}

const ibCapReason = (ibCap: number): string =>
  `IB allows ${ibCap} depth stream${ibCap === 1 ? '' : 's'} on this account (error 309); other names wait for a free slot.`;

const holds = (s: SlotState, symbol: string): boolean => s.active.includes(symbol) || s.queue.includes(symbol);

/**
 * New names join the back of the queue in the given order; names already known are ignored. A name
 * that is the live view takes over the view's slot at once (it already holds it; the ladder stays up).
 */
export function admit(state: SlotState, symbols: readonly string[]): SlotTransition {
  const queue = [...state.queue];
  const takeover = state.view !== null && symbols.includes(state.view) && !holds(state, state.view) ? state.view : null;
  for (const sym of symbols) if (sym !== takeover && !holds(state, sym) && !queue.includes(sym)) queue.push(sym);
  if (takeover === null) return fill({ ...state, queue });
  return fill({ ...state, active: [...state.active, takeover], queue, view: null }, [takeover]);
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
  // A live view holds one of the streams IB counts.
  const ibCap = Math.min(state.ibCap ?? Number.POSITIVE_INFINITY, active.length + (state.view === null ? 0 : 1));
  const rest = state.queue.filter((s) => s !== symbol);
  const lead = rest.filter((s) => requeuedAhead.includes(s));
  const tail = rest.filter((s) => !requeuedAhead.includes(s));
  const capReason = ibCapReason(ibCap);
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

/** Whether a live view of `symbol` could get a slot now (the current view's slot counts as free). */
export function viewSlotFree(state: SlotState): boolean {
  return state.active.length < effectiveCap(state);
}

/**
 * A live view of `symbol` (a name not recorded) replaces the current view when a slot is free; otherwise
 * no view is left. `state.view === symbol` afterwards says the view got its slot.
 */
export function openView(state: SlotState, symbol: string): SlotTransition {
  if (holds(state, symbol) || !viewSlotFree(state)) return closeView(state);
  return { state: { ...state, view: symbol }, start: [] };
}

/** The live view closes (last watcher left, or its depth ended); its slot goes to the queue head if any. */
export function closeView(state: SlotState): SlotTransition {
  return fill({ ...state, view: null });
}

/**
 * IB refused the live view's depth with 309: the account allows only the recordings running. The view
 * leaves; nothing else moves.
 */
export function viewCapHit(state: SlotState): SlotTransition {
  const ibCap = Math.min(state.ibCap ?? Number.POSITIVE_INFINITY, state.active.length);
  const capReason = ibCapReason(ibCap);
  return fill({ ...state, ibCap, capReason, view: null });
}

/** 1-based queue position, or null when the name is not queued. */
export function queuePosition(state: SlotState, symbol: string): number | null {
  const i = state.queue.indexOf(symbol);
  return i < 0 ? null : i + 1;
}
