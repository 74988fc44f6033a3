/**
 * The agent's tools, typed with zod: the model fills their inputs and never writes SQL. Who is
 * asking (viewer) and "today" (asOf) come from the run's context, set by Penny, not by the model, so
 * no tool input can widen what a viewer sees. Results are compact aggregates: the model never sees
 * raw rows. A data tool's reply (checkpointed with the conversation) is its query and a one-line
 * summary; what it computed, rows included, goes to the run's `computed` map, which is not. The
 * cost tool is in query-tool.ts; here the lookups, metric explanations and the outlook tool.
 */
import { tool, type ToolRuntime } from '@langchain/core/tools';
import type pg from 'pg';
import { z } from 'zod';
import { FOCUS_METRIC_TEXT } from '../../costs/focus-metrics.ts';
import { DimensionSchema, METRICS, type CostQuery, type Metric } from '../../costs/query.ts';
import type { CostResult, Viewer } from '../../costs/run.ts';
import { listDimensionValues } from '../../costs/values.ts';
import { FINDING_STATUSES, SCAN_KINDS } from '../../findings/finding.ts';
import { listFindings } from '../../findings/store.ts';
import { answerOutlookKind, outlookHow, type Outlook } from '../answer/outlook.ts';
import type { Answer } from '../answer/answer.ts';
import type { DerivedAnswer } from '../answer/derived.ts';
import type { MixedList } from '../answer/mixed-list.ts';
import type { SummaryContext } from '../answer/summary.ts';
import type { Derived } from '../planner/derived.ts';
import { askersTeams } from './my-team.ts';
import { decline, makeQueryTool, MODEL_ROWS } from './query-tool.ts';
import { normalizeScope } from '../../schema/scope.ts';

export interface ToolDeps {
  pool: pg.Pool;
  timeoutMs?: number;
}

/**
 * What a data tool computed for one call: the text the model reads, and what the answer is rendered
 * from: a query's result with the summary's companions, notes (the rates used) and how the question
 * was read; a derived measure; a share, answered whole, with the query it is of (the failure rate of
 * calls); a forecast, budgets or findings; or why Penny declined.
 */
export type Computed = { forModel: string } & (
  | { result: CostResult; context: SummaryContext; notes: string[]; assumptions: string[]; mixed?: MixedList }
  | { derived: DerivedAnswer; measure: Derived; assumptions: string[] }
  | { share: Answer; of: CostQuery }
  | { outlook: Outlook; how: string }
  | { refusal: string }
);

/** The cost query a data tool ran, when it ran one: for a share, the query of what it is a share of (all calls, not the failed ones). */
export function queryOf(c: Computed): CostQuery | null {
  return 'result' in c ? c.result.query : 'derived' in c ? c.derived.result.query : 'share' in c ? c.of : null;
}

/** Per question, never checkpointed. */
export type AskContext = {
  viewer: Viewer;
  asOf: string;
  /** The question as asked: what words it names beside the model's query (a metric, for purchases). */
  question: string;
  /** Money in this currency (`penny ask --currency`): set on every money query, whatever the model asked. */
  currency: string | null;
  /** The asker's teams from the owner map, for "my team" (Slack); undefined when nobody is known. */
  myTeams?: readonly string[];
  /** By tool call id. */
  computed: Map<string, Computed>;
};

export type Runtime = ToolRuntime<unknown, AskContext>;

const METRIC_EXPLANATIONS: Record<(typeof METRICS)[number], string> = {
  effective_cost: 'FOCUS EffectiveCost: cost after discounts, with commitments amortised; AI calls at their priced cost. The default for "cost" and "spend".',
  billed_cost: 'FOCUS BilledCost: what the invoice charges, commitments at purchase time.',
  list_cost: 'FOCUS ListCost: at public list prices, before any discount.',
  input_tokens: 'All input tokens of LLM calls, cached ones included.',
  output_tokens: 'All output tokens of LLM calls, reasoning included.',
  cached_tokens: 'Input tokens read from the provider prompt cache.',
  total_tokens: 'Input plus output tokens.',
  requests: 'Number of LLM calls.',
  cost_per_request: 'AI cost divided by the number of LLM calls.',
  cost_per_1k_requests: 'AI cost per 1,000 LLM calls.',
  cost_per_1m_requests: 'AI cost per million LLM calls.',
  cost_per_1k_tokens: 'AI cost per 1,000 input plus output tokens.',
  cost_per_1m_tokens: 'AI cost per million input plus output tokens (as model prices are quoted).',
  cost_per_successful_task: 'the cost of AI calls made within tasks (agent runs) divided by the tasks that ended in success; calls with no task id are left out.',
  cost_per_task: 'the cost of AI calls made within tasks (agent runs) divided by all tasks, whatever their outcome ("average cost per task"); calls with no task id are left out.',
  tokens_per_request: 'Average input plus output tokens per LLM call.',
  input_tokens_per_request: 'Average input tokens per LLM call.',
  output_tokens_per_request: 'Average output tokens per LLM call.',
  tasks: 'Number of agent tasks (distinct task ids in task outcomes).',
  successful_tasks: 'Number of agent tasks that ended in success.',
  failed_tasks: 'Number of agent tasks that ended in failure.',
  task_success_rate: 'Share of agent tasks that ended in success (0 to 1).',
  task_failure_rate: 'Share of agent tasks that ended in failure (0 to 1).',
  cost_per_customer: 'Cost attributed to a customer divided by the number of distinct customers; spend with no customer is left out.',
  ...Object.fromEntries(Object.entries(FOCUS_METRIC_TEXT).map(([m, t]) => [m, `${t.basis}. Cloud billing only (dataset "cloud").`])),
} as Record<(typeof METRICS)[number], string>;

