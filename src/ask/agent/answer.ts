/**
 * Answers a cost question: through the agent when a model is configured (OPENAI_API_KEY), else
 * through the offline planner. An agent's answer leads with Penny's own summary of what the tools
 * computed; the model's sentence follows as commentary, without any sentence whose numbers Penny
 * did not compute (numbers.ts), and a reply that read no data says so. Penny's summary carries what
 * the planner's does: the rates of a conversion, what a name several accounts share summed, which
 * calls record a status (and a failure rate's denominator), "no data matched" with the data's
 * coverage, and the "I read this as" line. If the model endpoint fails, or every tool input the model wrote is
 * refused, the planner answers and says so, so a flaky endpoint or a confused model never leaves a
 * question unanswered; what is said and logged about the failure has its secrets redacted. A
 * question over PENNY_MAX_QUESTION_CHARS is declined before either.
 */
import type { AIMessage } from '@langchain/core/messages';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { answerFromDerived, answerFromResult, answerOffline, declined, sayCoverage, tooLongMessage, type Answer, type AskOptions } from '../answer/answer.ts';
import { withAccountNames } from '../answer/account-names.ts';
import { SUGGESTIONS } from '../planner/suggestions.ts';
import type { Env } from '../../config/env.ts';
import { todayUtc } from '../../costs/time.ts';
import { logger } from '../../log/logger.ts';
import { redactSecrets } from '../../log/redact.ts';
import type { Conversations } from './conversations.ts';
import type { buildAskGraph } from './graph.ts';
import { saysMyTeam } from './my-team.ts';
import { toolSchemaRefs } from './tool-definitions.ts';
import { queryOf, type AskContext, type Computed } from './tools.ts';
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
  const schemaRefs = toolSchemaRefs(env.PENNY_TOOL_SCHEMA, env.OPENAI_BASE_URL);
  const key = `${env.OPENAI_BASE_URL ?? ''}|${env.PENNY_MODEL}|${schemaRefs}`;
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
      return { conversations, graph: buildAskGraph({ pool, model, modelName: env.PENNY_MODEL, checkpointer: conversations.checkpointer, timeoutMs: env.PENNY_STATEMENT_TIMEOUT_MS, schemaRefs }) };
    })();
    agent.catch(() => perPool.delete(key));
    perPool.set(key, agent);
  }
  return agent;
}

/**
 * The model's tool calls cannot be answered from: every one was refused (its input failed the
 * schema, or the tool failed), or its query leaves out what the question says. The offline
 * planner answers instead.
 */
class ToolCallsFailed extends Error {
  constructor(
    readonly reason: string,
    readonly usage: { llmCalls: number; promptTokens: number },
  ) {
    super(reason);
  }
}

/** The model's words under Penny's own, on a line of their own. */
const withCommentary = (answer: Answer, commentary: string): Answer => (commentary ? { ...answer, answer: `${answer.answer}\n${commentary}` } : answer);

/** The answer Penny's own computation gives, before the model's words: what the first tool call that computed something found. */
async function leadingAnswer(pool: pg.Pool, c: Computed, options: QuestionOptions & { asOf: string }, usage: { llmCalls: number; promptTokens: number }): Promise<Answer> {
  if ('refusal' in c) return declined(c.refusal, [], options.asOf, usage);
  if ('outlook' in c) return { ...declined(c.outlook.text, [], options.asOf, usage), value: c.outlook.value, rows: c.outlook.rows, how: c.how };
  if ('share' in c) return { ...c.share, ...usage };
  if ('derived' in c) return sayCoverage(pool, { ...answerFromDerived(c.derived, c.measure, '', { assumptions: c.assumptions }), ...usage }, options.timeoutMs);
  const result = await withAccountNames(pool, c.result, options);
  const plain = answerFromResult(result, c.context, { assumptions: c.assumptions, ...usage });
  // A list of names of different kinds says each name and their total, as the offline answer does.
  const answer = c.mixed ? { ...plain, answer: c.mixed.text, value: c.mixed.value, rows: c.mixed.rows, result: { ...result, rows: c.mixed.matched } } : plain;
  return sayCoverage(pool, c.notes.length ? { ...answer, answer: `${answer.answer} ${c.notes.join(' ')}` } : answer, options.timeoutMs);
}

