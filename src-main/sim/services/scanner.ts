/** Scanner parameters and subscriptions: a full ranked snapshot now and again every refresh period. */
import { MAX_SCAN_ROWS, SIM_SCAN_CODES } from '../market';
import { IbErr, IbText } from '../protocol/errors';
import { IbOut } from '../protocol/ids';
import { decReqScannerSubscription, decVersionedReqId, type IbScannerReq } from '../protocol/decode/requests';
import { encScannerData, encScannerParameters } from '../protocol/encode/contract';
import type { SimRoutes } from './router';
import type { SimSession } from './session';
import { ibContractFor, marketNameFor } from './contracts';
import { SCAN_LOCATIONS, scannerParametersXml } from './scanner-params';

/** IB allows 10 simultaneous scanner subscriptions per client. */
const MAX_SCANS = 10;
const SCAN_CODES = new Set<string>(SIM_SCAN_CODES);

function parseFilterOptions(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of text.split(';')) {
    const [k, v] = pair.split('=');
    const n = Number(v);
    if (k && v !== undefined && Number.isFinite(n)) out[k.trim()] = n;
  }
  return out;
}

function runScan(s: SimSession, req: IbScannerReq, rows: number): void {
  const opts = parseFilterOptions(req.filterOptions);
  const location = SCAN_LOCATIONS.find((l) => req.locationCode.toUpperCase().startsWith(l.code));
  const wanted = location?.exchanges;
  // Over-ask so an exchange-specific location still fills its rows.
  const stocks = s.ctx.market.scan({
    scanCode: req.scanCode,
    rows: wanted ? MAX_SCAN_ROWS : rows,
    priceAbove: req.abovePrice ?? opts.priceAbove,
    priceBelow: req.belowPrice ?? opts.priceBelow,
    volumeAbove: req.aboveVolume ?? opts.volumeAbove,
  });
  const picked = (wanted ? stocks.filter((x) => wanted.includes(x.primaryExchange)) : stocks).slice(0, rows);
  s.send(encScannerData(req.reqId, picked.map((x, rank) => ({ rank, contract: ibContractFor(x, 'SMART'), marketName: marketNameFor(x) }))));
}

export function registerScanner(routes: SimRoutes): void {
  routes.set(IbOut.REQ_SCANNER_PARAMETERS, (s) => s.send(encScannerParameters(scannerParametersXml(SIM_SCAN_CODES))));

  routes.set(IbOut.REQ_SCANNER_SUBSCRIPTION, (s, r) => {
    const req = decReqScannerSubscription(r, s.sv);
    if (!SCAN_CODES.has(req.scanCode)) {
      s.error(req.reqId, IbErr.VALIDATION, IbText.validation(`Invalid scan code: ${req.scanCode}`));
      return;
    }
    if (req.instrument && req.instrument.toUpperCase() !== 'STK') {
      s.error(req.reqId, IbErr.VALIDATION, IbText.validation(`Unsupported instrument: ${req.instrument}`));
      return;
    }
    if (!s.subs.has('scan', req.reqId) && s.subs.count('scan') >= MAX_SCANS) {
      s.error(req.reqId, IbErr.HIST_DATA, `Historical Market Data Service error message:Maximum number of scanner subscriptions (${MAX_SCANS}) exceeded.`);
      return;
    }
    const rows = Math.max(1, Math.min(MAX_SCAN_ROWS, req.numberOfRows && req.numberOfRows > 0 ? req.numberOfRows : MAX_SCAN_ROWS));
    if (s.ctx.streamsLive()) runScan(s, req, rows);
    const timer = setInterval(() => {
      if (s.ctx.streamsLive()) runScan(s, req, rows);
    }, s.ctx.config.scannerRefreshMs);
    timer.unref?.();
    s.subs.add('scan', req.reqId, { dispose: () => clearInterval(timer), resume: () => runScan(s, req, rows) });
  });

  routes.set(IbOut.CANCEL_SCANNER_SUBSCRIPTION, (s, r) => {
    s.subs.cancel('scan', decVersionedReqId(r));
  });
}
