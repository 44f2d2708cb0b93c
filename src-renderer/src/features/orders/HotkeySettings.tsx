import { useState } from 'react';
import { HOTKEY_LABELS, normaliseChord, type HotkeyAction } from './hotkeys';
import { useTradingStore } from './trading-store';

/** Edits the hotkeys, size and offset; stored in this browser profile (localStorage). */
export function HotkeySettings() {
  const hk = useTradingStore((s) => s.hotkeys);
  const setHotkeys = useTradingStore((s) => s.setHotkeys);
  const [draft, setDraft] = useState(() => ({ ...hk.keys }));
  const [qty, setQty] = useState(String(hk.quantity));
  const [offset, setOffset] = useState(String(hk.offset));
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    const keys = { ...hk.keys };
    for (const a of Object.keys(draft) as HotkeyAction[]) {
      const k = normaliseChord(draft[a]);
      if (!k) return setError(`${a}: "${draft[a]}" is not a key chord (e.g. Shift+B)`);
      keys[a] = k;
    }
    if (new Set(Object.values(keys)).size !== Object.keys(keys).length) return setError('two actions share a key');
    const q = Number(qty);
    const o = Number(offset);
    if (!Number.isInteger(q) || q <= 0) return setError('size: whole shares above 0');
    if (!Number.isFinite(o) || o < 0) return setError('offset: dollars, 0 or more');
    setError(null);
    setHotkeys({ keys, quantity: q, offset: o });
    setDraft(keys);
  };

  return (
    <div className="hotkey-settings" data-testid="hotkey-settings">
      <table className="kv-table">
        <tbody>
          {(Object.keys(HOTKEY_LABELS) as HotkeyAction[]).map((a) => (
            <tr key={a}>
              <td>
                <input className="input mono" value={draft[a]} onChange={(e) => setDraft((d) => ({ ...d, [a]: e.target.value }))} data-testid={`hotkey-${a}`} />
              </td>
              <td>{HOTKEY_LABELS[a]}</td>
            </tr>
          ))}
          <tr>
            <td>
              <input className="input mono" value={qty} onChange={(e) => setQty(e.target.value)} data-testid="hotkey-quantity" />
            </td>
            <td>Shares per hotkey order and ladder click</td>
          </tr>
          <tr>
            <td>
              <input className="input mono" value={offset} onChange={(e) => setOffset(e.target.value)} data-testid="hotkey-offset" />
            </td>
            <td>Offset $ past the touch for hotkey orders</td>
          </tr>
        </tbody>
      </table>
      <button className="btn btn-xs" onClick={save} data-testid="hotkey-save">
        Save keys
      </button>
      {error && <span className="down"> {error}</span>}
    </div>
  );
}
