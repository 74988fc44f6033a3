/**
 * The slack_alerts table: which findings were sent to whom, in which message. Rows are claimed
 * ('pending') before posting and marked 'sent' with the message ts after, so a failed post is
 * released to be retried, and a retried run never posts the same alert twice.
 */
import type pg from 'pg';

export interface AlertKey {
  fingerprint: string;
  recipient: string;
  periodKey: string;
}

/** A claim older than this is from a process that died mid-post: released so the alert is retried. */
const STALE_CLAIM = '10 minutes';

export async function releaseStaleClaims(pool: pg.Pool, now: Date): Promise<void> {
  await pool.query(`delete from slack_alerts where status = 'pending' and claimed_at < $1::timestamptz - $2::interval`, [now, STALE_CLAIM]);
}

/** The keys among `fingerprints` that already have a row (sent or being sent). */
export async function existingAlerts(pool: pg.Pool, fingerprints: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ fingerprint: string; recipient: string; period_key: string }>(
    'select fingerprint, recipient, period_key from slack_alerts where fingerprint = any($1)',
    [fingerprints],
  );
  return new Set(rows.map((r) => alertId({ fingerprint: r.fingerprint, recipient: r.recipient, periodKey: r.period_key })));
}

export const alertId = (k: AlertKey) => `${k.fingerprint}\u0000${k.recipient}\u0000${k.periodKey}`;

/** Recipients that were sent a message since `since`: they wait for the next window. */
export async function recentlyAlerted(pool: pg.Pool, recipients: string[], since: Date): Promise<Set<string>> {
  const { rows } = await pool.query<{ recipient: string }>(
    `select distinct recipient from slack_alerts where recipient = any($1) and (sent_at >= $2 or status = 'pending')`,
    [recipients, since],
  );
  return new Set(rows.map((r) => r.recipient));
}

/** Claims the keys not yet claimed by anyone; returns the ones this call got. */
export async function claimAlerts(pool: pg.Pool, keys: AlertKey[], now: Date): Promise<AlertKey[]> {
  const { rows } = await pool.query<{ fingerprint: string; recipient: string; period_key: string }>(
    `insert into slack_alerts (fingerprint, recipient, period_key, claimed_at)
     select * , $4::timestamptz from unnest($1::text[], $2::text[], $3::text[])
     on conflict (fingerprint, recipient, period_key) do nothing
     returning fingerprint, recipient, period_key`,
    [keys.map((k) => k.fingerprint), keys.map((k) => k.recipient), keys.map((k) => k.periodKey), now],
  );
  return rows.map((r) => ({ fingerprint: r.fingerprint, recipient: r.recipient, periodKey: r.period_key }));
}

export async function markSent(pool: pg.Pool, keys: AlertKey[], channel: string, ts: string, now: Date): Promise<void> {
  await pool.query(
    `update slack_alerts a set status = 'sent', channel = $4, message_ts = $5, sent_at = $6
       from unnest($1::text[], $2::text[], $3::text[]) as k(fp, r, p)
      where a.fingerprint = k.fp and a.recipient = k.r and a.period_key = k.p`,
    [keys.map((k) => k.fingerprint), keys.map((k) => k.recipient), keys.map((k) => k.periodKey), channel, ts, now],
  );
}

export async function releaseClaims(pool: pg.Pool, keys: AlertKey[]): Promise<void> {
  await pool.query(
    `delete from slack_alerts a using unnest($1::text[], $2::text[], $3::text[]) as k(fp, r, p)
      where a.status = 'pending' and a.fingerprint = k.fp and a.recipient = k.r and a.period_key = k.p`,
    [keys.map((k) => k.fingerprint), keys.map((k) => k.recipient), keys.map((k) => k.periodKey)],
  );
}

/** The findings a posted message carries, in the order they were sent. */
export async function fingerprintsInMessage(pool: pg.Pool, channel: string, ts: string): Promise<string[]> {
  const { rows } = await pool.query<{ fingerprint: string }>('select fingerprint from slack_alerts where channel = $1 and message_ts = $2 order by id', [channel, ts]);
  return rows.map((r) => r.fingerprint);
}

/** Findings whose owner alert (not a channel post) is past the escalation delay and still open, not yet escalated. */
export async function dueEscalations(pool: pg.Pool, before: Date, criticalMonthly: number): Promise<string[]> {
  const { rows } = await pool.query<{ fingerprint: string }>(
    `select distinct a.fingerprint from slack_alerts a join findings f using (fingerprint)
      where a.status = 'sent' and a.sent_at < $1 and f.status = 'open' and f.impact_monthly >= $2::numeric
        and a.recipient !~ '^(#|[CG][A-Z0-9]{6,}$)'
        and not exists (select 1 from slack_alerts e where e.fingerprint = a.fingerprint and e.escalated_at is not null)`,
    [before, String(criticalMonthly)],
  );
  return rows.map((r) => r.fingerprint);
}

export async function markEscalated(pool: pg.Pool, fingerprint: string, channel: string, ts: string, now: Date): Promise<void> {
  await pool.query(`update slack_alerts set escalated_at = $2, escalation_channel = $3, escalation_ts = $4 where fingerprint = $1 and status = 'sent'`, [fingerprint, now, channel, ts]);
}
