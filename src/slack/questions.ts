/**
 * Cost questions in Slack: DMs to Penny, @Penny mentions and `/penny <question>` all answer in a
 * thread. Each is acknowledged at once (Slack drops what is not acknowledged within 3 s); Penny
 * then posts "Working on it…" in the thread, answers as the asker (their teams decide what they
 * see), replaces the placeholder with the answer and uploads the chart into the thread. The
 * thread is the conversation: follow-ups in it reach the agent with the same thread id. "Propose
 * a fix for …" proposes a remediation for the asker's finding it names (fix-reply.ts); "suppressed"
 * lists what alert feedback has silenced (suppressed/).
 */
import { randomUUID } from 'node:crypto';
import type { App, webApi } from '@slack/bolt';
import { answerQuestion } from '../ask/agent/answer.ts';
import { tabulated, tooLongMessage } from '../ask/answer/answer.ts';
import { chartFor } from '../charts/choose.ts';
import { renderChartPng } from './chart-renderer.ts';
import { logger } from '../log/logger.ts';
import { QueryTimeoutError } from '../costs/run.ts';
import { answerMessage, failureMessage, HELP_TEXT, noAccessMessage, tooSlowMessage, workingMessage, type SlackMessage } from './answer-view.ts';
import { escapeText } from './blocks.ts';
import { limiter, type SlackDeps } from './deps.ts';
import { proposeFix, remediationOf } from './approvals.ts';
import { fixReply } from './fix-reply.ts';
import { parseFixRequest } from './fix-request.ts';
import { isSuppressedRequest } from './suppressed/request.ts';
import { suppressedReply } from './suppressed/reply.ts';
import { answerSeconds, countSlackError, questionsAnswered, slackCall } from './metrics.ts';

export type Surface = 'dm' | 'mention' | 'command';

export interface Question {
  client: webApi.WebClient;
  channel: string;
  /** The message the answer threads under. */
  threadTs: string;
  userId: string;
  text: string;
  surface: Surface;
}

/** Answers computed at once; more wait. Enough to keep the database pool busy without starving it. */
const CONCURRENT_ANSWERS = 4;

/** `<@U123> what did…` → `what did…`: the mention that addressed Penny is not part of the question. */
export function stripMention(text: string): string {
  return text.replace(/^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>[\s,:]*/, '').trim();
}

export function threadId(channel: string, threadTs: string): string {
  return `slack:${channel}:${threadTs}`;
}

async function uploadChart(q: Question, answer: Awaited<ReturnType<typeof answerQuestion>>): Promise<void> {
  const shown = tabulated(answer);
  const chart = shown ? chartFor(shown) : null;
  if (!chart) return;
  const png = await renderChartPng(chart);
  await slackCall('files.uploadV2', () => q.client.filesUploadV2({ channel_id: q.channel, thread_ts: q.threadTs, file: png, filename: 'penny-chart.png', title: chart.title }));
}

/** Proposes a fix for a finding on a person's request; the reply says where its card waits. */
export type Proposer = (findingId: string, userId: string) => Promise<SlackMessage>;