export function makeTools(deps: ToolDeps) {
  const { pool } = deps;
  const listValues = tool(
    async ({ dimension, search }, { context: ctx }: Runtime) => {
      const values = await listDimensionValues(pool, dimension, { viewer: ctx.viewer, asOf: ctx.asOf, search, limit: 30 });
      return JSON.stringify(values);
    },
    {
      name: 'list_values',
      description: 'List stored values of a dimension (most expensive first), optionally containing some text.',
      schema: z.strictObject({ dimension: DimensionSchema, search: z.string().max(100).optional() }),
    },
  );
  const explainMetric = tool(async ({ metric }) => METRIC_EXPLANATIONS[metric as Metric], {
    name: 'explain_metric',
    description: 'Explain how a metric of run_cost_query is computed.',
    // The metrics are listed once, in run_cost_query's schema: the model reads every tool's schema on every question.
    schema: z.strictObject({ metric: z.string().refine((m) => (METRICS as readonly string[]).includes(m), 'not a metric of run_cost_query') }),
  });
  const findings = tool(
    async ({ kind, status, limit }, { context: ctx }: Runtime) => {
      const all = await listFindings(pool, { kinds: kind ? [kind] : undefined, statuses: [status] });
      // A non-admin sees findings scoped to their own teams only, as with costs.
      const visible = ctx.viewer.admin ? all : all.filter((f) => f.scope.team !== undefined && ctx.viewer.teams.includes(f.scope.team));
      return JSON.stringify(
        visible
          .slice(0, limit)
          .map((f) => ({ title: f.title, type: f.type, scope: f.scope, impactMonthly: f.impactMonthly, currency: f.currency, status: f.status, remediation: f.remediation, lastSeen: f.lastAsOf })),
      );
    },
    {
      name: 'list_findings',
      description: 'List findings of the scans (anomalies, waste, budget alerts), largest monthly impact first.',
      schema: z.strictObject({ kind: z.enum(SCAN_KINDS).optional(), status: z.enum(FINDING_STATUSES).default('open'), limit: z.number().int().min(1).max(20).default(10) }),
    },
  );
  const outlook = tool(
    async ({ kind, scope, mine }, rt: Runtime) => {
      const ctx = rt.context;
      let named = normalizeScope(scope);
      if (mine) {
        const teams = askersTeams(ctx.myTeams);
        if ('refusal' in teams) return decline(rt, teams.refusal);
        // Budgets and findings are kept per team: one team is a scope, several are not.
        if (teams.filter.op !== 'eq' || teams.filter.value === null) return decline(rt, `The owner map names you on several teams (${ctx.myTeams!.join(', ')}); name the one you mean.`);
        named = normalizeScope({ ...scope, team: teams.filter.value });
      }
      const o = await answerOutlookKind(pool, kind, named, ctx.viewer, ctx.asOf);
      ctx.computed.set(rt.toolCallId, { forModel: JSON.stringify({ summary: o.text, rows: o.rows.slice(0, MODEL_ROWS) }), outlook: o, how: outlookHow(kind, named, ctx.asOf) });
      return JSON.stringify({ summary: o.text, kind, scope: named });
    },
    {
      name: 'forecast_budgets_findings',
      description: "This month's forecast of all spend or a scope, where each monthly budget stands, or the open waste or anomaly findings with their monthly impact.",
      schema: z.strictObject({
        kind: z.enum(['forecast', 'budget', 'waste', 'anomaly']),
        scope: z
          .record(z.string().min(1).max(100), z.string().min(1).max(200))
          .default({})
          .describe('e.g. {"team":"search"}; keys: team, feature, customer, environment, cost_center, model, service, provider, region, account'),
        mine: z.boolean().optional().describe('"my team": the asker\'s team, filled in by Penny'),
      }),
    },
  );
  return [makeQueryTool(deps), listValues, explainMetric, findings, outlook];
}
