/**
 * Every command-line tool answers --help (usage, exit 0) and --describe (its inputs and outputs as JSON) without
 * starting anything (each exits by itself): run through package.json's own scripts, as a user types them.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const TOOLS = ['sim', 'serve', 'analyze', 'backfill', 'report', 'databento', 'research', 'security'];

function run(tool: string, flag: string): Promise<{ code: number | null; out: string }> {
  const [bin, ...args] = scripts[tool].split(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, 'node_modules', '.bin', bin), [...args, flag], { cwd: root, env: { ...process.env, TAPEDECK_LOG: 'error' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('command-line tools', () => {
  it.each(TOOLS)('%s --describe prints its inputs and outputs as JSON; --help prints usage', { timeout: 60_000 }, async (tool) => {
    const [d, h] = await Promise.all([run(tool, '--describe'), run(tool, '--help')]);
    expect(d.code).toBe(0);
    type Io = { inputs: object; outputs: object };
    const json = JSON.parse(d.out) as { name: string; commands?: Record<string, Io> } & Partial<Io>;
    expect(json.name).toBe(tool);
    // One command, or several (research export / query), each with its inputs and outputs.
    for (const io of json.commands ? Object.values(json.commands) : [json as Io]) {
      expect(Object.keys(io.inputs).length).toBeGreaterThan(0);
      expect(Object.keys(io.outputs).length).toBeGreaterThan(0);
    }
    expect(h.code).toBe(0);
    expect(h.out).toMatch(new RegExp(`npm run ${tool}`));
  });
});
