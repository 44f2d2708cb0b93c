import type { TradingStatus } from '../../../../src-shared/contract/features/trading';

/**
 * Why the Arm button waits, or null when main could accept an arm. Main refuses these anyway; saying so in the
 * dialog keeps the trader from clicking into a refusal during the first reconciliation or its retry.
 */
export function armWaiting(status: Pick<TradingStatus, 'state' | 'reconciled' | 'account' | 'reason'> | null | undefined): string | null {
  if (!status) return 'waiting for the trading state';
  if (status.state !== 'disarmed') return null;
  if (!status.reconciled) return /^reconciliation failed/.test(status.reason) ? status.reason : 'waiting for IB to reconcile orders and positions';
  if (!status.account) return 'waiting for IB to report the account';
  return null;
}
