/**
 * The ask graph: at most two model calls per question.
 *
 *   START → choose ─(tool calls)→ tools → respond → END
 *             └────(no tool call)→ finish ────────→ END
 *
 * `choose` gives the model the question, the known dimension values and the conversation so far,
 * with typed tools; `tools` runs what it asked for (the compiler writes the SQL); `respond` has the
 * model word the answer from the compact results. Conversations persist per thread id through the
 * Postgres checkpointer, as a short list of earlier turns (question, query, answer).
 */
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { Annotation, END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type pg from 'pg';
import { loadCatalog, type Catalog } from '../ask/catalog.ts';
import type { Outlook } from '../ask/outlook.ts';
import type { CostQuery } from '../costs/query.ts';
import type { CostResult, Viewer } from '../costs/run.ts';
import { logger } from '../log/logger.ts';
import { meterCall } from './metering.ts';
import { loadPrompt } from './prompts.ts';
import { makeTools } from './tools.ts';

export interface Turn {
  question: string;
  query: CostQuery | null;
  answer: string;
}

const replace = <T>(fallback: () => T) => Annotation<T>({ reducer: (_, next) => next, default: fallback });

export const AskState = Annotation.Root({
  question: replace(() => ''),
  asOf: replace(() => ''),
  viewer: replace<Viewer>(() => ({ admin: false, teams: [] })),
  /** The asker wants money in this currency (converted with the loaded rates), whatever the model picks. */
  currency: replace<string | null>(() => null),
  /** This question's messages; earlier questions live on in `turns`. */
  messages: replace<BaseMessage[]>(() => []),
  results: replace<CostResult[]>(() => []),
  /** Forecasts and budget standings the tools computed, for the answer's headline. */
  outlooks: replace<Outlook[]>(() => []),
  answer: replace<string | null>(() => null),
  llmCalls: replace(() => 0),
  promptTokens: replace(() => 0),
  turns: Annotation<Turn[]>({ reducer: (all, next) => [...all, ...next].slice(-5), default: () => [] }),
});
type State = typeof AskState.State;

/** Values per dimension the model may name, the most expensive first, a few of each. */
const PROMPT_DIMENSIONS: Array<[string, number]> = [['team', 20], ['feature', 20], ['model', 15], ['provider', 10], ['ServiceName', 15], ['environment', 6], ['customer', 8]];

function catalogText(catalog: Catalog): string {
  return PROMPT_DIMENSIONS.filter(([d]) => catalog.has(d))
    .map(([d, n]) => `${d}: ${catalog.get(d)!.slice(0, n).join(', ')}`)
    .join('\n');
}

function historyText(turns: Turn[]): string {
  if (turns.length === 0) return '(nothing yet)';
  return turns
    .slice(-3)
    .map((t) => `Q: ${t.question}\nquery: ${t.query ? JSON.stringify(t.query) : 'none'}\nA: ${t.answer}`)
    .join('\n');
}

const textOf = (m: BaseMessage) => (typeof m.content === 'string' ? m.content : m.content.map((c) => ('text' in c ? c.text : '')).join('')).trim();

export interface AskGraphDeps {
  pool: pg.Pool;
  model: BaseChatModel & { bindTools: NonNullable<BaseChatModel['bindTools']> };
  modelName: string;
  checkpointer: BaseCheckpointSaver;
  /** Statement timeout of each cost query the tools run. */
  timeoutMs?: number;
}

export function buildAskGraph(deps: AskGraphDeps) {
  const { pool, model } = deps;
  const tools = (s: State) => makeTools({ pool, viewer: s.viewer, asOf: s.asOf, timeoutMs: deps.timeoutMs, currency: s.currency ?? undefined });

  /** Calls the model, meters the call as Penny's own AI usage, and counts it. */
  async function call(s: State, messages: BaseMessage[], withTools: boolean, threadId: string | null) {
    const runnable = withTools ? model.bindTools(tools(s)) : model;
    const ai = (await runnable.invoke(messages)) as AIMessage;
    const usage = ai.usage_metadata;
    await meterCall(pool, {
      id: ai.id ?? `penny-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      model: deps.modelName,
      responseModel: (ai.response_metadata?.model_name as string | undefined) ?? null,
      at: new Date(),
      inputTokens: usage?.input_tokens ?? 0,
      outputTokens: usage?.output_tokens ?? 0,
      cacheReadTokens: usage?.input_token_details?.cache_read ?? 0,
      threadId,
    }).catch((err) => logger.warn({ err }, 'could not meter a model call'));
    return { ai, llmCalls: s.llmCalls + 1, promptTokens: s.promptTokens + (usage?.input_tokens ?? 0) };
  }

  const threadOf = (config: { configurable?: Record<string, unknown> }) => (config.configurable?.thread_id as string | undefined) ?? null;

  const graph = new StateGraph(AskState)
    .addNode('choose', async (s, config) => {
      const catalog = await loadCatalog(pool, s.viewer, s.asOf);
      const system = loadPrompt('ask-system', { asOf: s.asOf, catalog: catalogText(catalog), history: historyText(s.turns) });
      const { ai, ...counts } = await call(s, [new SystemMessage(system), new HumanMessage(s.question)], true, threadOf(config));
      return { messages: [ai], results: [], outlooks: [], ...counts };
    })
    .addNode('tools', async (s) => {
      const byName = new Map<string, { invoke(call: unknown): Promise<unknown> }>(tools(s).map((t) => [t.name, t as { invoke(call: unknown): Promise<unknown> }]));
      const ai = s.messages[0] as AIMessage;
      const replies: ToolMessage[] = [];
      const results: CostResult[] = [];
      const outlooks: Outlook[] = [];
      for (const tc of ai.tool_calls ?? []) {
        const t = byName.get(tc.name);
        try {
          if (!t) throw new Error(`no tool named ${tc.name}`);
          const reply = (await t.invoke({ ...tc, type: 'tool_call' })) as ToolMessage;
          const artifact = reply.artifact as CostResult | { outlook: Outlook } | undefined;
          if (artifact && 'outlook' in artifact) outlooks.push(artifact.outlook);
          else if (artifact) results.push(artifact);
          replies.push(reply);
        } catch (err) {
          // A bad tool input (zod says what) goes back to the model as the result, not as a crash.
          replies.push(new ToolMessage({ tool_call_id: tc.id ?? tc.name, content: `error: ${(err as Error).message.slice(0, 600)}`, status: 'error' }));
        }
      }
      return { messages: [...s.messages, ...replies], results, outlooks };
    })
    .addNode('respond', async (s, config) => {
      const found = s.messages.filter((m): m is ToolMessage => m instanceof ToolMessage).map((m) => textOf(m));
      const prompt = `Question: ${s.question}\n\nResults:\n${found.join('\n')}`;
      const { ai, ...counts } = await call(s, [new SystemMessage(loadPrompt('ask-answer')), new HumanMessage(prompt)], false, threadOf(config));
      const answer = textOf(ai);
      return { answer, ...counts, turns: [{ question: s.question, query: s.results[0]?.query ?? null, answer }] };
    })
    .addNode('finish', (s) => {
      const answer = textOf(s.messages[0]!);
      return { answer, turns: [{ question: s.question, query: null, answer }] };
    })
    .addEdge(START, 'choose')
    .addConditionalEdges('choose', (s) => ((s.messages[0] as AIMessage).tool_calls?.length ? 'tools' : 'finish'), ['tools', 'finish'])
    .addEdge('tools', 'respond')
    .addEdge('respond', END)
    .addEdge('finish', END);
  return graph.compile({ checkpointer: deps.checkpointer });
}
