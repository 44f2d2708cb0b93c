import { useEffect, useState, type MouseEvent } from 'react';
import type { TradingMode } from '../../../../src-shared/domain/trading/state-machine';
import { Modal } from '../../components/Modal';
import { armWaiting } from './arm-gate';
import { arm, disarm, startTrading, useTradingStore } from './trading-store';

/**
 * The armed state, always in the status bar: state, mode and account, coloured by how dangerous it is.
 * Clicking it opens the arm/disarm dialog.
 */
export function ArmedBadge() {
  const status = useTradingStore((s) => s.status);
  const [open, setOpen] = useState(false);
  useEffect(() => startTrading(), []);
  const state = status?.state ?? 'disarmed';
  const text = status ? `${state.toUpperCase()} · ${status.mode.toUpperCase()} · ${status.account ?? 'no account'}` : 'DISARMED';
  return (
    <>
      <button
        className={`badge badge-trading trading-${state} ${status?.mode === 'live' ? 'trading-live' : ''}`}
        data-testid="armed-state"
        data-armed={String(state === 'armed' || state === 'reducing')}
        data-state={status ? state : 'loading'}
        title={status?.reason ?? 'Order entry state'}
        onClick={() => setOpen(true)}
      >
        {text}
      </button>
      {open && <ArmDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** Arm/disarm. Arming takes a real mouse click (no key arms), and live needs the account id typed. */
export function ArmDialog({ onClose }: { onClose(): void }) {
  const status = useTradingStore((s) => s.status);
  const notice = useTradingStore((s) => s.notice);
  const [mode, setMode] = useState<TradingMode>('paper');
  const [typed, setTyped] = useState('');
  const state = status?.state;
  const canArm = state === 'disarmed';
  const waiting = armWaiting(status);
  const canDisarm = state === 'armed' || state === 'reducing' || state === 'halted';

  const onArm = async (e: MouseEvent) => {
    // A click from Enter or Space has detail 0: a keypress must never arm.
    if (e.detail === 0) return useTradingStore.getState().say('error', 'arm: click with the mouse to arm (no key arms)');
    if (mode === 'live' && typed.trim() === '') return useTradingStore.getState().say('error', 'arm refused — live: type the account id to arm live');
    if (await arm(mode, mode === 'live' ? typed.trim() : undefined)) onClose();
  };

  return (
    <Modal title="Order entry" onClose={onClose} testId="arm-dialog">
      <p>
        State <b data-testid="arm-dialog-state">{status?.state ?? '—'}</b> · account <b>{status?.account ?? '—'}</b> · mode{' '}
        <b>{status?.mode ?? '—'}</b>
      </p>
      <p className="muted">{status?.reason}</p>
      {canArm && (
        <div className="arm-form">
          <label>
            <input type="radio" name="arm-mode" checked={mode === 'paper'} onChange={() => setMode('paper')} data-testid="arm-mode-paper" /> Paper
          </label>
          <label>
            <input type="radio" name="arm-mode" checked={mode === 'live'} onChange={() => setMode('live')} data-testid="arm-mode-live" /> Live
          </label>
          {mode === 'live' && (
            <label className="arm-live">
              Type the account id to arm live:{' '}
              <input className="input mono" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="arm-typed-account" placeholder="U1234567" />
            </label>
          )}
          <button
            className={`btn ${mode === 'live' ? 'btn-danger' : 'btn-primary'}`}
            onClick={(e) => void onArm(e)}
            disabled={waiting !== null}
            title={waiting ?? undefined}
            data-testid="arm-button"
          >
            Arm {mode}
          </button>
          {waiting && (
            <span className="muted" data-testid="arm-waiting">
              {waiting}
            </span>
          )}
        </div>
      )}
      {canDisarm && (
        <button className="btn" onClick={() => void disarm().then(onClose)} data-testid="disarm-button">
          Disarm
        </button>
      )}
      {notice && (
        <p className={`trading-notice lvl-${notice.level}`} data-testid="arm-notice">
          {notice.message}
        </p>
      )}
    </Modal>
  );
}
