/**
 * What feedback keeps quiet: each anomaly a stored feedback rule silenced, recorded by the run that
 * saw it (one row per rule, series and episode start; a later run seeing it again counts the run),
 * and listed with the feedback behind it — who, which kind, why — so a FinOps lead can check that
 * "not an anomaly" three months ago is not hiding a real problem today.
 */
import type pg from 'pg';
import type { Direction } from './detector.ts';

export interface SuppressedAnomaly {
  suppressionId: number;
  type: string;
  scope: Record<string, string>;
  /** The episode's first day or hour, as its finding would have had. */
  start: string;
  direction: Direction;
  expected: number;
  actual: number;
  impactMonthly: number;
  /** The currency of the series and of the amounts. */
  currency: string;
}

export interface SuppressedListing extends Omit<SuppressedAnomaly, 'suppressionId'> {
  /** The feedback that silenced it. */
  feedback: string;
  reason: string | null;
  by: string | null;
  givenAt: string;
  /** The finding the feedback was given on. */
  fingerprint: string | null;
  /** The currency the feedback applies in; null for feedback given before Penny kept it, which applies in every currency. */
  feedbackCurrency: string | null;
  firstAsOf: string;
  lastAsOf: string;
  runs: number;
}

/** Money goes to SQL as numeric text. */
const amount = (x: number) => x.toFixed(6);

/** Records the anomalies a run silenced; one statement, so a run records all of them or none. */
export async function recordSuppressed(pool: pg.Pool, asOf: string, hits: readonly SuppressedAnomaly[]): Promise<void> {
  if (hits.length === 0) return;
  await pool.query(
    `insert into suppressed_anomalies as s (suppression_id, type, scope, start, direction, expected, actual, impact_monthly, currency, first_as_of, last_as_of)
     select h.id, h.type, h.scope, h.start, h.direction, h.expected, h.actual, h.impact, h.currency, $9::date, $9::date
       from unnest($1::bigint[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[], $10::text[])
         as h(id, type, scope, start, direction, expected, actual, impact, currency)
       join finding_suppressions f on f.id = h.id
     on conflict (suppression_id, type, scope, start, currency) do update
        set expected = excluded.expected, actual = excluded.actual, impact_monthly = excluded.impact_monthly,
            last_as_of = greatest(s.last_as_of, excluded.last_as_of), runs = s.runs + 1`,
    [
      hits.map((h) => h.suppressionId),
      hits.map((h) => h.type),
      hits.map((h) => JSON.stringify(h.scope)),
      hits.map((h) => h.start),
      hits.map((h) => h.direction),
      hits.map((h) => amount(h.expected)),
      hits.map((h) => amount(h.actual)),
      hits.map((h) => amount(h.impactMonthly)),
      asOf,
      hits.map((h) => h.currency),
    ],
  );
}

/** Said of feedback given before Penny kept its currency, wherever it is listed. */
export const EVERY_CURRENCY_NOTE = 'given before feedback kept its currency: applies in every currency';

/** Every silenced anomaly, latest start first, with the feedback behind it. */
export async function listSuppressed(pool: pg.Pool): Promise<SuppressedListing[]> {
  const { rows } = await pool.query(
    `select s.type, s.scope, s.start, s.direction, s.expected::float8 as expected, s.actual::float8 as actual,
            s.impact_monthly::float8 as "impactMonthly", s.currency, f.reason as feedback, f.note as reason, f.created_by as by,
            f.created_at as "givenAt", f.fingerprint, f.currency as "feedbackCurrency", s.first_as_of::text as "firstAsOf", s.last_as_of::text as "lastAsOf", s.runs
       from suppressed_anomalies s join finding_suppressions f on f.id = s.suppression_id
      order by s.start desc, s.impact_monthly desc, s.id`,
  );
  return rows.map((r) => ({ ...r, givenAt: (r.givenAt as Date).toISOString() })) as SuppressedListing[];
}
