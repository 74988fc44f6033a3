/**
 * The findings store. A scan run's findings are written in ONE transaction together with its
 * scan_runs row: upsert by fingerprint (a resolved finding seen again reopens, an expired snooze
 * ends), then the run resolves the open and acknowledged findings it no longer sees among those it
 * covers (its kind, or only the types and scope shapes its parameters looked at, so workflows
 * watching different things do not close each other's findings); dismissed and snoozed ones stay so. A run cut off midway (a dropped connection) commits nothing,
 * and the next run writes the same fingerprints, so nothing is half-written or duplicated.
 */
import type pg from 'pg';
import { inTransaction } from '../db/transaction.ts';
import { fingerprint } from './fingerprint.ts';
import type { Feedback, Finding, FindingDraft, FindingStatus, ScanKind } from './finding.ts';

export interface RunCounts {
  new: number;
  updated: number;
  resolved: number;
}

/**
 * What a run looked at: findings of `type`, and when `scopeKeys` is given only those whose scope
 * has exactly these keys (an anomaly run watches some dimension sets, not every one).
 */
export interface Coverage {
  type: string;
  scopeKeys?: readonly string[];
}

export interface DraftWithOwner extends FindingDraft {
  ownerHint: string | null;
}

interface FindingRow {
  fingerprint: string;
  kind: ScanKind;
  type: string;
  scope: Record<string, string>;
  title: string;
  expected: string | null;
  actual: string | null;
  unit: string | null;
  impact_monthly: string;
  currency: string;
  evidence: Record<string, unknown>;
  remediation: string;
  status: FindingStatus;
  snoozed_until: Date | null;
  feedback: Feedback | null;
  feedback_note: string | null;
  feedback_by: string | null;
  owner_hint: string | null;
  first_seen: Date;
  last_seen: Date;
  first_as_of: string;
  last_as_of: string;
  resolved_at: Date | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

function toFinding(r: FindingRow): Finding {
  return {
    fingerprint: r.fingerprint,
    kind: r.kind,
    type: r.type,
    scope: r.scope,
    title: r.title,
    expected: num(r.expected),
    actual: num(r.actual),
    unit: r.unit,
    impactMonthly: Number(r.impact_monthly),
    currency: r.currency,
    evidence: r.evidence,
    remediation: r.remediation,
    status: r.status,
    snoozedUntil: r.snoozed_until?.toISOString() ?? null,
    feedback: r.feedback,
    feedbackNote: r.feedback_note,
    feedbackBy: r.feedback_by,
    ownerHint: r.owner_hint,
    firstSeen: r.first_seen.toISOString(),
    lastSeen: r.last_seen.toISOString(),
    firstAsOf: r.first_as_of,
    lastAsOf: r.last_as_of,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  };
}

/** A computed figure as numeric text: six decimals hold any unit price, and no float reaches SQL. */
const decimal = (x: number | null, places = 6) => (x === null ? null : x.toFixed(places));

// Keys of scan kinds for the per-kind transaction lock: two runs of one kind write one after the other.
const KIND_LOCK: Record<ScanKind, number> = { anomaly: 7_265_747_001, waste: 7_265_747_002, budget: 7_265_747_003 };

const UPSERT = `
insert into findings (fingerprint, kind, type, scope, title, expected, actual, unit, impact_monthly, currency,
                      evidence, remediation, owner_hint, first_as_of, last_as_of)
values ($1, $2, $3, $4, $5, $6::numeric, $7::numeric, $8, $9::numeric, $10, $11, $12, $13, $14::date, $14::date)
on conflict (fingerprint) do update set
  title = excluded.title, expected = excluded.expected, actual = excluded.actual, unit = excluded.unit,
  impact_monthly = excluded.impact_monthly, currency = excluded.currency, evidence = excluded.evidence,
  remediation = excluded.remediation, owner_hint = coalesce(excluded.owner_hint, findings.owner_hint),
  last_seen = now(), last_as_of = excluded.last_as_of, updated_at = now(),
  status = case when findings.status = 'resolved' or (findings.status = 'snoozed' and findings.snoozed_until <= now())
                then 'open' else findings.status end,
  snoozed_until = case when findings.status = 'snoozed' and findings.snoozed_until <= now() then null else findings.snoozed_until end,
  resolved_at = case when findings.status = 'resolved' then null else findings.resolved_at end
returning *`;

/**
 * Writes one successful run of `kind`: its findings and its scan_runs row, in one transaction.
 * Two drafts with one fingerprint are a bug in a check, and fail the run.
 */
export async function recordRun(
  pool: pg.Pool,
  run: { kind: ScanKind; asOf: string; startedAt: Date; covers?: readonly Coverage[] },
  drafts: readonly DraftWithOwner[],
): Promise<{ findings: Finding[]; counts: RunCounts }> {
  const keyed = drafts.map((d) => ({ d, fp: fingerprint(d.type, d.scope, d.key) }));
  const seen = new Set<string>();
  for (const { d, fp } of keyed) {
    if (seen.has(fp)) throw new Error(`scan ${run.kind}: two findings of type ${d.type} for the same scope ${JSON.stringify(d.scope)} ${d.key ?? ''}`);
    seen.add(fp);
  }
  // A connection that failed mid-transaction (terminated backend) does not go back to the pool.
  return inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock($1)', [KIND_LOCK[run.kind]]);
    const before = new Map(
      (await client.query<{ fingerprint: string; status: FindingStatus }>('select fingerprint, status from findings where fingerprint = any($1) for update', [[...seen]])).rows.map((r) => [
        r.fingerprint,
        r.status,
      ]),
    );
    const findings: Finding[] = [];
    const counts: RunCounts = { new: 0, updated: 0, resolved: 0 };
    for (const { d, fp } of keyed) {
      const { rows } = await client.query<FindingRow>(UPSERT, [
        fp,
        run.kind,
        d.type,
        JSON.stringify(d.scope),
        d.title,
        decimal(d.expected),
        decimal(d.actual),
        d.unit,
        decimal(d.impactMonthly, 2),
        d.currency,
        JSON.stringify(d.evidence),
        d.remediation,
        d.ownerHint,
        run.asOf,
      ]);
      const previous = before.get(fp);
      if (previous === undefined || previous === 'resolved') counts.new++;
      else counts.updated++;
      findings.push(toFinding(rows[0]!));
    }
    // Keys compare sorted in byte order on both sides (JS sort, collate "C").
    const covers = run.covers?.map((c) => ({ type: c.type, keys: c.scopeKeys ? [...c.scopeKeys].sort() : null })) ?? null;
    const resolved = await client.query(
      `update findings set status = 'resolved', resolved_at = now(), updated_at = now()
        where kind = $1 and status in ('open', 'acknowledged') and not (fingerprint = any($2))
          and ($3::jsonb is null or exists (
                select 1 from jsonb_to_recordset($3::jsonb) c(type text, keys text[])
                 where c.type = findings.type
                   and (c.keys is null or c.keys = (select coalesce(array_agg(k collate "C" order by k collate "C"), '{}') from jsonb_object_keys(findings.scope) k))))`,
      [run.kind, [...seen], covers && JSON.stringify(covers)],
    );
    counts.resolved = resolved.rowCount ?? 0;
    await client.query(
      `insert into scan_runs (kind, as_of, status, started_at, duration_ms, findings, new, updated, resolved)
       values ($1, $2::date, 'ok', $3, $4, $5, $6, $7, $8)`,
      [run.kind, run.asOf, run.startedAt, Date.now() - run.startedAt.getTime(), findings.length, counts.new, counts.updated, counts.resolved],
    );
    return { findings, counts };
  });
}

