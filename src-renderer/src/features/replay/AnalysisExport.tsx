import { useState } from 'react';
import type { ReplayAnalysis } from '../../../../src-shared/contract/features/replay';
import { api } from '../../lib/api';
import { analysisCsv, analysisJson, exportName } from './analysis-export';
import { downloadText } from './download';
import { useReplayStore } from './replay-store';

// The report of the open replay, kept so exporting the other format does not analyse again.
let last: { replayId: string; report: ReplayAnalysis } | null = null;

/** Export the open replay's analysis (`npm run analyze --json`'s report) as CSV or JSON. */
export function AnalysisExport() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: 'csv' | 'json') => {
    const info = useReplayStore.getState().info;
    if (!info || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (last?.replayId !== info.replayId) {
        const r = await api.call('replay:analysis', { replayId: info.replayId });
        if (!r.ok) return setError(r.error.message);
        last = { replayId: info.replayId, report: r.value };
      }
      const name = exportName(info.symbol, info.date, 'analysis', format);
      if (format === 'csv') downloadText(analysisCsv(last.report), name, 'text/csv');
      else downloadText(analysisJson(last.report), name, 'application/json');
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="replay-export">
      <span className="muted">analysis</span>
      <button className="btn btn-xs" disabled={busy} onClick={() => void run('csv')} data-testid="replay-export-csv" title="Every metric of the session, one field per row">
        CSV
      </button>
      <button className="btn btn-xs" disabled={busy} onClick={() => void run('json')} data-testid="replay-export-json" title="The same object as npm run analyze --json">
        JSON
      </button>
      {busy && <span className="muted">analysing…</span>}
      {error && <span className="text-error">{error}</span>}
    </span>
  );
}
