/**
 * `npm run bench:slack`: how fast Penny acknowledges Slack when many questions arrive at once.
 * Slack retries an event whose acknowledgement takes over 3 s, so each of a burst of 50 mentions
 * (the demo company's questions, 5 shapes) must be acknowledged within that, whatever the answers
 * cost. Penny's Slack app runs on its own HTTP server on 127.0.0.1 against a fake Slack Web API;
 * the burst is signed and sent from a separate process, as Slack's side is. Prints the
 * acknowledgement times (p50, p95, max) and how long until all 50 were answered.
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { loadEnv } from '../src/config/env.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { buildSlackApp, REGISTRARS } from '../src/slack/app.ts';
import { boltLogger } from '../src/slack/bolt-logger.ts';
import { identityResolver } from '../src/slack/identity.ts';
import { RouteReceiver } from '../src/slack/receiver.ts';
import { deliveries } from '../src/server/deliveries.ts';
import { startHttp } from '../src/server/http.ts';
import { burst, eventBody, FakeSlack } from '../test/slack/support/fake-slack.ts';
import { pct } from './ask-questions.ts';
import { benchServer, freshDatabase } from './server.ts';

const SECRET = 'bench-signing-secret';
const BURST = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUESTIONS = ['spend last month by team', 'gpt-4o cost last week by feature', 'total spend yesterday', 'daily spend last 14 days', 'spend by provider last month'];

async function main(): Promise<void> {
  const server = await benchServer();
  const url = await freshDatabase(server.url, 'penny_bench_slack');
  const pool = new pg.Pool({ connectionString: url });
  await seedDemo(pool);
  const fake = new FakeSlack();
  await fake.start();
  fake.addUser('U0FINOPS01', 'fin@northwind.example');
  const env = loadEnv({ DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, PENNY_ADMINS: 'U0FINOPS01' });
  const receiver = new RouteReceiver({ signingSecret: SECRET, logger: boltLogger(), deliveries: deliveries(pool) });
  buildSlackApp({ pool, env, identity: identityResolver(pool, env) }, { receiver }, REGISTRARS);
  const http = await startHttp(0, { 'POST /slack/events': receiver.route });
  const eventsUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/slack/events`;
  const acks: number[] = [];
  console.log(`Slack acknowledgements, ${ROUNDS} bursts of ${BURST} mentions at once (the demo company; target: each within 3,000 ms):`);
  let seq = 0;
  for (let round = 0; round < ROUNDS; round++) {
    fake.reset();
    const channel = `C0BENCH${String(round).padStart(3, '0')}`;
    const bodies = Array.from({ length: BURST }, (_, i) => {
      const ts = `17000${round}1000.${String(i).padStart(6, '0')}`;
      const text = `<@U0PENNYBOT> ${QUESTIONS[i % QUESTIONS.length]}`;
      return eventBody({ type: 'app_mention', user: 'U0FINOPS01', text, ts, channel, event_ts: ts }, `EvBench${++seq}`);
    });
    const started = Date.now();
    const got = await burst(eventsUrl, SECRET, bodies);
    if (got.some((a) => a.status !== 200)) throw new Error(`round ${round + 1}: ${got.filter((a) => a.status !== 200).length} acknowledgements were not 200`);
    acks.push(...got.map((a) => a.ms));
    const answered = () => fake.ok('chat.update', (a) => a.channel === channel && !JSON.stringify(a.blocks ?? []).includes('Working on it')).length;
    await fake.waitFor(() => answered() === BURST, 300_000, `${BURST} answers`);
    const ms = got.map((a) => a.ms);
    console.log(`  burst ${round + 1}: acknowledged p50 ${pct(ms, 50)} ms, max ${Math.max(...ms)} ms; all ${BURST} answered after ${Date.now() - started} ms`);
  }
  console.log(`acknowledgement over ${acks.length} mentions: p50 ${pct(acks, 50)} ms, p95 ${pct(acks, 95)} ms, max ${Math.max(...acks)} ms (target ≤ 3,000 ms each)`);
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
  await fake.stop();
  await pool.end();
  await server.stop();
}

await main();
