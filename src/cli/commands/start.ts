/**
 * `penny start`: the long-running service. Opens (and migrates) the database, serves HTTP, and
 * prints one short screen saying where the data lives and what to do next. Stops cleanly on
 * SIGINT/SIGTERM, which also stops the embedded PostgreSQL when nothing else uses it.
 */
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { loadEnv } from '../../config/env.ts';
import { openDb } from '../../db/pool.ts';
import { logger } from '../../log/logger.ts';
import { healthRoute, startHttp } from '../../server/http.ts';

async function countCostRows(pool: import('pg').Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>("select coalesce(sum(rows), 0) as n from ingest_loads where kind = 'focus' and status = 'loaded'");
  return Number(rows[0]?.n ?? 0);
}

export function startCommand(): Command {
  return new Command('start').description('run the Penny service (HTTP, and later Slack, GitHub and the scheduler)').action(async () => {
    const env = loadEnv();
    const db = await openDb(env);
    const server = await startHttp(env.PORT, { 'GET /healthz': healthRoute(db.pool) }).catch(async (err) => {
      await db.close();
      throw err;
    });
    const port = (server.address() as AddressInfo).port;
    const rows = await countCostRows(db.pool);
    process.stdout.write(
      [
        'Penny is running.',
        `  data:    ${db.embedded ? `embedded PostgreSQL in ${db.location}` : db.location}`,
        `  health:  http://localhost:${port}/healthz`,
        `  costs:   ${rows.toLocaleString('en-US')} billing rows stored`,
        '',
        'Load billing exports (FOCUS CSV, CSV.gz or Parquet):',
        '  npx penny ingest focus ./exports/*.csv.gz',
        '',
        'Coming as they land: LLM usage ingest, cost questions (penny ask), scans and budgets,',
        'Slack answers and alerts, pull-request cost reviews, approved remediations.',
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        logger.info({ signal }, 'stopping');
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await new Promise((r) => server.close(r));
    await db.close();
  });
}
