/**
 * Proposals in Postgres. A proposal is created from a finding with its plan (plan.ts) and the
 * 'proposed' audit entry in one transaction; asking again while one is pending for the same
 * finding returns that one. Status changes that matter for safety (decisions, execution claims)
 * live in decide.ts and execute.ts, under row locks; lifecycle.ts tells how they follow each other.
 * `told_at` is the row version (updated_at) its card last showed.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Finding } from '../findings/finding.ts';
import { appendAudit } from './audit.ts';
import { ActionSchema, type Action, type Executor, type Plan, type Risk } from './plan.ts';
import { inTransaction, onClient } from '../db/transaction.ts';

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'executing', 'executed', 'failed', 'rolling_back', 'rolled_back'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface Proposal {
  id: string;
  findingFingerprint: string;
  findingScope: Record<string, string>;
  executor: Executor;
  action: Action;
  rollback: Action;
  title: string;
  why: string;
  evidence: Record<string, unknown>;
  savingsMonthly: number;
  currency: string;
  risk: Risk;
  requestedBy: string | null;
  status: ProposalStatus;
  createdAt: string;
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  cardChannel: string | null;
  cardTs: string | null;
  result: Record<string, unknown> | null;
  rollbackResult: Record<string, unknown> | null;
}

interface Row {
  id: string;
  finding_fingerprint: string;
  scope: Record<string, string>;
  executor: Executor;
  action: unknown;
  rollback: unknown;
  title: string;
  why: string;
  evidence: Record<string, unknown>;
  savings_monthly: string;
  currency: string;
  risk: Risk;
  requested_by: string | null;
  status: ProposalStatus;
  created_at: Date;
  expires_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  card_channel: string | null;
  card_ts: string | null;
  result: Record<string, unknown> | null;
  rollback_result: Record<string, unknown> | null;
}

/** Rows are re-validated on the way out: an action edited in the database by hand must not run. */
const toProposal = (r: Row): Proposal => ({
  id: r.id,
  findingFingerprint: r.finding_fingerprint,
  findingScope: r.scope,
  executor: r.executor,
  action: ActionSchema.parse(r.action),
  rollback: ActionSchema.parse(r.rollback),
  title: r.title,
  why: r.why,
  evidence: r.evidence,
  savingsMonthly: Number(r.savings_monthly),
  currency: r.currency,
  risk: r.risk,
  requestedBy: r.requested_by,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionReason: r.decision_reason,
  cardChannel: r.card_channel,
  cardTs: r.card_ts,
  result: r.result,
  rollbackResult: r.rollback_result,
});

const SELECT = `select p.*, f.scope from remediation_proposals p join findings f on f.fingerprint = p.finding_fingerprint`;

