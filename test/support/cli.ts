/**
 * Runs the real `penny` binary as a child process, the way users and other tools run it: the
 * compiled one in dist/, which the test run's global setup builds from the sources first.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const PENNY_BIN = path.resolve(import.meta.dirname, '../../dist/cli/bin.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The process was still running after `timeoutMs` and was killed. */
  timedOut: boolean;
}

/** `timeoutMs`: kill the process if it has not exited by then (for tests that a command exits by itself). */
export function runPenny(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    for (const [k, v] of Object.entries(options.env ?? {})) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [PENNY_BIN, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
