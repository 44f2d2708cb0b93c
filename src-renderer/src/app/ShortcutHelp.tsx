import { Modal } from '../components/Modal';
import { HOTKEY_LABELS, type HotkeyAction } from '../features/orders/hotkeys';
import { useTradingStore } from '../features/orders/trading-store';
import { SHORTCUTS } from './commands';

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const hk = useTradingStore((s) => s.hotkeys);
  // Order hotkeys are the trader's own (Orders tab → Hotkeys…): list them as configured now.
  const orderKeys = (Object.keys(HOTKEY_LABELS) as HotkeyAction[]).map((a) => ({ keys: hk.keys[a], does: `${HOTKEY_LABELS[a]} — only when armed` }));
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcut-help">
      <table className="kv-table">
        <tbody>
          {[...SHORTCUTS, ...orderKeys].map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
