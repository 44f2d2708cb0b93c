import { useEffect, useState } from 'react';
import { ORDER_TYPES, TIFS } from '../../../../src-shared/domain/risk/intent';
import { useFocusStore } from '../../app/focus-store';
import { appNow } from '../../lib/app-clock';
import { buildIntent, DEFAULT_FORM, defaultGoodTill, formQuantity, newIntentId, type OrderForm } from './order-form';
import { canEnter, placeIntent, prepareSoon, useTradingStore } from './trading-store';

/** The order ticket: every field becomes one intent; the main process decides. */
export function OrderPanel() {
  const focus = useFocusStore((s) => s.symbol);
  const status = useTradingStore((s) => s.status);
  const insideRaw = useTradingStore((s) => s.inside);
  const [form, setForm] = useState<OrderForm>(() => ({ ...DEFAULT_FORM, symbol: focus ?? '' }));
  const set = <K extends keyof OrderForm>(k: K, v: OrderForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  // A symbol typed into the ticket is made ready to trade too, not only the focused one.
  useEffect(() => prepareSoon(form.symbol), [form.symbol]);
  // GTD starts an hour ahead on main's clock (the demo's clock is the simulator's, not this machine's).
  const setTif = (tif: OrderForm['tif']) => setForm((f) => ({ ...f, tif, goodTill: tif === 'GTD' && !f.goodTill ? defaultGoodTill(appNow()) : f.goodTill }));
  const inside = insideRaw && insideRaw.symbol === form.symbol.trim().toUpperCase() ? insideRaw : null;
  const qty = formQuantity(form, inside);
  const needsLimit = form.type === 'LMT' || form.type === 'STP LMT';
  const needsStop = form.type === 'STP' || form.type === 'STP LMT';

  const submit = () => {
    const built = buildIntent(form, newIntentId('ui'), inside, appNow());
    if (!built.ok) return useTradingStore.getState().say('error', `order panel: ${built.message}`);
    if (!canEnter(status)) return useTradingStore.getState().say('error', `order panel: not sent — ${status?.state ?? 'disarmed'}: arm to trade`);
    void placeIntent(built.intent, 'order panel');
  };

  return (
    <div className="order-panel" data-testid="order-panel">
      <label>
        Symbol
        <input className="input mono" value={form.symbol} onChange={(e) => set('symbol', e.target.value.toUpperCase())} data-testid="op-symbol" />
      </label>
      <div className="op-side">
        {(['BUY', 'SELL'] as const).map((s) => (
          <button key={s} className={`btn ${form.side === s ? (s === 'BUY' ? 'btn-buy' : 'btn-sell') : ''}`} onClick={() => set('side', s)} data-testid={`op-side-${s}`}>
            {s}
          </button>
        ))}
      </div>
      <label>
        Type
        <select className="input" value={form.type} onChange={(e) => set('type', e.target.value as OrderForm['type'])} data-testid="op-type">
          {ORDER_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Size by
        <select className="input" value={form.sizing} onChange={(e) => set('sizing', e.target.value as OrderForm['sizing'])} data-testid="op-sizing">
          <option value="shares">shares</option>
          <option value="risk">risk $ ÷ stop distance</option>
        </select>
      </label>
      {form.sizing === 'shares' ? (
        <label>
          Quantity
          <input className="input mono" value={form.quantity} onChange={(e) => set('quantity', e.target.value)} data-testid="op-quantity" />
        </label>
      ) : (
        <label>
          Risk $ <span className="muted">→ {qty ?? '—'} sh</span>
          <input className="input mono" value={form.riskDollars} onChange={(e) => set('riskDollars', e.target.value)} data-testid="op-risk" />
        </label>
      )}
      {needsLimit && (
        <label>
          Limit
          <input className="input mono" value={form.limitPrice} onChange={(e) => set('limitPrice', e.target.value)} data-testid="op-limit" />
        </label>
      )}
      {needsStop && (
        <label>
          Stop
          <input className="input mono" value={form.stopPrice} onChange={(e) => set('stopPrice', e.target.value)} data-testid="op-stop" />
        </label>
      )}
      {form.type === 'TRAIL' && (
        <label>
          Trail $
          <input className="input mono" value={form.trailAmount} onChange={(e) => set('trailAmount', e.target.value)} data-testid="op-trail" />
        </label>
      )}
      <div className="op-inside mono" data-testid="op-inside">
        {inside ? (
          <>
            <button className="btn btn-xs" onClick={() => set('limitPrice', String(inside.bid))} data-testid="op-use-bid">
              bid {inside.bid}
            </button>
            <button className="btn btn-xs" onClick={() => set('limitPrice', String(inside.ask))} data-testid="op-use-ask">
              ask {inside.ask}
            </button>
          </>
        ) : (
          <span className="muted">no inside for {form.symbol || '—'} (focus it to see its ladder)</span>
        )}
      </div>
      <label className="op-check">
        <input type="checkbox" checked={form.bracket} onChange={(e) => set('bracket', e.target.checked)} data-testid="op-bracket" /> Bracket
      </label>
      {form.bracket && (
        <>
          <label>
            Stop −$
            <input className="input mono" value={form.stopOffset} onChange={(e) => set('stopOffset', e.target.value)} data-testid="op-stop-offset" />
          </label>
          <label>
            Target +$
            <input className="input mono" value={form.targetOffset} onChange={(e) => set('targetOffset', e.target.value)} data-testid="op-target-offset" />
          </label>
        </>
      )}
      <label>
        TIF
        <select className="input" value={form.tif} onChange={(e) => setTif(e.target.value as OrderForm['tif'])} data-testid="op-tif">
          {TIFS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      {form.tif === 'GTD' && (
        <label title="US/Eastern wall time, whatever this machine's zone; sent to IB as YYYYMMDD HH:MM:SS">
          Good till (ET)
          <input type="datetime-local" className="input mono" value={form.goodTill} onChange={(e) => set('goodTill', e.target.value)} data-testid="op-good-till" />
        </label>
      )}
      <label className="op-check">
        <input type="checkbox" checked={form.outsideRth} onChange={(e) => set('outsideRth', e.target.checked)} data-testid="op-outside-rth" /> Outside RTH
      </label>
      <button className={`btn ${form.side === 'BUY' ? 'btn-buy' : 'btn-sell'} op-submit`} onClick={submit} data-testid="op-submit" disabled={!canEnter(status)} title={canEnter(status) ? '' : 'Arm to trade'}>
        {form.side} {qty ?? '—'} {form.symbol || '…'}
      </button>
    </div>
  );
}
