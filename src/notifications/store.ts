/**
 * The slack_alerts table (named for the first channel; it serves any): which findings were sent
 * to whom, in which message, and the owner_notify table (whether owners are told at all). Rows are claimed
 * ('pending', with the claim's token and then the channel) before posting and marked 'sent' with
 * the message ts after, so a failed post is released to be retried, a post whose outcome is
 * unknown is looked for before it is retried (settle.ts), and no run posts the same alert twice.
 */
import type pg from 'pg';

export interface AlertKey {
  fingerprint: string;
  recipient: string;
  periodKey: string;
}

/** The rows of one message being sent: its token, and the channel once known. */
export interface PendingClaim {
  token: string | null;
  channel: string | null;
  claimedAt: Date;
  keys: AlertKey[];
}

/** Claims left pending by earlier runs, one per message. */
export async function pendingClaims(pool: pg.Pool): Promise<PendingClaim[]> {
  const { rows } = await pool.query<{ claim_token: string | null; channel: string | null; claimed_at: Date; fingerprints: string[]; recipients: string[]; period_keys: string[] }>(
    `select claim_token, channel, min(claimed_at) as claimed_at,
            array_agg(fingerprint order by id) as fingerprints, array_agg(recipient order by id) as recipients, array_agg(period_key order by id) as period_keys
       from slack_alerts where status = 'pending' group by claim_token, channel`,
  );
  return rows.map((r) => ({
    token: r.claim_token,
    channel: r.channel,
    claimedAt: r.claimed_at,
    keys: r.fingerprints.map((fingerprint, i) => ({ fingerprint, recipient: r.recipients[i]!, periodKey: r.period_keys[i]! })),
  }));
}

/** Where a claim's message is about to be posted, written before the post so a lost answer can be looked for there. */
export async function recordChannel(pool: pg.Pool, token: string, channel: string): Promise<void> {
  await pool.query(`update slack_alerts set channel = $2 where claim_token = $1 and status = 'pending'`, [token, channel]);
}

/** The keys among `fingerprints` that already have a row (sent or being sent). */
export async function existingAlerts(pool: pg.Pool, fingerprints: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ fingerprint: string; recipient: string; period_key: string }>('select fingerprint, recipient, period_key from slack_alerts where fingerprint = any($1)', [
    fingerprints,
  ]);
  return new Set(rows.map((r) => alertId({ fingerprint: r.fingerprint, recipient: r.recipient, periodKey: r.period_key })));
}

export const alertId = (k: AlertKey) => `${k.fingerprint}\u0000${k.recipient}\u0000${k.periodKey}`;

/** Recipients that were sent a message since `since`: they wait for the next window. */
export async function recentlyAlerted(pool: pg.Pool, recipients: string[], since: Date): Promise<Set<string>> {
  const { rows } = await pool.query<{ recipient: string }>(`select distinct recipient from slack_alerts where recipient = any($1) and (sent_at >= $2 or status = 'pending')`, [recipients, since]);
  return new Set(rows.map((r) => r.recipient));
}

/** Claims the keys not yet claimed by anyone, under `token`; returns the ones this call got. */
export async function claimAlerts(pool: pg.Pool, keys: AlertKey[], now: Date, token: string): Promise<AlertKey[]> {
  const { rows } = await pool.query<{ fingerprint: string; recipient: string; period_key: string }>(
    `insert into slack_alerts (fingerprint, recipient, period_key, claimed_at, claim_token)
     select * , $4::timestamptz, $5::uuid from unnest($1::text[], $2::text[], $3::text[])
     on conflict (fingerprint, recipient, period_key) do nothing
     returning fingerprint, recipient, period_key`,
    [keys.map((k) => k.fingerprint), keys.map((k) => k.recipient), keys.map((k) => k.periodKey), now, token],
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

/** Records, per finding, whether `workflow` tells owners of it (notify.owners). */
export async function setOwnerNotify(pool: pg.Pool, fingerprints: string[], workflow: string, owners: boolean): Promise<void> {
  await pool.query(
    `insert into owner_notify (fingerprint, owners, workflow) select fp, $2, $3 from unnest($1::text[]) as fp
     on conflict (fingerprint) do update set owners = excluded.owners, workflow = excluded.workflow, updated_at = now()`,
    [fingerprints, owners, workflow],
  );
}

/** The findings among `fingerprints` whose workflow said not to tell owners. */
export async function ownersMuted(pool: pg.Pool, fingerprints: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ fingerprint: string }>('select fingerprint from owner_notify where fingerprint = any($1) and not owners', [fingerprints]);
  return new Set(rows.map((r) => r.fingerprint));
}
