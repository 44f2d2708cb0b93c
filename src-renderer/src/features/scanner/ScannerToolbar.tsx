import type { RefObject } from 'react';
import { fmtEtTime } from '../../lib/et-time';
import { ScannerFiltersControl } from './ScannerFiltersControl';
import { useScannerStore } from './scanner-store';

interface ScannerToolbarProps {
  filter: string;
  onFilter(text: string): void;
  onStart(): void;
  filterRef: RefObject<HTMLInputElement | null>;
}

export function ScannerToolbar({ filter, onFilter, onStart, filterRef }: ScannerToolbarProps) {
  const msg = useScannerStore((s) => s.actionMessage);
  return (
    <div className="toolbar">
      <input
        ref={filterRef}
        className="input filter-input"
        data-testid="scanner-filter"
        placeholder="Filter  ( / )"
        value={filter}
        onChange={(e) => onFilter(e.target.value)}
        spellCheck={false}
      />
      <button className="btn btn-primary" data-testid="start-selected" onClick={onStart} title="Ctrl/⌘ + Enter">
        Start Selected
      </button>
      <ScannerFiltersControl />
      {msg && (
        <span className={msg.kind === 'error' ? 'text-error' : 'text-ok'} data-testid="scanner-action-message" data-kind={msg.kind}>
          {msg.text}
        </span>
      )}
    </div>
  );
}

/** Selection and freshness, in the panel header so the toolbar keeps room for the filter summary. */
export function ScannerStatus() {
  const selected = useScannerStore((s) => s.selected.length);
  const rowCount = useScannerStore((s) => s.rowCount);
  const updatedAt = useScannerStore((s) => s.updatedAt);
  return (
    <span className="muted" data-testid="scanner-status" data-selected={selected}>
      {selected} selected · {rowCount} rows · updated {fmtEtTime(updatedAt)} ET
    </span>
  );
}
