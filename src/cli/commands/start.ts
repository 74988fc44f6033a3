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
import { githubRoutes } from '../../github/routes.ts';
import { seedIfEmpty } from '../../demo/seed.ts';
import { describeDemo } from './demo.ts';

/** What is stored, by kind of input: billing rows, LLM calls, tasks, metrics. */
async function storedRows(pool: import('pg').Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ kind: string; n: string }>("select kind, sum(rows) as n from ingest_loads where status = 'loaded' group by kind");
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export function startCommand(): Command {
  return new Command('start').description('run the Penny service (HTTP, and later Slack, GitHub and the scheduler)').action(async () => {
    const env = loadEnv();
    const db = await openDb(env);
    const server = await startHttp(env.PORT, { 'GET /healthz': healthRoute(db.pool), ...githubRoutes(env, db.pool) }).catch(async (err) => {
      await db.close();
      throw err;
    });
    const port = (server.address() as AddressInfo).port;
    let demo = '';
    if (env.PENNY_DEMO === 'auto') {
      const seeded = await seedIfEmpty(db.pool);
      if (seeded) demo = `The database was empty: seeded the demo company (PENNY_DEMO=off to start empty).\n${describeDemo(seeded)}\n\n`;
    }
    const stored = await storedRows(db.pool);
    const n = (kind: string) => (stored[kind] ?? 0).toLocaleString('en-US');
    process.stdout.write(
      demo +
      [
        'Penny is running.',
        `  data:    ${db.embedded ? `embedded PostgreSQL in ${db.location}` : db.location}`,
        `  health:  http://localhost:${port}/healthz`,
        `  stored:  ${n('focus')} billing rows, ${n('usage')} LLM calls, ${n('tasks')} agent tasks, ${n('metrics')} utilisation samples`,
        '',
        'Load your data:',
        '  npx penny ingest focus ./exports/*.csv.gz     billing exports (FOCUS CSV, CSV.gz or Parquet)',
        '  npx penny ingest usage ./llm-calls.jsonl      LLM calls (OpenTelemetry GenAI, OTLP/JSON, LiteLLM)',
        '  npx penny owners import owners.yaml           who owns which team, tag or resource',
        '  npx penny budget set --scope team=search --monthly 12000',
        '',
        'Coming as they land: cost questions (penny ask), scans, Slack answers and alerts,',
        'pull-request cost reviews, approved remediations.',
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
