/**
 * Starting a launcher that detection found. No shell, fixed arguments: the path comes from detection, never
 * from the renderer. The gateway is the user's program: it is detached and outlives Tapedeck.
 */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import type { GatewayInstall } from '../../src-shared/contract/features/gateway';
import type { GatewayPlatform } from './detect';
import type { ProcessState } from './readiness';

export interface LaunchCommand {
  command: string;
  args: string[];
  cwd: string;
}

/** macOS apps go through `open -W` so the process we hold lives as long as the app does. */
export function launchCommand(platform: GatewayPlatform, install: Pick<GatewayInstall, 'launcher'>): LaunchCommand {
  if (platform === 'darwin' && install.launcher.endsWith('.app')) {
    return { command: '/usr/bin/open', args: ['-W', install.launcher], cwd: dirname(install.launcher) };
  }
  return { command: install.launcher, args: [], cwd: dirname(install.launcher) };
}

export interface LaunchedGateway {
  readonly pid: number | undefined;
  state(): ProcessState;
}

export function launchGateway(cmd: LaunchCommand): LaunchedGateway {
  const state: ProcessState = { alive: true };
  const child = spawn(cmd.command, cmd.args, { cwd: cmd.cwd, detached: true, stdio: 'ignore', shell: false, windowsHide: false });
  child.on('error', (e) => {
    state.alive = false;
    state.error = `${cmd.command}: ${e.message}`;
  });
  child.on('exit', (code, signal) => {
    state.alive = false;
    state.exitCode = code;
    state.signal = signal;
  });
  child.unref();
  return { pid: child.pid, state: () => ({ ...state }) };
}
