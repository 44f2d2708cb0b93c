/**
 * reqExecutions → domain fills. Used by reconciliation (and by the journal's tests against the simulator):
 * every execDetails of the request, its commissionReport joined by execId. Commission reports can trail
 * the end marker; the fetch waits a short grace period for them, and whatever is still missing is left
 * pending in the ledger rather than guessed.
 */
import { EventName, type Contract, type Execution as IbApiExecution, type ExecutionFilter, type IBApi, type CommissionReport as IbApiCommissionReport } from '@stoqey/ib';
import type { CommissionReport, Execution } from '../../src-shared/domain/trades/execution';
import { type ExecTimeZones, parseExecTime } from '../../src-shared/domain/trades/exec-time';

/** IB fills unset doubles with Double.MAX_VALUE (e.g. realizedPNL on an opening fill). */
const UNSET = 1e300;

export interface FetchedExecutions {
  executions: Execution[];
  commissions: CommissionReport[];
  /** execDetails whose time could not be read (not stored: a fill without a time cannot be placed). */
  unreadable: string[];
}

export interface FetchExecutionsOptions {
  reqId: number;
  filter?: ExecutionFilter;
  zones: ExecTimeZones;
  /** Gives up waiting for execDetailsEnd after this long. Default 10 s. */
  timeoutMs?: number;
  /** Waits this long after the end for trailing commission reports. Default 1 s. */
  commissionGraceMs?: number;
}

export function toDomainExecution(contract: Contract, e: IbApiExecution, zones: ExecTimeZones): Execution | undefined {
  const time = e.time === undefined ? undefined : parseExecTime(e.time, zones);
  if (!e.execId || time === undefined || !contract.symbol || !(Number(e.shares) > 0) || !(Number(e.price) > 0)) return undefined;
  const multiplier = Number(contract.multiplier);
  return {
    execId: e.execId, permId: e.permId ?? null, orderId: e.orderId ?? null, orderRef: e.orderRef || null, clientId: e.clientId ?? null,
    account: e.acctNumber ?? '', conId: contract.conId ?? null, symbol: contract.symbol, secType: String(contract.secType ?? 'STK'),
    side: e.side === 'SLD' || e.side === 'SELL' ? 'SELL' : 'BUY', shares: Number(e.shares), price: Number(e.price),
    multiplier: multiplier > 0 ? multiplier : 1, time, exchange: e.exchange || null,
  };
}

export function toDomainCommission(r: IbApiCommissionReport): CommissionReport | undefined {
  if (!r.execId || r.commission === undefined || Math.abs(r.commission) > UNSET) return undefined;
  const realized = r.realizedPNL === undefined || Math.abs(r.realizedPNL) > UNSET ? null : r.realizedPNL;
  return { execId: r.execId, commission: r.commission, currency: r.currency ?? 'USD', realizedPnl: realized };
}

export function fetchExecutions(ib: IBApi, o: FetchExecutionsOptions): Promise<FetchedExecutions> {
  const out: FetchedExecutions = { executions: [], commissions: [], unreadable: [] };
  const commissions = new Map<string, CommissionReport>();
  const mine = new Set<string>();
  return new Promise((resolve, reject) => {
    let grace: NodeJS.Timeout | undefined;
    const onExec = (reqId: number, contract: Contract, e: IbApiExecution) => {
      if (reqId !== o.reqId) return;
      const x = toDomainExecution(contract, e, o.zones);
      if (!x) return void out.unreadable.push(e.execId ?? '?');
      mine.add(x.execId);
      out.executions.push(x);
    };
    const onCommission = (r: IbApiCommissionReport) => {
      const c = toDomainCommission(r);
      if (c) commissions.set(c.execId, c);
      if (grace && [...mine].every((id) => commissions.has(id))) finish();
    };
    const onEnd = (reqId: number) => {
      if (reqId !== o.reqId) return;
      clearTimeout(timer);
      if ([...mine].every((id) => commissions.has(id))) return finish();
      grace = setTimeout(finish, o.commissionGraceMs ?? 1000);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`reqExecutions ${o.reqId}: no execDetailsEnd within ${o.timeoutMs ?? 10_000} ms`));
    }, o.timeoutMs ?? 10_000);
    const cleanup = () => {
      clearTimeout(timer);
      clearTimeout(grace);
      ib.off(EventName.execDetails, onExec);
      ib.off(EventName.commissionReport, onCommission);
      ib.off(EventName.execDetailsEnd, onEnd);
    };
    function finish() {
      cleanup();
      out.commissions = [...mine].filter((id) => commissions.has(id)).map((id) => commissions.get(id)!);
      resolve(out);
    }
    ib.on(EventName.execDetails, onExec);
    ib.on(EventName.commissionReport, onCommission);
    ib.on(EventName.execDetailsEnd, onEnd);
    ib.reqExecutions(o.reqId, o.filter ?? {});
  });
}
