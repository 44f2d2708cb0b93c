import { spawn, type ChildProcess } from 'node:child_process';

export interface DrillProcess {
  proc: ChildProcess;
  /** Resolves with stdout once `READY` is printed; rejects with the output if the process exits first. */
  ready: Promise<string>;
  /** Resolves with the exit code and everything printed. */
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts tests/support/drill-app.ts on a data directory, optionally as another user (root runs the read-only drill). */
export function startDrillApp(dataDir: string, as?: { uid: number; gid: number }): DrillProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/support/drill-app.ts', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(as ?? {}),
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    proc.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', () => {
      if (/^READY \d+$/m.test(stdout)) resolve(stdout);
    });
    void exited.then((r) => reject(new Error(`drill app exited ${r.code} before READY:\n${r.stdout}\n${r.stderr}`)));
  });
  ready.catch(() => undefined);
  return { proc, ready, exited };
}