/** Records a run that failed, outside its (rolled back) transaction; best effort. */
export async function recordFailedRun(pool: pg.Pool, run: { kind: ScanKind; asOf: string; startedAt: Date }, error: Error): Promise<void> {
  await pool
    .query(`insert into scan_runs (kind, as_of, status, started_at, duration_ms, error) values ($1, $2::date, 'failed', $3, $4, $5)`, [
      run.kind,
      run.asOf,
      run.startedAt,
      Date.now() - run.startedAt.getTime(),
      error.message,
    ])
    .catch(() => undefined);
}

export interface FindingFilter {
  kinds?: readonly ScanKind[];
  statuses?: readonly FindingStatus[];
  fingerprints?: readonly string[];
}

/** Findings, largest monthly impact first. */
export async function listFindings(pool: pg.Pool, filter: FindingFilter = {}): Promise<Finding[]> {
  const { rows } = await pool.query<FindingRow>(
    `select * from findings
      where ($1::text[] is null or kind = any($1)) and ($2::text[] is null or status = any($2))
        and ($3::text[] is null or fingerprint = any($3))
      order by impact_monthly desc, fingerprint`,
    [filter.kinds ?? null, filter.statuses ?? null, filter.fingerprints ?? null],
  );
  return rows.map(toFinding);
}

