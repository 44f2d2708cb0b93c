import { AgGridReact } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import type { ResearchExample, ResearchExportProgress, ResearchQueryResult } from '../../../../src-shared/contract/features/research';
import { Panel } from '../../components/Panel';
import { gridDefaults, gridTheme } from '../../components/grid-theme';
import { api } from '../../lib/api';
import { exportWords, gridColumns, gridRows, isRunKey, progressWords, resultWords } from './research-view';
import './research.css';

/** Export: the whole archive to Parquet, with a progress bar fed by research:progress. */
function ExportPanel() {
  const [exporting, setExporting] = useState(false);
  const [progress, setProgress] = useState<ResearchExportProgress | null>(null);
  const [exportNote, setExportNote] = useState('');
  useEffect(() => api.on('research:progress', setProgress), []);

  const runExport = async () => {
    setExporting(true);
    setExportNote('');
    setProgress(null);
    const r = await api.call('research:export', {});
    setExporting(false);
    if (!r.ok) return setExportNote(r.error.message);
    const failed = r.value.failed.map((f) => `${f.source}: ${f.error}`).join('\n');
    setExportNote(`${exportWords(r.value)}${failed ? `\n${failed}` : ''}`);
  };

  const share = progress && progress.total ? progress.done / progress.total : 0;
  return (
    <Panel title="Export to Parquet" className="rs-export-panel">
      <div className="rs-row">
        <button className="btn" data-testid="rs-export" disabled={exporting} onClick={() => void runExport()}>
          {exporting ? 'Exporting…' : 'Export'}
        </button>
        <span className="muted">Recordings, backfilled bars and ticks and scanner hits → data folder/research (unchanged files are skipped).</span>
        {exporting && (
          <div className="rs-progress" data-testid="rs-export-progress" data-value={share.toFixed(3)}>
            <div className="rs-progress-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
          </div>
        )}
      </div>
      {exporting && progress && <div className="rs-row muted">{progressWords(progress)}</div>}
      {exportNote && <div className="rs-row" data-testid="rs-export-result" style={{ whiteSpace: 'pre-wrap' }}>{exportNote}</div>}
    </Panel>
  );
}

/** The Research tab: export the archive to Parquet, then ask DuckDB across every session. */
export function ResearchWorkspace() {
  const [examples, setExamples] = useState<ResearchExample[]>([]);
  const [sql, setSql] = useState('');
  const [result, setResult] = useState<ResearchQueryResult | null>(null);
  const [error, setError] = useState('');
  const [running, setRunning] = useState(false);

  useEffect(() => {
    void api.call('research:examples').then((r) => {
      if (!r.ok) return setError(r.error.message);
      setExamples(r.value);
      setSql((cur) => cur || (r.value[0]?.sql ?? ''));
    });
  }, []);

  const run = async () => {
    if (running || !sql.trim()) return;
    setRunning(true);
    setError('');
    const r = await api.call('research:query', { sql });
    setRunning(false);
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
  };

  return (
    <div className="workspace-research" data-testid="research-workspace">
      <ExportPanel />
      <Panel
        title="Query (DuckDB)"
        className="rs-query-panel"
        actions={
          <>
            {examples.map((e) => (
              <button key={e.id} className="btn btn-xs btn-ghost" title={e.description} data-testid={`rs-example-${e.id}`} onClick={() => setSql(e.sql)}>
                {e.title}
              </button>
            ))}
            <button className="btn btn-xs" data-testid="rs-run" disabled={running} onClick={() => void run()} title="Run (Ctrl+Enter)">
              {running ? 'Running…' : 'Run'}
            </button>
          </>
        }
      >
        <textarea
          className="rs-sql"
          data-testid="rs-sql"
          spellCheck={false}
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={(e) => {
            if (!isRunKey(e)) return;
            e.preventDefault();
            void run();
          }}
          aria-label="SQL query over the views depth, trades, book, bars, ticks, hits"
        />
      </Panel>
      <Panel title={result ? `Results · ${resultWords(result)}` : 'Results'} className="rs-results-panel">
        {error && <div className="rs-error" data-testid="rs-error">{error}</div>}
        {!error && result && (
          <div className="rs-grid" data-testid="rs-results" data-rows={result.rows.length}>
            <AgGridReact theme={gridTheme} rowData={gridRows(result)} columnDefs={gridColumns(result)} {...gridDefaults} overlayNoRowsTemplate="The query returned no rows." />
          </div>
        )}
      </Panel>
    </div>
  );
}
