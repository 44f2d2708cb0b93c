/**
 * Runs Electronegativity (@doyensec/electronegativity) in-process, offline. Its CLI fetches translations
 * and Electron's release list from the network on every run; here the translations come from the copy
 * it ships and the one network check (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK: "is there a newer Electron
 * with security fixes") is left out, so a run is quick and gives the same answer with or without a network.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface Finding {
  id: string;
  severity: Severity;
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
  manualReview: boolean;
  url: string;
}

export interface ScanResult {
  checks: number;
  findings: Finding[];
  /** Files the tool could not parse: a parse failure hides findings, so it fails the gate too. */
  parseErrors: { file: string; message: string }[];
}

/** The check that needs the network; documented in docs/security.md. */
export const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface RawIssue {
  id: string;
  severity: { name: Severity };
  confidence: { name: string };
  file: string;
  location: { line: number; column: number };
  description: string;
  manualReview?: boolean;
  shortenedURL?: string;
}
interface RawResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<RawResult>;

let runner: Runner | undefined;

/** Loads the runner with its translations served from the package (no request to its S3 bucket). */
function loadRunner(): Runner {
  if (runner) return runner;
  const pkgDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const i18nModule = join(pkgDir, 'dist', 'locales', 'i18n.js');
  const i18n = require(require.resolve('i18n', { paths: [pkgDir] })) as {
    configure: (o: Record<string, unknown>) => void;
    setLocale: (l: string) => void;
  };
  const offlineI18n = async (): Promise<void> => {
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: dirname(i18nModule), updateFiles: false, objectNotation: true, register: globalThis });
    i18n.setLocale('en-US');
  };
  // The runner requires './locales/i18n' itself: answer that require with the offline version.
  require.cache[i18nModule] = { id: i18nModule, filename: i18nModule, loaded: true, exports: offlineI18n } as unknown as NodeJS.Module;
  runner = require(join(pkgDir, 'dist', 'runner.js')) as Runner;
  return runner;
}

/** Scans a directory (node_modules is skipped by the tool) with every offline check. */
export async function scan(input: string): Promise<ScanResult> {
  const raw = await loadRunner()(
    { input, customScan: [], excludeFromScan: NETWORK_CHECKS, parserPlugins: [], isRelative: true, isVerbose: true },
    false,
  );
  return {
    checks: raw.globalChecks + raw.atomicChecks,
    findings: raw.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location.line,
      column: i.location.column,
      description: i.description,
      manualReview: Boolean(i.manualReview),
      url: i.shortenedURL ?? '',
    })),
    parseErrors: raw.errors.filter((e) => !e.tolerable).map((e) => ({ file: e.file, message: e.message })),
  };
}

const BLOCKING: ReadonlySet<Severity> = new Set(['HIGH', 'MEDIUM']);

/** The findings that fail `npm run security`: any high or medium. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => BLOCKING.has(f.severity));
}

/** One line per finding, most severe first. */
export function formatFindings(findings: readonly Finding[]): string[] {
  const rank: Record<Severity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
  return [...findings]
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.file.localeCompare(b.file) || a.line - b.line)
    .map((f) => `${f.severity.padEnd(13)} ${f.id}  ${f.file}:${f.line}:${f.column}  ${f.description}${f.manualReview ? ' (review)' : ''}`);
}
