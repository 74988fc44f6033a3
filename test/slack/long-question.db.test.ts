/**
 * Long questions never freeze Penny: the real `penny start` (a child process, Slack over HTTP
 * against the fake Slack Web API) gets the longest question it reads and one of Slack's longest
 * messages (40,000 characters); meanwhile /healthz answers and a short question is acknowledged
 * within Slack's 3 seconds, and each long one gets its answer or an honest refusal in its thread.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { PENNY_BIN } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { tempDir } from '../support/focus-sample.ts';
import { commandBody, eventBody, FakeSlack, signedPost } from './support/fake-slack.ts';

const SECRET = 'test-signing-secret';
const ADMIN = 'U0FINOPS01';

let t: TestDb;
let fake: FakeSlack;
let penny: ChildProcess;
let base: string;

/** `penny start` until its screen names the port; the screen and the log so far go into a failure. */
async function startPenny(env: Record<string, string>): Promise<{ child: ChildProcess; port: string }> {
  const child = spawn(process.execPath, [PENNY_BIN, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let screen = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      screen += d;
      const m = /localhost:(\d+)\/healthz/.exec(screen);
      if (m) resolve(m[1]!);
    });
    child.on('close', (code) => reject(new Error(`penny start exited with ${code}: ${screen}${stderr}`)));
  });
  return { child, port };
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.pool);
  fake = new FakeSlack();
  await fake.start();
  fake.addUser(ADMIN, 'fin@northwind.example');
  const started = await startPenny({
    DATABASE_URL: t.url,
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    PENNY_ADMINS: ADMIN,
    PENNY_WORKFLOWS_DIR: await tempDir('penny-no-workflows-'),
    PENNY_LOG_LEVEL: 'warn',
  });
  penny = started.child;
  base = `http://127.0.0.1:${started.port}`;
}, 180_000);
afterAll(async () => {
  penny?.kill('SIGKILL');
  await fake?.stop();
  await t?.drop();
});

let seq = 0;
function mention(channel: string, text: string): string {
  const ts = `1700000100.${String(++seq).padStart(6, '0')}`;
  return eventBody({ type: 'app_mention', user: ADMIN, text: `<@U0PENNYBOT> ${text}`, ts, channel, event_ts: ts }, `EvLong${seq}`);
}

const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const replies = (channel: string) => fake.ok('chat.update', (a) => a.channel === channel && !String(a.text).includes('Working on it'));

// How fast acknowledgements come back under load (Slack's 3 s) is measured by `npm run bench:slack`.
it('answers /healthz and acknowledges a short question before answering it while a 4,000- and a 40,000-character question are handled', { timeout: 120_000 }, async () => {
  // Nearly the longest question Penny reads (PENNY_MAX_QUESTION_CHARS), made of names it must look up.
  const names = 'search checkout gpt-4o prod ';
  const longest = names.repeat(Math.floor(4000 / names.length)).trimEnd();
  expect((await signedPost(`${base}/slack/events`, SECRET, mention('C0LONGEST1', longest))).status).toBe(200);
  expect((await signedPost(`${base}/slack/events`, SECRET, mention('C0HUGE0001', repeat('what did the search team spend on gpt-4o last week ', 40_000)))).status).toBe(200);

  // Both are being handled once their "Working on it" placeholders are up.
  await fake.waitFor(() => fake.ok('chat.postMessage', (a) => a.channel === 'C0LONGEST1' || a.channel === 'C0HUGE0001').length === 2);
  const ack = await signedPost(`${base}/slack/events`, SECRET, mention('C0SHORT001', 'what did we spend last month?'));
  expect(ack.status).toBe(200);
  const acked = Date.now();
  // /healthz keeps answering until all three are answered (a frozen event loop would not answer it at all).
  const answered = () => ['C0LONGEST1', 'C0HUGE0001', 'C0SHORT001'].every((c) => replies(c).length === 1);
  let checks = 0;
  do {
    const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch((err: Error) => err);
    expect(health instanceof Error ? `no answer from /healthz after ${checks} checks: ${health.message}` : health.status).toBe(200);
    checks++;
    await new Promise((r) => setTimeout(r, 100));
  } while (!answered());
  expect(replies('C0LONGEST1')[0]!.args.text).toMatch(/\$[\d,]+/);
  const [huge] = replies('C0HUGE0001');
  expect(huge!.args.text).toContain('That question is 40,000 characters long; I read questions of up to 4,000 characters');
  expect(replies('C0SHORT001')[0]!.args.text).toMatch(/\$[\d,]+/);
  expect(acked).toBeLessThanOrEqual(replies('C0SHORT001')[0]!.at);
});

it('/penny with a 40,000-character question declines it privately instead of echoing it into the channel', { timeout: 60_000 }, async () => {
  const text = repeat('spend by team ', 40_000);
  const body = commandBody({ user_id: ADMIN, channel_id: 'C0COMMAND1', text, response_url: fake.responseUrl('long') });
  expect((await signedPost(`${base}/slack/events`, SECRET, body, { contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
  await fake.waitFor(() => fake.ok('response_url', (a) => a.id === 'long').length === 1);
  expect(fake.ok('response_url', (a) => a.id === 'long')[0]!.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('I read questions of up to 4,000 characters') });
  expect(fake.ok('chat.postMessage', (a) => a.channel === 'C0COMMAND1')).toEqual([]);
});
