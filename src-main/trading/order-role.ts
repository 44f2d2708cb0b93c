import type { OrderRole } from '../../src-shared/contract/features/trading';

/** A stop re-attached to a filled entry goes out as its own intent, `<entry intent>~stopN` (unprotected.ts). */
export const isReattachedStopRef = (ref: string | null | undefined): boolean => /~stop\d+$/.test(ref ?? '');

/** The role of one of our orders IB reports: bracket children by type, a re-attached stop by its ref, else entry. */
export function roleOfOurs(o: { parentId: number; type: string; orderRef: string | null }): OrderRole {
  if (o.parentId) return o.type.startsWith('STP') ? 'stop' : 'target';
  return isReattachedStopRef(o.orderRef) ? 'stop' : 'entry';
}
