/**
 * Answers a cost question: through the agent when a model is configured (OPENAI_API_KEY), else
 * through the offline planner. An agent's answer leads with Penny's own summary of what the tools
 * computed; the model's sentence follows as commentary, without any sentence whose numbers Penny
 * did not compute (numbers.ts), and a reply that read no data says so. If the model endpoint fails, the planner answers and says so, so a
 * flaky endpoint never leaves a question unanswered. A question over PENNY_MAX_QUESTION_CHARS is
 * declined before either.
 */
import type { AIMessage } from '@langchain/core/messages';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { answerFromResult, answerOffline, declined, sayCoverage, summaryContext, tooLongMessage, type Answer, type AskOptions } from '../answer/answer.ts';
import { withAccountNames } from '../answer/account-names.ts';
import { SUGGESTIONS } from '../planner/plan.ts';
import type { Env } from '../../config/env.ts';
import { todayUtc } from '../../costs/time.ts';
import { logger } from '../../log/logger.ts';
import type { Conversations } from './conversations.ts';
import type { buildAskGraph } from './graph.ts';
import type { AskContext } from './tools.ts';
import { trustedCommentary, unreadCommentary } from './numbers.ts';

export interface QuestionOptions extends AskOptions {
  /** Conversation id: follow-up questions with the same id keep the context. */
  threadId?: string;
}

interface Agent {
  graph: ReturnType<typeof buildAskGraph>;
  conversations: Conversations;
}
const agents = new WeakMap<pg.Pool, Map<string, Promise<Agent>>>();

/** One compiled graph per pool and model settings; the checkpointer's tables are made once. */
function agentFor(pool: pg.Pool, env: Env): Promise<Agent> {
  const key = `${env.OPENAI_BASE_URL ?? ''}|${env.PENNY_MODEL}`;
  const perPool = agents.get(pool) ?? new Map<string, Promise<Agent>>();
  agents.set(pool, perPool);
  let agent = perPool.get(key);
  if (!agent) {
    agent = (async () => {
      // LangChain is loaded with the first agent question: the offline planner never needs it,
      // and loading it costs `penny ask` about a second.
      const [{ openConversations }, { ChatOpenAI }, { buildAskGraph }] = await Promise.all([import('./conversations.ts'), import('@langchain/openai'), import('./graph.ts')]);
      const conversations = await openConversations(pool, env.PENNY_CONVERSATION_DAYS);
      const model = new ChatOpenAI({
        model: env.PENNY_MODEL,
        apiKey: env.OPENAI_API_KEY,
        configuration: env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : undefined,
        temperature: 0,
        maxRetries: 1,
        timeout: 60_000,
      });
      return { conversations, graph: buildAskGraph({ pool, model, modelName: env.PENNY_MODEL, checkpointer: conversations.checkpointer, timeoutMs: env.PENNY_STATEMENT_TIMEOUT_MS }) };
    })();
    agent.catch(() => perPool.delete(key));
    perPool.set(key, agent);
  }
  return agent;
}

export async function answerWithAgent(pool: pg.Pool, env: Env, question: string, options: QuestionOptions): Promise<Answer> {
  const asOf = options.asOf ?? todayUtc();
  const [{ graph, conversations }, { computedOf, toolResults }] = await Promise.all([agentFor(pool, env), import('./graph.ts')]);
  conversations.pruneNowAndThen();
  // Result sets stay out of the checkpoint: the tools put them here, and the answer is rendered from it.
  const context: AskContext = { viewer: options.viewer, asOf, currency: options.currency ?? null, computed: new Map() };
  const out = await graph.invoke({ question, answer: null, llmCalls: 0, promptTokens: 0 }, { configurable: { thread_id: options.threadId ?? randomUUID() }, context });
  const usage = { llmCalls: out.llmCalls, promptTokens: out.promptTokens };
  const said = out.answer ?? '';
  const calledTools = ((out.messages[0] as AIMessage | undefined)?.tool_calls?.length ?? 0) > 0;
  if (!calledTools) return declined(unreadCommentary(said), [], asOf, usage);
  const computed = computedOf(out.messages, context.computed);
  const found = computed.find((c) => 'result' in c);
  const result = found && 'result' in found ? await withAccountNames(pool, found.result, options) : undefined;
  const told = computed.find((c) => 'outlook' in c);
  const outlook = told && 'outlook' in told ? told.outlook : undefined;
  // The headline is Penny's own summary; the model's words follow it, minus any number Penny did not compute.
  const headline = result ? null : (outlook?.text ?? null);
  const commentary = trustedCommentary(said, `${toolResults(out.messages, context.computed).join('\n')}\n${headline ?? ''}`).text;
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
