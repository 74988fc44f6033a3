/**
 * Runs `penny start` as a child process, the way it is deployed: waits for its start screen, reads
 * the port from it, keeps its log (stderr, JSON lines), and stops it with SIGTERM.
 */
import { spawn } from 'node:child_process';
import { PENNY_BIN } from './cli.ts';

export interface RunningPenny {
  port: number;
  /** What it printed on stdout when it started. */
  screen: string;
  /** The log lines so far, parsed. */
  log(): Array<Record<string, unknown>>;
  /** SIGTERM, then the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

export async function startPenny(env: Record<string, string>): Promise<RunningPenny> {
  const child = spawn(process.execPath, [PENNY_BIN, 'start'], { env: { ...process.env, PORT: '0', PENNY_DEMO: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let screen = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        screen += d;
        if (screen.includes('Stop with Ctrl-C')) resolve();
      });
      void closed.then((code) => reject(new Error(`penny start exited with ${code}: ${stderr}`)));
    });
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    port: Number(/localhost:(\d+)\/healthz/.exec(screen)![1]),
    screen,
    log: () =>
      stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await closed;
      clearTimeout(timer);
      return code;
    },
  };
}