export class FindingNotFound extends Error {
  override name = 'FindingNotFound';
}

/** Acknowledge, snooze (until a time), dismiss or reopen a finding. */
export async function setStatus(pool: pg.Pool, fp: string, status: Exclude<FindingStatus, 'resolved'>, snoozedUntil?: Date): Promise<Finding> {
  if ((status === 'snoozed') !== (snoozedUntil !== undefined)) throw new Error('a snooze needs a time, and only a snooze takes one');
  const { rows } = await pool.query<FindingRow>(`update findings set status = $2, snoozed_until = $3, updated_at = now() where fingerprint = $1 returning *`, [fp, status, snoozedUntil ?? null]);
  if (!rows[0]) throw new FindingNotFound(`no finding ${fp}`);
  return toFinding(rows[0]);
}

/**
 * Stores feedback on a finding and dismisses it. With a `rule` (anomalies: see
 * src/scans/anomaly/feedback.ts) the same pattern in the same scope stays quiet on later runs.
 */
export async function giveFeedback(pool: pg.Pool, fp: string, feedback: Feedback, options: { note?: string; by?: string; rule?: Record<string, unknown> } = {}): Promise<Finding> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<FindingRow>(
      `update findings set feedback = $2, feedback_note = $3, feedback_by = $4, feedback_at = now(),
              status = 'dismissed', snoozed_until = null, updated_at = now()
        where fingerprint = $1 returning *`,
      [fp, feedback, options.note ?? null, options.by ?? null],
    );
    if (!rows[0]) throw new FindingNotFound(`no finding ${fp}`);
    if (options.rule) {
      // The rule silences the finding's own series: its scope in its currency.
      await client.query(`insert into finding_suppressions (type, scope, rule, reason, fingerprint, created_by, note, currency) values ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        rows[0].type,
        JSON.stringify(rows[0].scope),
        JSON.stringify(options.rule),
        feedback,
        fp,
        options.by ?? null,
        options.note ?? null,
        rows[0].currency,
      ]);
    }
    await client.query('commit');
    return toFinding(rows[0]);
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface StoredSuppression {
  id: number;
  scope: Record<string, string>;
  rule: Record<string, unknown>;
  /** The currency of the series it silences; null for feedback given before Penny kept it: every currency. */
  currency: string | null;
}

/** Stored suppression rules of a finding type, with the scope and currency each applies to. */
export async function suppressionsFor(pool: pg.Pool, type: string): Promise<StoredSuppression[]> {
  const { rows } = await pool.query('select id::int as id, scope, rule, currency from finding_suppressions where type = $1 order by id', [type]);
  return rows as StoredSuppression[];
}