export class ProposalNotFound extends Error {
  override name = 'ProposalNotFound';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The proposal, optionally locked for update inside the caller's transaction. */
export async function getProposal(db: Pick<pg.Pool, 'query'> | pg.PoolClient, id: string, options: { lock?: boolean } = {}): Promise<Proposal> {
  if (!UUID.test(id)) throw new ProposalNotFound(`no proposal ${JSON.stringify(id.slice(0, 80))}`);
  const { rows } = await db.query<Row>(`${SELECT} where p.id = $1${options.lock ? ' for update of p' : ''}`, [id]);
  if (!rows[0]) throw new ProposalNotFound(`no proposal ${id}`);
  return toProposal(rows[0]);
}

export async function listProposals(pool: pg.Pool, filter: { statuses?: readonly ProposalStatus[]; updatedSince?: Date } = {}): Promise<Proposal[]> {
  const { rows } = await pool.query<Row>(`${SELECT} where ($1::text[] is null or p.status = any($1)) and ($2::timestamptz is null or p.updated_at >= $2) order by p.created_at, p.id`, [
    filter.statuses ?? null,
    filter.updatedSince ?? null,
  ]);
  return rows.map(toProposal);
}

/** Creates the proposal for a finding, or returns the one still pending for it (`created: false`). */
export async function createProposal(pool: pg.Pool, finding: Finding, plan: Plan, options: { requestedBy: string | null; expiryMs: number }): Promise<{ proposal: Proposal; created: boolean }> {
  return inTransaction(pool, async (client) => {
    // Serialise proposals for one finding, so two clicks on "Propose a fix" make one proposal.
    await client.query('select 1 from findings where fingerprint = $1 for update', [finding.fingerprint]);
    const { rows: pending } = await client.query<{ id: string }>(`select id from remediation_proposals where finding_fingerprint = $1 and status = 'pending'`, [finding.fingerprint]);
    if (pending[0]) return { proposal: await getProposal(client, pending[0].id), created: false };
    const id = randomUUID();
    await client.query(
      `insert into remediation_proposals (id, finding_fingerprint, executor, action, rollback, title, why, evidence, savings_monthly, currency, risk, requested_by, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::numeric, $10, $11, $12, now() + $13::bigint * interval '1 millisecond')`,
      [
        id,
        finding.fingerprint,
        plan.executor,
        JSON.stringify(plan.action),
        JSON.stringify(plan.rollback),
        plan.title,
        `${finding.title}. ${finding.remediation}`,
        JSON.stringify(finding.evidence),
        finding.impactMonthly.toFixed(2),
        finding.currency,
        plan.risk,
        options.requestedBy,
        Math.round(options.expiryMs),
      ],
    );
    await appendAudit(client, id, 'proposed', options.requestedBy ?? 'penny', {
      finding: finding.fingerprint,
      findingType: finding.type,
      executor: plan.executor,
      action: plan.action,
      rollback: plan.rollback,
      risk: plan.risk,
      savingsMonthly: Number(finding.impactMonthly.toFixed(2)),
      currency: finding.currency,
    });
    return { proposal: await getProposal(client, id), created: true };
  });
}

/** Records where the card went, once: a repeated send keeps the first card. */
export async function recordCard(client: pg.PoolClient, id: string, card: { channel: string; ts: string }): Promise<boolean> {
  return onClient(client, async () => {
    const { rowCount } = await client.query(`update remediation_proposals set card_channel = $2, card_ts = $3, updated_at = now() where id = $1 and card_ts is null`, [id, card.channel, card.ts]);
    if (rowCount) await appendAudit(client, id, 'card_sent', 'penny', card);
    return Boolean(rowCount);
  });
}

/** Statuses a card can show for good; the others are steps under way (and a manual fix's 'executing'). */
export const SETTLED_STATUSES: readonly ProposalStatus[] = ['rejected', 'expired', 'executed', 'failed', 'rolled_back'];
const SETTLED = `(p.status = any($1) or (p.status = 'executing' and p.executor = 'manual'))`;

export const isSettled = (p: Proposal) => SETTLED_STATUSES.includes(p.status) || (p.status === 'executing' && p.executor === 'manual');

/** Proposals with a card that does not yet show their settled row (the process that changed it stopped first). */
export async function listUntold(pool: pg.Pool, updatedSince: Date): Promise<Proposal[]> {
  const { rows } = await pool.query<Row>(`${SELECT} where ${SETTLED} and p.card_ts is not null and p.told_at is distinct from p.updated_at and p.updated_at >= $2 order by p.updated_at, p.id`, [
    SETTLED_STATUSES,
    updatedSince,
  ]);
  return rows.map(toProposal);
}

/** Claims telling people about the row as it is now: true once per row version, for one caller. */
export async function claimTelling(pool: pg.Pool, p: Proposal): Promise<boolean> {
  const { rowCount } = await pool.query(`update remediation_proposals p set told_at = p.updated_at where p.id = $2 and p.status = $3 and ${SETTLED} and p.told_at is distinct from p.updated_at`, [
    SETTLED_STATUSES,
    p.id,
    p.status,
  ]);
  return Boolean(rowCount);
}
