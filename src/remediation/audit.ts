/**
 * The remediation audit log: one appended row per event (proposal, card sent, click accepted or
 * refused and why, decision, execution, an execution resumed after a restart cut it off, result,
 * rollback). The table refuses UPDATE and DELETE
 * (migration 011), so what is written here stays as written.
 */
import type pg from 'pg';

export const AUDIT_EVENTS = [
  'proposed',
  'card_sent',
  'click_refused',
  'approved',
  'rejected',
  'expired',
  'execution_started',
  'execution_resumed',
  'executed',
  'execution_failed',
  'marked_done',
  'rollback_started',
  'rollback_resumed',
  'rolled_back',
  'rollback_failed',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  id: number;
  at: string;
  proposalId: string | null;
  event: AuditEvent;
  actor: string;
  detail: Record<string, unknown>;
}

/** Anything with `query`: a pool, or a client inside a transaction so the entry commits with it. */
type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export async function appendAudit(db: Queryable, proposalId: string | null, event: AuditEvent, actor: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.query('insert into remediation_audit (proposal_id, event, actor, detail) values ($1, $2, $3, $4)', [proposalId, event, actor, JSON.stringify(detail)]);
}

export async function listAudit(pool: pg.Pool, options: { since?: Date; proposalId?: string } = {}): Promise<AuditEntry[]> {
  const { rows } = await pool.query<{ id: string; at: Date; proposal_id: string | null; event: AuditEvent; actor: string; detail: Record<string, unknown> }>(
    `select * from remediation_audit
      where ($1::timestamptz is null or at >= $1) and ($2::uuid is null or proposal_id = $2)
      order by id`,
    [options.since ?? null, options.proposalId ?? null],
  );
  return rows.map((r) => ({ id: Number(r.id), at: r.at.toISOString(), proposalId: r.proposal_id, event: r.event, actor: r.actor, detail: r.detail }));
}
