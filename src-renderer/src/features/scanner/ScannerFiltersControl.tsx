import { useCallback, useRef, useState } from 'react';
import { useAppStore } from '../../app/app-store';
import { ScannerFiltersPopover, type PopoverAnchor } from './ScannerFiltersPopover';
import { filtersDetail, filtersSummary } from './scanner-filters-summary';

/** The toolbar's "Filters" button, the active filters beside it, and the editor it opens. */
export function ScannerFiltersControl() {
  const filters = useAppStore((s) => s.settings?.scanner ?? null);
  const [anchor, setAnchor] = useState<PopoverAnchor | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = useCallback((restoreFocus: boolean) => {
    setAnchor(null);
    if (restoreFocus) buttonRef.current?.focus();
  }, []);

  const toggle = () => {
    const b = buttonRef.current;
    if (anchor || !b) return close(true);
    // The popover is placed in the panel body (the button's offset parent), below the button: the
    // toolbar clips its overflow, but not boxes positioned against an ancestor.
    setAnchor({ x: b.offsetLeft, y: b.offsetTop + b.offsetHeight + 2 });
  };

  return (
    <>
      <button
        ref={buttonRef}
        className={`btn ${anchor ? 'btn-on' : ''}`}
        data-testid="scanner-filters-open"
        disabled={!filters}
        aria-haspopup="dialog"
        aria-expanded={anchor !== null}
        onClick={toggle}
      >
        Filters
      </button>
      {filters && (
        <span className="filters-summary mono" data-testid="scanner-filters-summary" title={filtersDetail(filters)}>
          {filtersSummary(filters)}
        </span>
      )}
      {filters && anchor && <ScannerFiltersPopover filters={filters} anchor={anchor} onClose={close} toggleRef={buttonRef} />}
    </>
  );
}
