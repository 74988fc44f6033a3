/**
 * The ask graph: at most two model calls per question.
 *
 *   START → choose ─(tool calls)→ tools ─→ respond → END
 *             │                       └─(all refused)──→ END
 *             └────(no tool call)→ finish ─────────────→ END
 *
 * `choose` gives the model the question, the known dimension values and the conversation so far,
 * with typed tools; `tools` is LangGraph's ToolNode running what it asked for (tools.ts; the
 * compiler writes the SQL); `respond` has the model word the answer from the compact results.
 *
 * The Postgres checkpointer keeps, per thread, the conversation only: this question's messages
 * (a data tool's reply is its query and a one-line summary) and the last five turns (question,
 * query, answer). Result sets, up to 1,000 rows with their SQL, live in the run's context
 * (AskContext.computed), which is never checkpointed; the answer is rendered from there.
 * conversations.ts prunes threads nobody has written to for PENNY_CONVERSATION_DAYS.
 */
import { AIMessage, HumanMessage, RemoveMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { Annotation, END, messagesStateReducer, REMOVE_ALL_MESSAGES, START, StateGraph, type BaseCheckpointSaver, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import type pg from 'pg';
import { loadCatalog, type Catalog } from '../planner/catalog.ts';
import { FilterSchema, parseCostQuery, type CostQuery } from '../../costs/query.ts';
import { logger } from '../../log/logger.ts';
import { meterCall } from './metering.ts';
import { loadPrompt } from './prompts.ts';
import { askerText } from './my-team.ts';
import { modelTool } from './tool-definitions.ts';
import { makeTools, queryOf, type AskContext, type Computed } from './tools.ts';

export interface Turn {
  question: string;
  query: CostQuery | null;
  answer: string;
}

const replace = <T>(fallback: () => T) => Annotation<T>({ reducer: (_, next) => next, default: fallback });

export const AskState = Annotation.Root({
  question: replace(() => ''),
  /** This question's messages: `choose` clears the previous question's; earlier questions live on in `turns`. */
  messages: Annotation<BaseMessage[]>({ reducer: messagesStateReducer, default: () => [] }),
  answer: replace<string | null>(() => null),
  llmCalls: replace(() => 0),
  promptTokens: replace(() => 0),
  turns: Annotation<Turn[]>({ reducer: (all, next) => [...all, ...next].slice(-5), default: () => [] }),
});
type State = typeof AskState.State;
/** The question's context, passed to invoke and never checkpointed. */
const contextOf = (config: LangGraphRunnableConfig) => config.context as AskContext;

/** Values per dimension the model may name, the most expensive first, a few of each. */
const PROMPT_DIMENSIONS: Array<[string, number]> = [
  ['team', 20],
  ['feature', 20],
  ['model', 15],
  ['provider', 10],
  ['ServiceName', 15],
  ['environment', 6],
  ['customer', 8],
];

function catalogText(catalog: Catalog): string {
  return PROMPT_DIMENSIONS.filter(([d]) => catalog.has(d))
    .map(([d, n]) => `${d}: ${catalog.get(d)!.slice(0, n).join(', ')}`)
    .join('\n');
}

/** A query's fields left at their defaults, which the model can leave out too. */
const DEFAULTS = parseCostQuery({ time: { last_n_days: 1 } }) as Record<string, unknown>;
/** An earlier query as the model would write it: without the fields it left at their defaults (prompt tokens on every follow-up). */
const queryText = (q: CostQuery) => JSON.stringify(Object.fromEntries(Object.entries(q).filter(([k, v]) => k === 'time' || JSON.stringify(v) !== JSON.stringify(DEFAULTS[k]))));

function historyText(turns: Turn[]): string {
  if (turns.length === 0) return '(nothing yet)';
  return turns
    .slice(-3)
    .map((t) => `Q: ${t.question}\nquery: ${t.query ? queryText(t.query) : 'none'}\nA: ${t.answer}`)
    .join('\n');
}

const textOf = (m: BaseMessage) => (typeof m.content === 'string' ? m.content : m.content.map((c) => ('text' in c ? c.text : '')).join('')).trim();

const toolMessages = (messages: BaseMessage[]) => messages.filter((m): m is ToolMessage => ToolMessage.isInstance(m));

/** What each tool call gave, in call order: a data tool's computed text, else its reply, or why it failed. */
export function toolResults(messages: BaseMessage[], computed: Map<string, Computed>): string[] {
  return toolMessages(messages).map((m) => {
    if (m.status === 'error')
      return `error: ${textOf(m)
        .replace(/^Error: /, '')
        .replace(/\s*Please fix your mistakes\.$/, '')
        .slice(0, 600)}`;
    return computed.get(m.tool_call_id)?.forModel ?? textOf(m);
  });
}

/** Why every tool call failed (the first error), when each did; null when any gave a result. */
export function failedTools(messages: BaseMessage[]): string | null {
  const all = toolMessages(messages);
  if (all.length === 0 || all.some((m) => m.status !== 'error')) return null;
  return toolResults(messages, new Map())[0]!.replace(/^error: /, '');
}

/** What the data tools computed, in call order. */
export function computedOf(messages: BaseMessage[], computed: Map<string, Computed>): Computed[] {
  return toolMessages(messages).flatMap((m) => computed.get(m.tool_call_id) ?? []);
}

export interface AskGraphDeps {
  pool: pg.Pool;
  model: BaseChatModel & { bindTools: NonNullable<BaseChatModel['bindTools']> };
  modelName: string;
  checkpointer: BaseCheckpointSaver;
  /** Statement timeout of each cost query the tools run. */
  timeoutMs?: number;
  /** Write the filter schema once and refer to it, or inline it where used (toolSchemaRefs). */
  schemaRefs?: boolean;
}

export function buildAskGraph(deps: AskGraphDeps) {
  const { pool, model } = deps;
  const tools = makeTools({ pool, timeoutMs: deps.timeoutMs });
  // The model reads lean definitions; the tools parse their input with their own zod schemas.
  const withTools = model.bindTools(tools.map((t) => modelTool(t, deps.schemaRefs === false ? {} : { Filter: FilterSchema })));

  /** Calls the model, meters the call as Penny's own AI usage, and counts it. */
  async function call(s: State, messages: BaseMessage[], chooseTools: boolean, config: LangGraphRunnableConfig) {
    const ai = (await (chooseTools ? withTools : model).invoke(messages)) as AIMessage;
    const usage = ai.usage_metadata;
    await meterCall(pool, {
      id: ai.id ?? `penny-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      model: deps.modelName,
      responseModel: (ai.response_metadata?.model_name as string | undefined) ?? null,
      at: new Date(),
      inputTokens: usage?.input_tokens ?? 0,
      outputTokens: usage?.output_tokens ?? 0,
      cacheReadTokens: usage?.input_token_details?.cache_read ?? 0,
      threadId: (config.configurable?.thread_id as string | undefined) ?? null,
    }).catch((err) => logger.warn({ err }, 'could not meter a model call'));
    return { ai, llmCalls: s.llmCalls + 1, promptTokens: s.promptTokens + (usage?.input_tokens ?? 0) };
  }

  const graph = new StateGraph(AskState)
    .addNode('choose', async (s, config: LangGraphRunnableConfig) => {
      const { viewer, asOf, myTeams } = contextOf(config);
      const catalog = await loadCatalog(pool, viewer, asOf);
      const system = loadPrompt('ask-system', { asOf, asker: askerText(myTeams), catalog: catalogText(catalog), history: historyText(s.turns) });
      const { ai, ...counts } = await call(s, [new SystemMessage(system), new HumanMessage(s.question)], true, config);
      return { messages: [new RemoveMessage({ id: REMOVE_ALL_MESSAGES }), ai], ...counts };
    })
    .addNode('tools', new ToolNode(tools))
    .addNode('respond', async (s, config: LangGraphRunnableConfig) => {
      const { computed } = contextOf(config);
      const prompt = `Question: ${s.question}\n\nResults:\n${toolResults(s.messages, computed).join('\n')}`;
      const { ai, ...counts } = await call(s, [new SystemMessage(loadPrompt('ask-answer')), new HumanMessage(prompt)], false, config);
      const answer = textOf(ai);
      const query: CostQuery | null =
        computedOf(s.messages, computed)
          .map(queryOf)
          .find((q) => q !== null) ?? null;
      return { answer, ...counts, turns: [{ question: s.question, query, answer }] };
    })
    .addNode('finish', (s) => {
      const answer = textOf(s.messages.at(-1)!);
      return { answer, turns: [{ question: s.question, query: null, answer }] };
    })
    .addEdge(START, 'choose')
    .addConditionalEdges('choose', (s) => (toolsCondition(s) === 'tools' ? 'tools' : 'finish'), ['tools', 'finish'])
    // Every tool input refused: no answer to word; answer.ts hands the question to the offline planner.
    .addConditionalEdges('tools', (s) => (failedTools(s.messages) ? END : 'respond'), ['respond', END])
    .addEdge('respond', END)
    .addEdge('finish', END);
  return graph.compile({ checkpointer: deps.checkpointer });
}
