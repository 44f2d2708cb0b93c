import { useEffect, useRef, useState } from 'react';
import type { ResolvedInstrument } from '../../../../src-shared/contract/features/instrument';
import { registerCommand } from '../../app/commands';
import { useFocusStore } from '../../app/focus-store';
import { api } from '../../lib/api';
import { instrumentLine } from './instrument-text';

type Msg = { kind: 'ok' | 'error'; text: string } | null;

/**
 * Opens any instrument in the chart and ladder, not only scanner rows: a stock by ticker, a future's
 * front month by root (ES, /ES, ES!) or one contract (ESZ6); Record starts a recording for it.
 */
export function SymbolBox() {
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<ResolvedInstrument | null>(null);
  const [msg, setMsg] = useState<Msg>(null);
  const setFocus = useFocusStore((s) => s.setSymbol);

  useEffect(
    () =>
      registerCommand('symbol.focus', () => {
        inputRef.current?.focus();
        inputRef.current?.select();
      }),
    [],
  );

  const open = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    setMsg(null);
    const r = await api.call('instrument:resolve', { query: text });
    setBusy(false);
    if (!r.ok) {
      setMsg({ kind: 'error', text: r.error.message });
      return;
    }
    setOpened(r.value);
    setFocus(r.value.symbol);
    inputRef.current?.blur();
  };

  const record = async () => {
    if (!opened) return;
    const r = await api.call('recorder:start', { symbols: [opened.symbol] });
    setMsg(r.ok ? { kind: 'ok', text: `Recording ${opened.symbol}` } : { kind: 'error', text: r.error.message });
  };

  return (
    <span className="symbol-box">
      <input
        ref={inputRef}
        className="input symbol-input"
        data-testid="symbol-box"
        placeholder="Symbol or /ES  (Ctrl+K)"
        aria-label="Open a symbol or future"
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value.toUpperCase())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void open();
        }}
      />
      {opened && (
        <>
          <span className="muted symbol-info" data-testid="symbol-box-info" data-symbol={opened.symbol} data-expiry={opened.expiry ?? ''}>
            {instrumentLine(opened)}
          </span>
          <button className="btn btn-xs" data-testid="symbol-box-record" onClick={() => void record()} title={`Record ${opened.symbol}`}>
            Record
          </button>
        </>
      )}
      {msg && (
        <span className={msg.kind === 'error' ? 'text-error' : 'text-ok'} data-testid="symbol-box-message" data-kind={msg.kind}>
          {msg.text}
        </span>
      )}
    </span>
  );
}
