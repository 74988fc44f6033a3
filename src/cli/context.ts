/**
 * What every command shares: the validated environment, the database opened for the command's
 * duration and always closed, and output that keeps stdout for the one `--json` document.
 */
import type { Env } from '../config/env.ts';
import type { Db } from '../db/pool.ts';

export interface CommandContext {
  env: Env;
  db: Db;
}

/** An error for people: printed as one line on stderr, without a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}

export async function withDb<T>(fn: (ctx: CommandContext) => Promise<T>): Promise<T> {
  // Loaded here, not with this module, which main.ts imports for every command and for help.
  const [{ loadEnv }, { openDb }] = await Promise.all([import('../config/env.ts'), import('../db/pool.ts')]);
  const env = loadEnv();
  const db = await openDb(env);
  try {
    return await fn({ env, db });
  } finally {
    await db.close();
  }
}

export function printJson(doc: unknown): void {
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
}
