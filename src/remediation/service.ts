/**
 * The remediation flow as the faces (Slack, CLI) use it: propose a fix for a finding (creates the
 * proposal and sends its card), decide (decide() under the row lock, then carry out what the row
 * now says: execute an approval, tell a rejection), mark a manual fix done, roll back, and a sweep
 * that expires overdue proposals, carries out decisions a stopped process left, finishes runs a
 * restart cut off and brings stale cards up to date. The proposal's row is the state machine
 * (lifecycle.ts), so any process with the same database can handle any step. `stop` (at shutdown) stops the sweep and new runs, and waits, for
 * a bounded time, for the runs under way to record their results.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import type { Finding } from '../findings/finding.ts';
import { listFindings } from '../findings/store.ts';
import { logger } from '../log/logger.ts';
import { approversOf, type ApprovalSubject, type SlackUser } from './approvers.ts';
import type { RemediationConfig } from './config.ts';
import { decide, expireDue, type Decision, type Outcome } from './decide.ts';
import { markDone, recoverCutOff, rollBack, type Executors } from './execute.ts';
import { githubPrExecutor } from './executors/github-pr.ts';
import { webhookExecutor } from './executors/webhook.ts';
import { carryOut, sendCardOnce, tell, type LifecycleDeps } from './lifecycle.ts';
import { outcomeText, recoveredText, rollbackText } from './messages.ts';
import type { Notifier } from './notifier.ts';
import { planFor, type Plan } from './plan.ts';
import { createProposal, getProposal, listProposals, listUntold, ProposalNotFound, type Proposal } from './store.ts';
import { githubClient } from '../github/client.ts';

export class FindingUnknown extends Error {
  override name = 'FindingUnknown';
}

/** The finding a reference names: its fingerprint, or its numeric id. */
export async function findFinding(pool: pg.Pool, ref: string): Promise<Finding> {
  let fingerprint = ref;
  if (/^\d{1,18}$/.test(ref)) {
    const { rows } = await pool.query<{ fingerprint: string }>('select fingerprint from findings where id = $1', [ref]);
    fingerprint = rows[0]?.fingerprint ?? '';
  }
  const [finding] = fingerprint ? await listFindings(pool, { fingerprints: [fingerprint] }) : [];
  if (!finding) throw new FindingUnknown(`no finding ${JSON.stringify(ref.slice(0, 80))}`);
  return finding;
}

/** Card recipients in order: the approvals channel, else the owners, then the admins. */
export async function cardRecipients(pool: pg.Pool, config: RemediationConfig, subject: ApprovalSubject): Promise<string[]> {
  if (config.approvalsChannel) return [config.approvalsChannel];
  const { owners, admins } = await approversOf(pool, subject, config.admins);
  return [...new Set([...owners, ...admins])];
}

export interface Draft {
  finding: Finding;
  plan: Plan;
  /** Where the approval card goes; empty when nobody could approve the fix. */
  recipients: string[];
}

/** What proposing a fix for a finding would do, without storing anything (the finding is checked first). */
export async function draftProposal(pool: pg.Pool, config: RemediationConfig, ref: string): Promise<Draft> {
  const finding = await findFinding(pool, ref);
  return { finding, plan: planFor(finding, config), recipients: await cardRecipients(pool, config, { findingScope: finding.scope, evidence: finding.evidence }) };
}

/** The executors the configuration enables. */
export function executorsFor(config: RemediationConfig): Executors {
  return {
    ...(config.github ? { 'github-pr': githubPrExecutor(githubClient({ token: config.github.token, baseUrl: config.github.apiUrl }), config.github, config.publicUrl) } : {}),
    ...(config.webhook ? { webhook: webhookExecutor(config.webhook) } : {}),
  };
}

/** Decisions older than this were carried out, or told, by earlier sweeps. */
const CATCH_UP_MS = 7 * 86_400_000;

export class Remediation {
  /** Set by stop(): no new run starts; the next start's sweep acts on what is left. */
  private stopping = false;
  /** Work under way that may call an executor; stop() waits for it. */
  private readonly running = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;

  private readonly steps: LifecycleDeps;

  private constructor(
    readonly pool: pg.Pool,
    readonly config: RemediationConfig,
    notifier: Notifier,
    private readonly executors: Executors,
  ) {
    this.steps = { pool, notifier, executors };
  }

  /** Nothing to set up beyond the migrations; async so that the faces awaiting it need not change. */
  static async create(pool: pg.Pool, config: RemediationConfig, notifier: Notifier, executors: Executors = executorsFor(config)): Promise<Remediation> {
    return new Remediation(pool, config, notifier, executors);
  }

