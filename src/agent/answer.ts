/**
 * Answers a cost question: through the agent when a model is configured (OPENAI_API_KEY), else
 * through the offline planner. An agent's answer leads with Penny's own summary of what the tools
 * computed; the model's sentence follows as commentary, without any sentence whose numbers Penny
 * did not compute (numbers.ts), and a reply that read no data says so. If the model endpoint fails, the planner answers and says so, so a
 * flaky endpoint never leaves a question unanswered. A question over PENNY_MAX_QUESTION_CHARS is
 * declined before either.
 */
import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { answerFromResult, answerOffline, declined, sayCoverage, summaryContext, tooLongMessage, type Answer, type AskOptions } from '../ask/answer.ts';
import { withAccountNames } from '../ask/account-names.ts';
import { SUGGESTIONS } from '../ask/planner/plan.ts';
import type { Env } from '../config/env.ts';
import { todayUtc } from '../costs/time.ts';
import { logger } from '../log/logger.ts';
import type { buildAskGraph } from './graph.ts';
import { trustedCommentary, unreadCommentary } from './numbers.ts';

export interface QuestionOptions extends AskOptions {
  /** Conversation id: follow-up questions with the same id keep the context. */
  threadId?: string;
}

type AskGraph = ReturnType<typeof buildAskGraph>;
const graphs = new WeakMap<pg.Pool, Map<string, Promise<AskGraph>>>();

/** One compiled graph per pool and model settings; the checkpointer's tables are made once. */
function graphFor(pool: pg.Pool, env: Env): Promise<AskGraph> {
  const key = `${env.OPENAI_BASE_URL ?? ''}|${env.PENNY_MODEL}`;
  const perPool = graphs.get(pool) ?? new Map<string, Promise<AskGraph>>();
  graphs.set(pool, perPool);
  let graph = perPool.get(key);
  if (!graph) {
    graph = (async () => {
      // LangChain is loaded with the first agent question: the offline planner never needs it,
      // and loading it costs `penny ask` about a second.
      const [{ PostgresSaver }, { ChatOpenAI }, { buildAskGraph }] = await Promise.all([import('@langchain/langgraph-checkpoint-postgres'), import('@langchain/openai'), import('./graph.ts')]);
      const checkpointer = new PostgresSaver(pool, undefined, { schema: 'penny_agent' });
      await checkpointer.setup();
      const model = new ChatOpenAI({
        model: env.PENNY_MODEL,
        apiKey: env.OPENAI_API_KEY,
        configuration: env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : undefined,
        temperature: 0,
        maxRetries: 1,
        timeout: 60_000,
      });
      return buildAskGraph({ pool, model, modelName: env.PENNY_MODEL, checkpointer, timeoutMs: env.PENNY_STATEMENT_TIMEOUT_MS });
    })();
    graph.catch(() => perPool.delete(key));
    perPool.set(key, graph);
  }
  return graph;
}

/** What Penny itself computed and handed the model: the tool results, against which the model's numbers are checked. */
function toolTexts(messages: BaseMessage[]): string {
  return messages
    .filter((m) => m.getType() === 'tool')
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
}

export async function answerWithAgent(pool: pg.Pool, env: Env, question: string, options: QuestionOptions): Promise<Answer> {
  const asOf = options.asOf ?? todayUtc();
  const graph = await graphFor(pool, env);
  const out = await graph.invoke(
    { question, asOf, viewer: options.viewer, currency: options.currency ?? null, messages: [], results: [], outlooks: [], answer: null, llmCalls: 0, promptTokens: 0 },
    { configurable: { thread_id: options.threadId ?? randomUUID() } },
  );
  const usage = { llmCalls: out.llmCalls, promptTokens: out.promptTokens };
  const said = out.answer ?? '';
  const calledTools = ((out.messages[0] as AIMessage | undefined)?.tool_calls?.length ?? 0) > 0;
  if (!calledTools) return declined(unreadCommentary(said), [], asOf, usage);
  const result = out.results[0] && (await withAccountNames(pool, out.results[0], options));
  const outlook = out.outlooks[0];
  // The headline is Penny's own summary; the model's words follow it, minus any number Penny did not compute.
  const headline = result ? null : (outlook?.text ?? null);
  const commentary = trustedCommentary(said, `${toolTexts(out.messages)}\n${headline ?? ''}`).text;
  if (!result) {
    const text = [headline, commentary].filter(Boolean).join('\n') || 'I could not answer that.';
    return { ...declined(text, [], asOf, usage), value: outlook?.value ?? null, rows: outlook?.rows ?? [] };
  }
  const ctx = await summaryContext(pool, result.query, result.asOf, { ...options, period: '' });
  return sayCoverage(pool, answerFromResult(result, ctx, { commentary, ...usage }), options.timeoutMs);
}

export async function answerQuestion(pool: pg.Pool, env: Env, question: string, options: QuestionOptions): Promise<Answer> {
  const tooLong = tooLongMessage(question, env.PENNY_MAX_QUESTION_CHARS);
  if (tooLong) return declined(tooLong, SUGGESTIONS.slice(0, 3), options.asOf ?? todayUtc());
  options = { ...options, timeoutMs: env.PENNY_STATEMENT_TIMEOUT_MS };
  if (!env.OPENAI_API_KEY) return answerOffline(pool, question, options);
  try {
    return await answerWithAgent(pool, env, question, options);
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'the model could not answer; using the offline planner');
    const answer = await answerOffline(pool, question, options);
    return { ...answer, answer: `${answer.answer} (The model endpoint failed: ${(err as Error).message.slice(0, 120)}; answered by the offline planner.)` };
  }
}
