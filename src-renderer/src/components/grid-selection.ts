import type { RowSelectionOptions } from 'ag-grid-community';

/**
 * Row selection the way traders expect from a desktop list, for every grid that selects:
 * click selects one row, Ctrl/⌘-click toggles, Shift-click extends from the anchor, Ctrl/⌘-A selects
 * all rows the filter shows (while the grid has focus), Space toggles the focused row, and the
 * checkbox column still toggles without clearing the others.
 *
 * AG Grid only runs its click/Ctrl/Shift logic when `enableClickSelection` is on: with it off (the
 * scanner's first configuration) a row click and a Ctrl-click are both ignored, so only checkboxes
 * selected anything — "a click then five Ctrl-clicks left 0 selected". `enableSelectionWithoutKeys`
 * must stay off, or a plain click would toggle instead of selecting just that row.
 */
export const multiRowSelection = {
  mode: 'multiRow',
  checkboxes: true,
  headerCheckbox: true,
  enableClickSelection: true,
  enableSelectionWithoutKeys: false,
  // Ctrl-A and the header checkbox act on what the quick filter leaves visible, not hidden rows.
  selectAll: 'filtered',
} as const satisfies RowSelectionOptions;
