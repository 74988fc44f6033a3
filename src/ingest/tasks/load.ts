/**
 * Loads task outcomes — JSONL `{"task_id", "status": "success"|"failure", "timestamp", ...tags}` —
 * into `task_outcomes`, so agent runs made of many LLM calls can be judged by their result (cost
 * per successful task). The task id is read with the attribution keys (`task_id`, `task.id`), as
 * on usage records; other string fields (also those of a nested `tags` object) are tags, and give
 * team, feature, customer, environment and cost center. An outcome already stored with the same
 * (task id, status, time) is a duplicate.
 */
import type pg from 'pg';
import { z } from 'zod';
import { copyText, COPY_NULL } from '../copy-text.ts';
import { Attributor } from '../attribution.ts';
import { firstIssue, instant, isObject } from '../json-fields.ts';
import { loadJsonFile, type JsonFileResult, type JsonKind, type JsonLoadOptions, type RecordSink } from '../json-load.ts';
import { toJsonb } from '../values.ts';

const status = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
    if (s === 'success' || s === 'failure') return s;
    ctx.addIssue({ code: 'custom', message: v === undefined || v === null || v === '' ? 'missing' : `expected "success" or "failure", got ${JSON.stringify(v)}` });
    return z.NEVER;
  });

const Outcome = z.object({ status, timestamp: instant, time: instant });

const t = (v: string | null) => (v === null ? COPY_NULL : copyText(v));

class TasksKind implements JsonKind {
  readonly kind = 'tasks';
  readonly stageColumns = 'task_id text not null, status text not null, ts timestamptz not null, team text, feature text, customer text, environment text, cost_center text, tags jsonb not null';
  private readonly taskKeys: Set<string>;

  constructor(private readonly attributor: Attributor) {
    this.taskKeys = new Set(attributor.keys.task_id.map((k) => k.toLowerCase()));
  }

  convert(value: unknown, sink: RecordSink): void {
    if (!isObject(value)) return sink.reject(null, 'not a JSON object', value);
    const parsed = Outcome.safeParse(value);
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      return sink.reject(issue.field, issue.reason, value);
    }
    const ts = parsed.data.timestamp ?? parsed.data.time;
    if (!ts) return sink.reject('timestamp', 'missing', value);
    const fields = isObject(value.tags) ? { ...value.tags, ...value } : value;
    const a = this.attributor.attribute(fields);
    if (a.task_id === null) return sink.reject('task_id', 'missing', value);
    const tags: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string' && v !== '' && k !== 'status' && k !== 'timestamp' && k !== 'time' && !this.taskKeys.has(k.toLowerCase())) tags[k] = v;
    }
    sink.row([copyText(a.task_id), parsed.data.status, ts.iso, t(a.team), t(a.feature), t(a.customer), t(a.environment), t(a.cost_center), copyText(toJsonb(tags))].join('\t'), ts.month);
  }

  async store(client: pg.PoolClient, loadId: string): Promise<number> {
    // Counted from RETURNING: for INSERT ... SELECT ... ON CONFLICT, Citus reports the rows it
    // sent to the shards, not the rows stored.
    const { rows } = await client.query<{ n: number }>(
      `with stored as (
         insert into task_outcomes (load_id, task_id, status, ts, team, feature, customer, environment, cost_center, tags)
         select $1, task_id, status, ts, team, feature, customer, environment, cost_center, tags from stage order by seq
         on conflict do nothing
         returning 1)
       select count(*)::int as n from stored`,
      [loadId],
    );
    return rows[0]!.n;
  }
}

export async function loadTasksFile(pool: pg.Pool, file: string, options: JsonLoadOptions & { attributor?: Attributor } = {}): Promise<JsonFileResult> {
  return loadJsonFile(pool, file, new TasksKind(options.attributor ?? new Attributor()), options);
}
