/**
 * How OpenAI organization buckets (see openai-org.ts) are kept honest once stored, run on the
 * load's connection inside its transaction, on the chunk in the temp table `stage`:
 *
 * - Restated buckets: a bucket exported again (a day's bucket grows until the day ends; a longer
 *   export overlaps a shorter one) replaces the row stored for it, rather than being skipped as a
 *   duplicate call, so the figures are the latest export's.
 * - Money counted once: the costs export already holds the money of the usage export's tokens. A
 *   usage bucket on a UTC day for which a costs row of the same project is stored (either export
 *   not grouped by project covers the whole organization) keeps its tokens and
 *   calls, and its estimated cost becomes 0 with `cost_source = 'covered'`. Either export may be
 *   loaded first.
 */
import type pg from 'pg';
import { resumTaskDays, taskDayColumns, taskDaysOf } from './task-days.ts';

export const AGGREGATE_FORMATS = ['openai_usage', 'openai_costs'];

/** Deletes the stored rows (and ids) of the buckets staged again, and sums their tasks' days again; returns how many it deleted. */
export async function replaceRestatedBuckets(client: pg.PoolClient): Promise<number> {
  const { rowCount, rows } = await client.query(
    `with gone as (
       delete from llm_usage_ids i using stage s
        where s.source_format = any($1::text[]) and i.event_id = s.event_id
       returning i.event_id, i.ts
     )
     delete from llm_usage u using gone g where u.event_id = g.event_id and u.ts = g.ts
     returning ${taskDayColumns('u')}`,
    [AGGREGATE_FORMATS],
  );
  await resumTaskDays(client, taskDaysOf(rows));
  return rowCount ?? 0;
}

/** Marks the usage buckets of the staged days whose money a costs row holds, and sums their tasks' days again; returns how many it marked. */
export async function coverPricedBuckets(client: pg.PoolClient): Promise<number> {
  const { rowCount, rows } = await client.query(
    `with days as (
       select date_trunc('day', min(ts) at time zone 'UTC') at time zone 'UTC' as first,
              date_trunc('day', max(ts) at time zone 'UTC') at time zone 'UTC' + interval '1 day' as last
         from stage where source_format = any($1::text[])
     ),
     -- The days and projects costs rows hold, collected first: a subquery correlated on llm_usage
     -- itself by day is one Citus cannot distribute (calls are distributed by event id).
     costs as materialized (
       select distinct (c.ts at time zone 'UTC')::date as day, c.tags->>'project_id' as project
         from llm_usage c, days
        where c.source_format = 'openai_costs' and c.ts >= days.first and c.ts < days.last
     )
     update llm_usage u set cost = 0, cost_source = 'covered'
       from days
      where u.source_format = 'openai_usage' and u.cost_source <> 'covered'
        and u.ts >= days.first and u.ts < days.last
        and exists (
          select 1 from costs c
           where c.day = (u.ts at time zone 'UTC')::date
             and (c.project is null or u.tags->>'project_id' is null or c.project = u.tags->>'project_id'))
     returning ${taskDayColumns('u')}`,
    [AGGREGATE_FORMATS],
  );
  await resumTaskDays(client, taskDaysOf(rows));
  return rowCount ?? 0;
}
