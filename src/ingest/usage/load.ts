/**
 * Loads an LLM usage file into `llm_usage` (see json-load.ts for the transaction, COPY and reject
 * handling). Each JSON value is told apart by its shape: an OTLP/JSON export (`resourceSpans`), an
 * OpenAI organization usage/costs page (`object: "page"` of buckets), a Langfuse API page (`data`
 * with `meta`) or observation (`usageDetails` / `usage_details`, …), a LiteLLM spend-log row
 * (`request_id` with `spend`/`startTime`), or flat OpenTelemetry GenAI attributes (`gen_ai.*`
 * keys) — so one file may even mix them. OpenAI's buckets are aggregates: see aggregates.ts.
 *
 * Cost: the record's own (reported), else priceCall at the call's time (priced, in USD as the price
 * library's prices are), else null (unpriced, listed with the reason per model). A reported cost is
 * in the currency its record states (OpenAI's `amount.currency`, OTel's `gen_ai.usage.cost.currency`);
 * where the record states none it is in the load's `currency`: USD unless given, as LiteLLM's spend
 * and Langfuse's costs are, and given (`penny ingest usage --currency EUR`) for a gateway that bills
 * in another.
 *
 * Duplicates: a call whose id is already stored — in any earlier load or earlier in this file — is
 * skipped and counted. The id is `gen_ai.response.id` / LiteLLM `request_id` (the same provider id,
 * so a call reported by both the SDK and the gateway is stored once), else the span's trace and span
 * id. A record with none of these gets an id derived from its content: the sha256 of the record as
 * written plus its ordinal among identical records of the same file. Re-ingesting the file (or a
 * longer log that starts with it) is then idempotent, while two genuinely identical calls in one
 * file are both kept — without an id nothing can tell them from one call logged twice.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { CurrencyCode, DEFAULT_CURRENCY } from '../../costs/currency.ts';
import { LOCKS } from '../../db/locks.ts';
import { priceCall, providerOfModel } from '../../prices/price-call.ts';
import { resolveProviderId, splitProviderPrefix } from '../../prices/providers.ts';
import { Attributor } from '../attribution.ts';
import { isObject, type Issue } from '../json-fields.ts';
import { loadJsonFile, type JsonFileResult, type JsonKind, type JsonLoadOptions, type RecordSink } from '../json-load.ts';
import { coverPricedBuckets, replaceRestatedBuckets } from './aggregates.ts';
import { isLangfuseCall, looksLikeLangfuse, parseLangfuse } from './langfuse.ts';
import { looksLikeLiteLLM, parseLiteLLM } from './litellm.ts';
import { bucketsOf, isOpenAiBucketPage, parseBucket } from './openai-org.ts';
import { flatten, hasGenAiKey, parseOtel } from './otel.ts';
import { otlpCalls } from './otlp.ts';
import { reconcileTokens, stageRow, USAGE_COLUMNS, type Costed, type UsageRecord } from './record.ts';
import { SpanStatus, storedStatusSql } from './span-status.ts';
import { addTaskDaysSql } from './task-days.ts';

export interface UnpricedModel {
  provider: string | null;
  model: string | null;
  rows: number;
  reason: string;
}

export interface UsageFileResult extends JsonFileResult {
  /** Stored calls with no cost (unknown model or provider). */
  unpriced: number;
  unpricedModels: UnpricedModel[];
  /** Spans of OTLP exports that are not LLM calls (not counted in lines). */
  skippedSpans: number;
  /** OpenAI organization buckets: stored rows this file's buckets replaced (exported again). */
  restated: number;
  /** OpenAI usage buckets whose money is in a costs-export row of the same day (cost 0, `covered`). */
  covered: number;
  /** The first and last call times (ISO) of the stored calls; absent when none was stored. */
  touched?: { first: string; last: string };
}

export interface UsageLoadOptions extends JsonLoadOptions {
  attributor?: Attributor;
  /** ISO 4217 code of reported costs whose record states no currency (default USD). */
  currency?: string;
}

const COLUMNS = USAGE_COLUMNS.map(([name]) => name).join(', ');
const NOT_USAGE =
  'not an LLM usage record: expected OpenTelemetry GenAI attributes (gen_ai.* keys), an OTLP/JSON export (resourceSpans), a LiteLLM spend-log row (request_id), a Langfuse observation (usageDetails/usage_details) or an OpenAI organization usage/costs page (buckets)';