  /** Runs `work`, counted as under way until it settles. */
  private async tracked<T>(work: () => Promise<T>): Promise<T> {
    const run = work();
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  /**
   * Proposes a fix for a finding (by fingerprint or numeric id) and sends its card. `requestedBy`
   * is the Slack user who asked, or null for a scan. A pending proposal for it is returned as is,
   * its card sent first if it has none yet (it was proposed without Slack).
   */
  async propose(findingRef: string, requestedBy: string | null): Promise<{ proposal: Proposal; created: boolean }> {
    const finding = await findFinding(this.pool, findingRef);
    const made = await createProposal(this.pool, finding, planFor(finding, this.config), { requestedBy, expiryMs: this.config.expiryMs });
    if (made.proposal.cardTs !== null) return made;
    await sendCardOnce(this.steps, made.proposal.id, await cardRecipients(this.pool, this.config, made.proposal));
    return { proposal: await getProposal(this.pool, made.proposal.id), created: made.created };
  }

  /** The proposal, or null when there is none with that id. */
  async find(id: string): Promise<Proposal | null> {
    return getProposal(this.pool, id).catch((err: Error) => {
      if (err instanceof ProposalNotFound) return null;
      throw err;
    });
  }

  /** Carries out what the row says was decided: a resume reads the decision, so it never grants anything. */
  async resume(id: string): Promise<Proposal> {
    // Once stopping, a decision stays recorded and the next start's sweep acts on it.
    if (!this.stopping) await this.tracked(() => carryOut(this.steps, id));
    return getProposal(this.pool, id);
  }

  /** Records a decision only (a Slack modal must be answered within 3 s); `resume` then acts on it. */
  record(proposalId: string, user: SlackUser, decision: Decision, reason?: string): Promise<Outcome> {
    return decide(this.pool, this.config, proposalId, user, decision, reason);
  }

  /** Records a decision and, when accepted, carries it out: executes an approval, updates the card. */
  async decide(proposalId: string, user: SlackUser, decision: Decision, reason?: string): Promise<Outcome> {
    const outcome = await this.record(proposalId, user, decision, reason);
    if (!outcome.accepted) return outcome;
    return { accepted: true, proposal: await this.resume(outcome.proposal.id) };
  }

  async markDone(proposalId: string, user: SlackUser, note?: string): Promise<Outcome> {
    const outcome = await markDone(this.pool, this.config, proposalId, user, note);
    if (outcome.accepted) await tell(this.steps, outcome.proposal, outcomeText(outcome.proposal));
    return outcome;
  }

  async rollBack(proposalId: string, user: SlackUser): Promise<Outcome> {
    if (this.stopping) return { accepted: false, why: 'Penny is restarting; press Roll back again in a minute', proposal: null };
    return this.tracked(async () => {
      const outcome = await rollBack(this.pool, this.config, this.executors, proposalId, user);
      if (outcome.accepted) await tell(this.steps, outcome.proposal, rollbackText(outcome.proposal, user.id));
      return outcome;
    });
  }

  /**
   * Expires overdue proposals; carries out decisions whose process stopped first (an approval not
   * yet run, an apply run cut off, a card not yet showing its row: `resumed`); finishes rollbacks a
   * restart cut off (`recovered`); sends cards never sent (or proposed without Slack). Safe on
   * several replicas at once: each step is claimed under its row or run lock.
   */
  async sweep(options: { cardRetryAfterMs?: number } = {}): Promise<{ expired: string[]; resumed: string[]; recovered: string[]; cardsRetried: string[] }> {
    if (this.stopping) return { expired: [], resumed: [], recovered: [], cardsRetried: [] };
    return this.tracked(async () => {
      const expired = await expireDue(this.pool);
      const waiting = [...(await listProposals(this.pool, { statuses: ['approved', 'executing'] })), ...(await listUntold(this.pool, new Date(Date.now() - CATCH_UP_MS)))];
      const resumed: string[] = [];
      for (const id of new Set(waiting.map((p) => p.id))) {
        if (this.stopping) break;
        if (await carryOut(this.steps, id)) resumed.push(id);
      }
      const recovered: string[] = [];
      for (const p of await listProposals(this.pool, { statuses: ['rolling_back'] })) {
        if (this.stopping) break;
        const r = await recoverCutOff(this.pool, this.executors, p.id);
        if (!r) continue;
        await tell(this.steps, r.proposal, recoveredText(r));
        recovered.push(p.id);
      }
      const cardsRetried: string[] = [];
      const retryBefore = Date.now() - (options.cardRetryAfterMs ?? 60_000);
      for (const p of await listProposals(this.pool, { statuses: ['pending'] })) {
        if (this.stopping) break;
        if (p.cardTs !== null || Date.parse(p.createdAt) > retryBefore) continue;
        if (await sendCardOnce(this.steps, p.id, await cardRecipients(this.pool, this.config, p))) cardsRetried.push(p.id);
      }
      return { expired, resumed, recovered, cardsRetried };
    });
  }

  /** Sweeps now (finishing runs a restart cut off) and then every PENNY_REMEDIATION_SWEEP_SECONDS, until stop(). */
  startSweeping(): void {
    if (this.config.sweepEveryMs <= 0 || this.timer || this.stopping) return;
    const sweep = () => void this.sweep().catch((err: Error) => logger.warn({ err: err.message }, 'remediation sweep failed'));
    this.timer = setInterval(sweep, this.config.sweepEveryMs);
    // The process ends by stop(), or by a test that never calls it.
    this.timer.unref();
    sweep();
  }

  /**
   * Stops the sweep and new runs, and waits up to PENNY_REMEDIATION_DRAIN_SECONDS for the runs under
   * way to record their results and tell their threads. False when some were still running: the
   * next start finishes them (sent again with the same Idempotency-Key, or marked failed).
   */
  async stop(): Promise<boolean> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running.size === 0) return true;
    logger.info({ running: this.running.size, waitSeconds: this.config.drainMs / 1000 }, 'waiting for fixes under way to finish');
    const waited = new AbortController();
    const timeUp = delay(this.config.drainMs, 'time up', { signal: waited.signal }).catch(() => 'cancelled');
    try {
      while (this.running.size > 0) {
        if ((await Promise.race([Promise.allSettled([...this.running]), timeUp])) === 'time up') {
          logger.warn({ running: this.running.size }, 'fixes still running at shutdown; the next start finishes them');
          return false;
        }
      }
      return true;
    } finally {
      waited.abort();
    }
  }
}
