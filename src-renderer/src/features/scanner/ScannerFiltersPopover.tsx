import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type RefObject } from 'react';
import type { ScannerFilters } from '../../../../src-shared/contract/features/settings';
import { updateSettings } from '../settings/settings-actions';
import { errorLines, FILTER_FIELDS, filtersFormFrom, filtersPatch, validateFilters, type FilterErrors, type FilterFieldSpec } from './scanner-filters-form';

export interface PopoverAnchor {
  x: number;
  y: number;
}

interface ScannerFiltersPopoverProps {
  filters: ScannerFilters;
  anchor: PopoverAnchor;
  /** restoreFocus is false when the trader clicked elsewhere: focus goes where they clicked. */
  onClose(restoreFocus: boolean): void;
  /** The opening button: a press on it toggles rather than dismisses. */
  toggleRef: RefObject<HTMLElement | null>;
}

const unitText = (f: FilterFieldSpec): string => (f.unit ? ` (${f.unit})` : '') + (f.note ? ` · ${f.note}` : '');

/** Edits the scanner filters; main validates again and re-runs the scan on success. */
export function ScannerFiltersPopover({ filters, anchor, onClose, toggleRef }: ScannerFiltersPopoverProps) {
  const [baseline] = useState(filters);
  const [form, setForm] = useState(() => filtersFormFrom(filters));
  const [errors, setErrors] = useState<FilterErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rootRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (rootRef.current?.contains(t) || toggleRef.current?.contains(t)) return;
      onClose(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose, toggleRef]);

  const apply = async () => {
    if (busy) return;
    const v = validateFilters(form);
    if (!v.ok) {
      setErrors(v.errors);
      setMessage(errorLines(v.errors).join('\n'));
      return;
    }
    setErrors({});
    const patch = filtersPatch(baseline, v.value);
    if (Object.keys(patch).length === 0) return onClose(true);
    setBusy(true);
    setMessage(null);
    const e = await updateSettings({ scanner: patch });
    setBusy(false);
    // The server's message is shown verbatim: it names the field and the rule.
    if (e) setMessage(e.message);
    else onClose(true);
  };

  // Handled here, before the window-level shortcuts: Esc must not clear the scanner selection, nor
  // Ctrl+Enter start recordings, while the trader is editing filters.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key === 'Enter') {
      e.stopPropagation();
      if (e.target instanceof HTMLButtonElement) return;
      e.preventDefault();
      void apply();
    }
  };

  const style = { '--anchor-x': `${anchor.x}px`, '--anchor-y': `${anchor.y}px` } as CSSProperties;
  return (
    <form
      ref={rootRef}
      className="filters-popover"
      role="dialog"
      aria-label="Scanner filters"
      data-testid="scanner-filters"
      tabIndex={-1}
      style={style}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <div className="subhead">Scanner filters</div>
      <div className="form-grid">
        {FILTER_FIELDS.map((f, i) => (
          <label key={f.key} className="field">
            <span>
              {f.label}
              {unitText(f)}
            </span>
            <input
              className={`input num ${errors[f.key] ? 'input-invalid' : ''}`}
              data-testid={`scanner-filters-${f.key}`}
              inputMode={f.unit === 'shares' ? 'text' : 'decimal'}
              autoFocus={i === 0}
              spellCheck={false}
              aria-invalid={errors[f.key] ? true : undefined}
              title={errors[f.key]}
              value={form[f.key]}
              onFocus={(e) => e.target.select()}
              onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
            />
          </label>
        ))}
        <label className="field field-check">
          <input
            type="checkbox"
            data-testid="scanner-filters-alertSound"
            checked={form.alertSound}
            onChange={(e) => setForm({ ...form, alertSound: e.target.checked })}
          />
          <span>Alert sound</span>
        </label>
      </div>
      {message && (
        <div className="filters-message text-error" role="alert" data-testid="scanner-filters-message">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="scanner-filters-apply" title="Enter">
          Apply
        </button>
        <button type="button" className="btn" onClick={() => onClose(true)} data-testid="scanner-filters-cancel" title="Esc">
          Cancel
        </button>
        <span className="muted filters-hint">
          <kbd>↵</kbd> apply · <kbd>Esc</kbd> cancel
        </span>
      </div>
    </form>
  );
}
