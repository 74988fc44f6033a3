/**
 * What every part of the Slack app is built on: the database, the environment, who-is-asking
 * lookups, the clock, and a limit on answers computed at once (acknowledging never waits for it).
 */
import type pg from 'pg';
import type { Env } from '../config/env.ts';
import type { IdentityResolver } from './identity.ts';

export interface SlackDeps {
  pool: pg.Pool;
  env: Env;
  identity: IdentityResolver;
  /** Today as YYYY-MM-DD; tests pin it to the demo data's end. */
  asOf?: () => string;
  now?: () => Date;
}

/** Runs at most `n` tasks at once; the rest wait in arrival order. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
