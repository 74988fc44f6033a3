/**
 * The long-running service `penny start` runs. Opens (and migrates) the database, serves HTTP, and
 * runs the scheduled workflows, and prints one short screen saying where the data lives, what is
 * scheduled and what to do next. Stops cleanly on SIGINT/SIGTERM: it stops taking requests and
 * scheduled slots, lets runs under way finish and waits (up to PENNY_REMEDIATION_DRAIN_SECONDS)
 * for remediations under way to record their results before the pool closes, which also stops the
 * embedded PostgreSQL when nothing else uses it.
 */
import type { AddressInfo } from 'node:net';
import { loadEnv } from '../config/env.ts';
import { refreshAfterLoads } from '../costs/rollups.ts';
import { openDb } from '../db/pool.ts';
import { logger } from '../log/logger.ts';
import { healthRoute, startHttp } from '../server/http.ts';
import { metricsRoute } from '../server/metrics.ts';
import { githubRoutes } from '../github/routes.ts';
import { seedIfEmpty } from '../demo/seed.ts';
import { workflowLines } from '../scheduler/describe.ts';
import { formatWorkflowProblem, loadWorkflows, resolveWorkflowsDir } from '../scheduler/load.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import { serviceJobs } from '../server/faces.ts';
import { startSlack } from '../slack/service.ts';
import { describeDemo } from './commands/demo.ts';

/** What is stored, by kind of input: billing rows, LLM calls, tasks, metrics. */
async function storedRows(pool: import('pg').Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ kind: string; n: string }>("select kind, sum(rows) as n from ingest_loads where status = 'loaded' group by kind");
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Runs until SIGINT or SIGTERM, then stops cleanly. */
export async function runService(): Promise<void> {
  const env = loadEnv();
  const db = await openDb(env);
  const slack = await startSlack(env, db.pool);
  const routes = { 'GET /healthz': healthRoute(db.pool), 'GET /metrics': metricsRoute(), ...slack.routes, ...githubRoutes(env, db.pool) };
  const server = await startHttp(env.PORT, routes).catch(async (err) => {
    await slack.stop();
    await db.close();
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  let demo = '';
  if (env.PENNY_DEMO === 'on' || (env.PENNY_DEMO === 'auto' && db.embedded)) {
    const seeded = await seedIfEmpty(db.pool);
    if (seeded) demo = `The database was empty: seeded the demo company (PENNY_DEMO=off to start empty).\n${describeDemo(seeded)}\n\n`;
  }
  const stored = await storedRows(db.pool);
  if (!demo && Object.keys(stored).length === 0 && env.PENNY_DEMO === 'auto') {
    demo = 'The database is empty: load your data (below), or run npx penny demo (or PENNY_DEMO=on) to try Penny on a demo company.\n\n';
  }
  // A migration that reshapes the rollup, or an ingest whose refresh failed, leaves it stale and
  // questions on the raw tables: rebuild it in the background (under the refresh lock, so
  // replicas starting together rebuild it once).
  void refreshAfterLoads(db.pool, []).then(
    (r) => r.mode !== 'none' && logger.info({ rows: r.rows }, 'stale daily rollup rebuilt'),
    (err) => logger.warn({ err }, 'could not rebuild the stale daily rollup; questions read the raw tables until the next ingest'),
  );
  const jobs = serviceJobs();
  const workflowsDir = await resolveWorkflowsDir(env.PENNY_WORKFLOWS_DIR);
  const workflows = await loadWorkflows(workflowsDir, jobs);
  for (const p of workflows.problems) logger.warn({ problem: formatWorkflowProblem(p) }, 'workflow file skipped');
  const scheduler = new Scheduler(db.pool, workflows.workflows, jobs);
  const scheduled = await scheduler.start();
  const n = (kind: string) => (stored[kind] ?? 0).toLocaleString('en-US');
  process.stdout.write(
    demo +
      [
        'Penny is running.',
        `  data:    ${db.embedded ? `embedded PostgreSQL in ${db.location}` : db.location}`,
        `  health:  http://localhost:${port}/healthz (metrics: /metrics)`,
        `  slack:   ${slack.status(port)}`,
        `  stored:  ${n('focus')} billing rows, ${n('usage')} LLM calls, ${n('tasks')} agent tasks, ${n('metrics')} utilisation samples`,
        `  workflows: ${scheduled.length} from ${workflowsDir} (npx penny workflows list)`,
        ...workflowLines(scheduled).map((l) => `    ${l}`),
        ...workflows.problems.map((p) => `    skipped ${formatWorkflowProblem(p)}`),
        '',
        'Load your data:',
        '  npx penny ingest focus ./exports/*.csv.gz     billing exports (FOCUS CSV, CSV.gz or Parquet)',
        '  npx penny ingest usage ./llm-calls.jsonl      LLM calls (OpenTelemetry GenAI, OTLP/JSON, LiteLLM)',
        '  npx penny owners import owners.yaml           who owns which team, tag or resource',
        '  npx penny budget set --scope team=search --monthly 12000',
        '',
        'Use it:',
        '  npx penny ask "top 5 services last month"     cost questions (also in Slack: /penny, @Penny, DMs)',
        '  npx penny scan all                            anomalies, waste and budgets now (the workflows run them on schedule)',
        '  npx penny review-pr --diff changes.diff       the monthly cost a change adds',
        '  npx penny audit                               what was proposed, approved and run',
        '',
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
  const closed = new Promise((r) => server.close(r));
  await scheduler.stop();
  await slack.stop();
  await closed;
  await db.close();
}