export async function answerWithAgent(pool: pg.Pool, env: Env, question: string, options: QuestionOptions): Promise<Answer> {
  const asOf = options.asOf ?? todayUtc();
  const [{ graph, conversations }, { computedOf, toolResults, failedTools }] = await Promise.all([agentFor(pool, env), import('./graph.ts')]);
  conversations.pruneNowAndThen();
  // Result sets stay out of the checkpoint: the tools put them here, and the answer is rendered from it.
  const context: AskContext = { viewer: options.viewer, asOf, question, currency: options.currency ?? null, myTeams: options.myTeams, computed: new Map() };
  const out = await graph.invoke({ question, answer: null, llmCalls: 0, promptTokens: 0 }, { configurable: { thread_id: options.threadId ?? randomUUID() }, context });
  const usage = { llmCalls: out.llmCalls, promptTokens: out.promptTokens };
  const said = out.answer ?? '';
  const calledTools = ((out.messages[0] as AIMessage | undefined)?.tool_calls?.length ?? 0) > 0;
  if (!calledTools) return declined(unreadCommentary(said), [], asOf, usage);
  const failed = failedTools(out.messages);
  if (failed) throw new ToolCallsFailed(failed, usage);
  const computed = computedOf(out.messages, context.computed);
  // A query's result leads when there is one; else a share, a derived measure, an outlook, or why Penny declined.
  const lead = computed.find((c) => 'result' in c) ?? computed.find((c) => 'share' in c) ?? computed.find((c) => 'derived' in c) ?? computed.find((c) => 'outlook' in c) ?? computed[0];
  // "My team" answered for everyone would be a confidently wrong number: the planner reads it instead.
  const query = lead ? queryOf(lead) : null;
  if (query && saysMyTeam(question) && !query.filters.some((f) => f.dimension === 'team')) throw new ToolCallsFailed('its query was not filtered on your team', usage);
  const source = toolResults(out.messages, context.computed).join('\n');
  if (!lead) return declined(trustedCommentary(said, source).text || 'I could not answer that.', [], asOf, usage);
  const answer = await leadingAnswer(pool, lead, { ...options, asOf }, usage);
  // The model's words follow Penny's, minus any sentence with a number Penny did not compute.
  return withCommentary(answer, trustedCommentary(said, `${source}\n${answer.answer}`).text);
}

export async function answerQuestion(pool: pg.Pool, env: Env, question: string, options: QuestionOptions): Promise<Answer> {
  const tooLong = tooLongMessage(question, env.PENNY_MAX_QUESTION_CHARS);
  if (tooLong) return declined(tooLong, SUGGESTIONS.slice(0, 3), options.asOf ?? todayUtc());
  options = { ...options, timeoutMs: env.PENNY_STATEMENT_TIMEOUT_MS };
  if (!env.OPENAI_API_KEY) return answerOffline(pool, question, options);
  try {
    return await answerWithAgent(pool, env, question, options);
  } catch (err) {
    // An endpoint's error may echo the key or a base URL's credentials: neither reaches a log or a person.
    const reason = redactSecrets((err as Error).message, [env.OPENAI_API_KEY, env.OPENAI_BASE_URL]).slice(0, 200);
    const failed = err instanceof ToolCallsFailed;
    logger.warn({ err: reason }, failed ? "the model's tool calls could not be used; using the offline planner" : 'the model could not answer; using the offline planner');
    const answer = await answerOffline(pool, question, options);
    const why = failed ? `The model's query was not used (${reason.slice(0, 160)})` : `The model endpoint failed: ${reason.slice(0, 120)}`;
    return { ...answer, answer: `${answer.answer} (${why}; answered by the offline planner.)`, ...(failed ? err.usage : {}) };
  }
}