/**
 * The provider as a genai-prices id where one is known (`aws.bedrock` and `bedrock` → `aws`), so
 * sources group alike; a record naming none (Langfuse's) gets the one the library serves its model from.
 */
function providerOf(raw: string | undefined, model: string | undefined): string | null {
  const id = resolveProviderId(raw);
  if (id) return id;
  if (id === undefined && model) {
    const known = splitProviderPrefix(model)?.providerId ?? providerOfModel(model);
    if (known) return known;
  }
  return raw?.trim().toLowerCase() || null;
}

class UsageKind implements JsonKind {
  readonly kind = 'usage';
  readonly stageColumns = USAGE_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
  readonly partitioned = 'llm_usage';
  skippedSpans = 0;
  /** Whether the file holds OpenAI organization buckets, which replace their earlier rows. */
  aggregates = false;
  /** Stored buckets this file's buckets replaced, and usage buckets whose money a costs row holds. */
  restated = 0;
  covered = 0;
  /** (provider, model) → why priceCall could not price it, and how many such calls were stored. */
  private readonly unpriced = new Map<string, UnpricedModel>();
  private readonly contentSeen = new Map<string, number>();
  private readonly spanStatus = new SpanStatus();
  /** Earliest and latest stored call (epoch ms), for the rollup refresh after the load. */
  firstMs = Infinity;
  lastMs = -Infinity;

  constructor(
    private readonly attributor: Attributor,
    private readonly currency: string,
  ) {}

  convert(value: unknown, sink: RecordSink): void {
    if (!isObject(value)) return sink.reject(null, 'not a JSON object', value);
    if ('resourceSpans' in value) {
      const found = otlpCalls(value, this.attributor);
      if ('reason' in found) return sink.reject(found.field, found.reason, value);
      this.skippedSpans += found.skipped;
      for (const call of found.calls) this.stage(parseOtel(call.attrs, 'otlp'), call.span, sink);
    } else if (isOpenAiBucketPage(value)) {
      this.aggregates = true;
      for (const bucket of bucketsOf(value)) for (const { source, record } of parseBucket(bucket)) this.stage(record, source, sink);
    } else if (Array.isArray(value.data) && isObject(value.meta)) {
      // A page of Langfuse's public API: {data: [observations], meta: {…}}.
      for (const item of value.data) this.convert(item, sink);
    } else if (looksLikeLiteLLM(value)) {
      this.stage(parseLiteLLM(value), value, sink);
    } else if (looksLikeLangfuse(value)) {
      if (isLangfuseCall(value)) this.stage(parseLangfuse(value), value, sink);
      else this.skippedSpans++;
    } else {
      const flat = flatten(value);
      if (hasGenAiKey(flat)) this.stage(parseOtel(flat, 'otel'), value, sink);
      else sink.reject(null, NOT_USAGE, value);
    }
  }

  private stage(r: UsageRecord | Issue, source: Record<string, unknown>, sink: RecordSink): void {
    if ('reason' in r) return sink.reject(r.field, r.reason, source);
    reconcileTokens(r);
    const model = r.responseModel ?? r.model;
    const eventId = r.eventId ?? this.contentId(source);
    let costed: Costed;
    const p =
      r.reportedCost === undefined && !r.unpricedReason
        ? priceCall({
            provider: r.provider,
            model: model ?? '',
            timestamp: new Date(r.ts.epochMs),
            inputTokens: r.inputTokens,
            outputTokens: r.outputTokens,
            cacheReadTokens: r.cacheReadTokens,
            cacheWriteTokens: r.cacheWriteTokens,
            reasoningTokens: r.reasoningTokens,
          })
        : undefined;
    if (r.reportedCost !== undefined) {
      costed = { eventId, provider: providerOf(r.provider, model), cost: r.reportedCost, costSource: 'reported', currency: r.currency ?? this.currency };
    } else if (p?.status === 'priced') {
      costed = { eventId, provider: p.provider, cost: p.cost, costSource: 'priced', currency: DEFAULT_CURRENCY };
    } else {
      costed = { eventId, provider: providerOf(r.provider, model), cost: null, costSource: 'unpriced', currency: DEFAULT_CURRENCY };
      const key = `${costed.provider}\u0000${model}`;
      const reason = r.unpricedReason ?? (p?.status === 'unpriced' ? p.reason : '');
      if (!this.unpriced.has(key)) this.unpriced.set(key, { provider: costed.provider, model: model ?? null, rows: 0, reason });
    }
    this.spanStatus.note(r);
    sink.row(stageRow(r, costed, this.attributor.attribute(r.tags)), r.ts.month);
  }

