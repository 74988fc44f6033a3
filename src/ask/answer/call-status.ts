/**
 * Questions on failed LLM calls over sources that may not record how a call ended (issue 17). A
 * call's status is null where its source records none (OpenAI's organization exports, spans from an
 * instrumentation that sets no status: src/ingest/usage/span-status.ts, migration 037). A question
 * that filters or groups by call status is answered over the calls whose status is known, saying how
 * many those are and which sources in scope record none; when no call in scope has a known status
 * it is declined, naming the sources, instead of answering "0 failed".
 */
import type pg from 'pg';
import type { CostQuery } from '../../costs/query.ts';
import { runCostQuery, type Viewer } from '../../costs/run.ts';
import { formatValue } from './format.ts';

/** What each usage source is, in an answer. */
const SOURCE_NAMES: Record<string, string> = {
  otel: 'OpenTelemetry spans',
  otlp: 'OTLP span exports',
  litellm: 'LiteLLM spend logs',
  langfuse: 'Langfuse observations',
  openai_usage: "OpenAI's organization usage export",
  openai_costs: "OpenAI's organization costs export",
};

/** null: every call in scope has a known status (or there is none), so the answer stands as it is. */
export type StatusScope = { decline: string } | { note: string } | null;

export function asksCallStatus(q: CostQuery): boolean {
  return q.filters.some((f) => f.dimension === 'call_status') || q.groupBy.includes('call_status');
}

function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The calls of the question's scope and period (its filters but call status), by whether their
 * status is known and by source: one query, run beside the question's own.
 */
export async function callStatusScope(pool: pg.Pool, query: CostQuery, options: { viewer: Viewer; asOf: string; timeoutMs?: number }): Promise<StatusScope> {
  if (!asksCallStatus(query)) return null;
  const scope: CostQuery = {
    ...query,
    dataset: 'ai',
    metric: 'requests',
    groupBy: ['call_status', 'usage_source'],
    filters: query.filters.filter((f) => f.dimension !== 'call_status'),
    granularity: 'total',
    orderBy: { by: 'metric', direction: 'desc' },
    limit: undefined,
    threshold: undefined,
    compare: undefined,
    currency: undefined,
  };
  const { rows } = await runCostQuery(pool, scope, { viewer: options.viewer, asOf: options.asOf, timeoutMs: options.timeoutMs, dataThrough: false });
  let known = 0;
  const unknown = new Map<string, number>();
  for (const row of rows) {
    const calls = typeof row.requests === 'number' ? row.requests : 0;
    if (row.call_status !== null) known += calls;
    else unknown.set(String(row.usage_source), (unknown.get(String(row.usage_source)) ?? 0) + calls);
  }
  if (unknown.size === 0) return null;
  // A costs export holds money, not calls: named without a count.
  const sources = listed([...unknown].map(([s, calls]) => `${SOURCE_NAMES[s] ?? s}${calls > 0 ? ` (${formatValue(calls, 'requests')})` : ''}`));
  if (known === 0) {
    return {
      decline:
        `The sources in scope don't record whether a call failed: ${sources} carry no call status, so I can't count failed calls (0 would be a guess). ` +
        'Sources that do: LiteLLM spend logs (status), Langfuse (level), OpenTelemetry spans with error.type or a span status.',
    };
  }
  return { note: `This counts only among the ${formatValue(known, 'requests')} whose source records status; ${sources} in scope record none, so any failures among them are unknown.` };
}