export function questionAnswerer(deps: SlackDeps, propose: Proposer): (q: Question) => Promise<void> {
  const limit = limiter(CONCURRENT_ANSWERS);
  return async (q) => {
    const started = performance.now();
    const log = logger.child({ component: 'slack', surface: q.surface, channel: q.channel, thread: q.threadTs, user: q.userId });
    const placeholder = await slackCall('chat.postMessage', () => q.client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, ...workingMessage() }));
    const update = (message: { text: string; blocks: unknown[] }) =>
      slackCall('chat.update', () => q.client.chat.update({ channel: q.channel, ts: placeholder.ts!, ...message } as webApi.ChatUpdateArguments));
    let outcome: 'answered' | 'declined' | 'failed' = 'failed';
    try {
      await limit(async () => {
        const who = await deps.identity(q.client, q.userId);
        if (!who.viewer.admin && who.viewer.teams.length === 0) {
          outcome = 'declined';
          await update(noAccessMessage(who.email, q.userId));
          return;
        }
        if (isSuppressedRequest(q.text)) {
          await update(await suppressedReply(deps, who));
          outcome = 'answered';
          return;
        }
        const fix = parseFixRequest(q.text);
        if (fix !== null) {
          await update(await fixReply(deps, who, fix, (findingId) => propose(findingId, q.userId)));
          outcome = 'answered';
          return;
        }
        const answer = await answerQuestion(deps.pool, deps.env, q.text, { viewer: who.viewer, myTeams: who.teams, asOf: deps.asOf?.(), threadId: threadId(q.channel, q.threadTs) });
        outcome = answer.query ? 'answered' : 'declined';
        await update(answerMessage(answer));
        await uploadChart(q, answer).catch((err) => log.warn({ err }, 'the chart could not be uploaded'));
      });
    } catch (err) {
      const reference = randomUUID().slice(0, 8);
      log.error({ err, reference, question: q.text }, 'answering a Slack question failed');
      const message = err instanceof QueryTimeoutError ? tooSlowMessage(err.message) : failureMessage(reference);
      await update(message).catch((e) => log.error({ err: e }, 'could not report the failure in Slack'));
    } finally {
      questionsAnswered.inc({ surface: q.surface, outcome });
      answerSeconds.observe({ surface: q.surface }, (performance.now() - started) / 1000);
    }
  };
}

/** Slack errors meaning Penny cannot post in the channel the command came from. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export function registerQuestions(app: App, deps: SlackDeps): void {
  const answer = questionAnswerer(deps, async (findingId, userId) => proposeFix(await remediationOf(app), findingId, userId));
  const run = (q: Question) => answer(q).catch((err) => logger.error({ err, surface: q.surface }, 'could not answer in Slack'));

  app.command('/penny', async ({ command, ack, respond, client }) => {
    await ack();
    const text = command.text.trim();
    if (text === '' || /^help$/i.test(text)) {
      await respond({ response_type: 'ephemeral', text: HELP_TEXT });
      return;
    }
    // Declined privately: echoing a pasted page into the channel helps nobody.
    const tooLong = tooLongMessage(text, deps.env.PENNY_MAX_QUESTION_CHARS);
    if (tooLong) {
      await respond({ response_type: 'ephemeral', text: tooLong });
      return;
    }
    let parent;
    try {
      parent = await client.chat.postMessage({ channel: command.channel_id, text: `<@${command.user_id}> asked: ${escapeText(text)}` });
    } catch (err) {
      countSlackError('chat.postMessage', err);
      const code = (err as { data?: { error?: string } }).data?.error ?? '';
      if (!CANNOT_POST.has(code)) throw err;
      await respond({ response_type: 'ephemeral', text: 'I am not in this channel, so I cannot answer here: invite me with `/invite @Penny`, or ask me in a direct message.' });
      return;
    }
    await run({ client, channel: command.channel_id, threadTs: parent.ts!, userId: command.user_id, text, surface: 'command' });
  });

  app.event('app_mention', async ({ event, client }) => {
    if (!event.user) return;
    const text = stripMention(event.text);
    const threadTs = event.thread_ts ?? event.ts;
    if (text === '') {
      await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, text: HELP_TEXT });
      return;
    }
    await run({ client, channel: event.channel, threadTs, userId: event.user, text, surface: 'mention' });
  });

  app.message(async ({ message, client }) => {
    // Only people's own new messages in Penny's DMs: not edits, bot posts or channel chatter.
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id || !message.user) return;
    const text = stripMention(message.text ?? '');
    if (text === '') return;
    await run({ client, channel: message.channel, threadTs: message.thread_ts ?? message.ts, userId: message.user, text, surface: 'dm' });
  });
}