  /** The stored unpriced calls by provider and model, most calls first. */
  unpricedModels(): UnpricedModel[] {
    return [...this.unpriced.values()].filter((m) => m.rows > 0).sort((a, b) => b.rows - a.rows);
  }

  private contentId(source: Record<string, unknown>): string {
    const hash = createHash('sha256').update(JSON.stringify(source)).digest('base64url').slice(0, 32);
    const n = this.contentSeen.get(hash) ?? 0;
    this.contentSeen.set(hash, n + 1);
    return `sha256:${hash}#${n}`;
  }

  /**
   * The first staged row of each id in the chunk claims it in llm_usage_ids; only rows whose claim
   * succeeded (not stored before) are inserted. Usage loads store one at a time (a lock held to
   * commit): two loads claiming overlapping ids in different orders would otherwise deadlock.
   */
  async store(client: pg.PoolClient, loadId: string): Promise<number> {
    await client.query('select pg_advisory_xact_lock($1)', [LOCKS.usageStore]);
    // Without statistics the planner takes the staged file for a few hundred ids and may sort it.
    await client.query('analyze stage (seq, event_id)');
    if (this.aggregates) this.restated += await replaceRestatedBuckets(client);
    const spansKnown = await this.spanStatus.beforeStore(client, loadId, this.firstMs, this.lastMs);
    const { rows } = await client.query<{ provider: string | null; model: string | null; unpriced: boolean; n: string; first: Date; last: Date }>(
      `with firsts as materialized (select min(seq) as seq from stage group by event_id),
       fresh as (
         insert into llm_usage_ids (event_id, ts)
         select s.event_id, s.ts from stage s join firsts f on f.seq = s.seq
         on conflict do nothing
         returning event_id
       ),
       stored as (
         insert into llm_usage (load_id, ${COLUMNS})
         select $1, ${USAGE_COLUMNS.map(([name]) => (name === 'status' ? storedStatusSql('$2') : `s.${name}`)).join(', ')}
           from stage s join firsts f on f.seq = s.seq join fresh n on n.event_id = s.event_id
         returning provider, coalesce(response_model, model) as model, cost_source = 'unpriced' as unpriced, ts,
                   task_id, team, feature, currency, input_tokens, output_tokens, cost
       ),
       summed as (${addTaskDaysSql('stored')})
       select provider, case when unpriced then model end as model, unpriced, count(*) as n, min(ts) as first, max(ts) as last
         from stored group by 1, 2, 3`,
      [loadId, spansKnown],
    );
    if (this.aggregates) this.covered += await coverPricedBuckets(client);
    for (const r of rows) {
      const m = r.unpriced ? this.unpriced.get(`${r.provider}\u0000${r.model}`) : undefined;
      if (m) m.rows += Number(r.n);
      this.firstMs = Math.min(this.firstMs, r.first.getTime());
      this.lastMs = Math.max(this.lastMs, r.last.getTime());
    }
    return rows.reduce((n, r) => n + Number(r.n), 0);
  }
}

export async function loadUsageFile(pool: pg.Pool, file: string, options: UsageLoadOptions = {}): Promise<UsageFileResult> {
  const kind = new UsageKind(options.attributor ?? new Attributor(), CurrencyCode.parse(options.currency ?? DEFAULT_CURRENCY));
  const result = await loadJsonFile(pool, file, kind, options);
  const unpricedModels = result.status === 'loaded' ? kind.unpricedModels() : [];
  const stored = result.status === 'loaded' && result.rows > 0;
  // What the planner's catalog reads of this load (src/ask/planner/catalog-extension.ts); not kept
  // for a load that replaced earlier calls, whose names may be gone. Written after the load's
  // commit: a load without its span is read as if it had none, every name again.
  if (stored && kind.restated === 0) await pool.query('update ingest_loads set first_at = $2, last_at = $3 where id = $1', [result.loadId, new Date(kind.firstMs), new Date(kind.lastMs)]);
  return {
    ...result,
    unpriced: unpricedModels.reduce((n, m) => n + m.rows, 0),
    unpricedModels,
    skippedSpans: kind.skippedSpans,
    restated: result.status === 'loaded' ? kind.restated : 0,
    covered: result.status === 'loaded' ? kind.covered : 0,
    ...(stored && { touched: { first: new Date(kind.firstMs).toISOString(), last: new Date(kind.lastMs).toISOString() } }),
  };
}
