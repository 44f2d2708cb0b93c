import { useEffect, useRef, useState } from 'react';
import type { DepthFrame } from '../../../../src-shared/contract/features/depth';
import { registerCommand } from '../../app/commands';
import { useFocusStore } from '../../app/focus-store';
import { Panel } from '../../components/Panel';
import { api } from '../../lib/api';
import { fmtInt } from '../../lib/format';
import { useLadderTrading } from '../orders/use-ladder-trading';
import { useTradingStore } from '../orders/trading-store';
import { useRecorderStore } from '../recorder/recorder-store';
import { LadderView } from './ladder-view';

/** The depth:watch answer, tagged with its symbol so an answer for a previous focus is ignored. */
type Watch = ({ source: 'recording' | 'live' | 'none'; reason: string | null } | { error: string }) & { symbol: string };

export function LadderPanel() {
  const symbol = useFocusStore((s) => s.symbol);
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const statsRef = useRef<HTMLSpanElement>(null);
  const viewRef = useRef<LadderView | null>(null);
  const [answer, setAnswer] = useState<Watch | null>(null);
  const watch = answer && answer.symbol === symbol ? answer : null;
  // Starting or stopping a recording changes where the book comes from: watch again when it does.
  const streamState = useRecorderStore((s) => (symbol ? (s.status?.streams.find((x) => x.symbol === symbol)?.state ?? null) : null));
  // A live (unrecorded) view can be closed by main, e.g. when a recording needs its depth slot: say why.
  const closedReason = useRecorderStore((s) => {
    const v = s.status?.liveView;
    return v && v.symbol === symbol && v.state === 'none' ? v.reason : null;
  });
  const tradeNotice = useTradingStore((s) => s.notice);

  // The canvas view lives as long as the panel; stats go straight to the DOM, not through React.
  useEffect(() => {
    const canvas = canvasRef.current;
    const host = hostRef.current;
    if (!canvas || !host) return;
    const view = new LadderView(canvas, (f: DepthFrame, spread) => {
      if (statsRef.current) {
        statsRef.current.textContent = `${f.source} · ${fmtInt(f.messages)} msgs · ${fmtInt(f.anomalies)} anomalies · spread ${spread ?? '—'}t`;
        statsRef.current.dataset.anomalies = String(f.anomalies);
      }
    });
    viewRef.current = view;
    const ro = new ResizeObserver(() => view.resize(host.clientWidth, host.clientHeight));
    ro.observe(host);
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      view.scroll(e.deltaY < 0 ? 3 : -3);
    };
    host.addEventListener('wheel', onWheel, { passive: false });
    const offCmd = registerCommand('ladder.centre', () => view.centre());
    return () => {
      offCmd();
      host.removeEventListener('wheel', onWheel);
      ro.disconnect();
      view.dispose();
      viewRef.current = null;
    };
  }, []);

  useEffect(() => {
    viewRef.current?.setFrame(null);
    viewRef.current?.centre();
    if (statsRef.current) statsRef.current.textContent = '';
    if (!symbol) return;
    let live = true;
    let sawFrame = false;
    const off = api.on('depth:frame', (f) => {
      if (f.symbol !== symbol) return;
      viewRef.current?.setFrame(f);
      // Hotkeys and the order ticket trade against the inside the ladder shows.
      const bid = f.bids[0]?.[0];
      const ask = f.asks[0]?.[0];
      if (bid !== undefined && ask !== undefined) useTradingStore.setState({ inside: { symbol, bid, ask } });
      if (!sawFrame) {
        // Frames are the truth about the source, whatever the watch answer said (once per watch).
        sawFrame = true;
        setAnswer({ symbol, source: f.source, reason: null });
      }
    });
    void api.call('depth:watch', { symbol }).then((r) => {
      if (live && !sawFrame) setAnswer(r.ok ? { symbol, source: r.value.source, reason: r.value.reason } : { symbol, error: r.error.message });
    });
    return () => {
      live = false;
      off();
      void api.call('depth:unwatch', { symbol });
    };
  }, [symbol, streamState]);

  // After the effect that creates the view, so the overlay's first paint finds it.
  useLadderTrading(viewRef, canvasRef, symbol);

  const notice = !symbol
    ? 'Select a scanner or recorder row to show its book.'
    : watch && 'error' in watch
      ? watch.error
      : closedReason
        ? closedReason
        : watch?.source === 'none'
        ? `No book for ${symbol}: ${watch.reason ?? 'no depth source'}`
        : null;

  const actions = (
    <button className="btn btn-xs" onClick={() => viewRef.current?.centre()} title="Re-centre on the inside (C)" data-testid="ladder-centre">
      Centre
    </button>
  );

  return (
    <Panel title={`Ladder ${symbol ?? ''}`} actions={actions} className="panel-ladder" testId="ladder">
      <div className="ladder-head mono">
        <span>Σ bid</span>
        <span>Bid</span>
        <span>Price</span>
        <span>Ask</span>
        <span>Σ ask</span>
      </div>
      <div className="ladder-canvas-host" ref={hostRef} data-symbol={symbol ?? ''} data-source={watch && 'source' in watch ? watch.source : ''}>
        <canvas ref={canvasRef} />
        {notice && (
          <div className="overlay-notice" data-testid="ladder-notice">
            {notice}
          </div>
        )}
      </div>
      <div className="ladder-stats muted mono">
        <span ref={statsRef} data-testid="ladder-stats" />
        {tradeNotice && (
          <span className={`ladder-trade-notice lvl-${tradeNotice.level}`} data-testid="ladder-trade-notice" title={tradeNotice.message}>
            {tradeNotice.message}
          </span>
        )}
      </div>
    </Panel>
  );
}
