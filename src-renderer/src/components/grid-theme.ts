import { AllCommunityModule, ModuleRegistry, colorSchemeDark, themeBalham } from 'ag-grid-community';

// Registered once for the whole renderer, before any grid mounts.
ModuleRegistry.registerModules([AllCommunityModule]);

/** Dense dark grid matching the workstation palette (see styles.css variables). */
export const gridTheme = themeBalham.withPart(colorSchemeDark).withParams({
  backgroundColor: '#0e1116',
  foregroundColor: '#d5dae1',
  headerBackgroundColor: '#151a21',
  headerTextColor: '#8b96a5',
  oddRowBackgroundColor: '#11151b',
  borderColor: '#232a33',
  rowBorder: { color: '#181e26' },
  accentColor: '#3b82f6',
  selectedRowBackgroundColor: 'rgba(59,130,246,0.18)',
  rowHoverColor: 'rgba(255,255,255,0.04)',
  fontFamily: 'var(--font-ui)',
  fontSize: 12,
  headerFontSize: 11,
  rowHeight: 22,
  headerHeight: 24,
  spacing: 3,
  wrapperBorderRadius: 0,
  wrapperBorder: false,
});
