/**
 * What an executor is: something that carries out an approved proposal's action (phase 'apply')
 * or its rollback (phase 'rollback') and returns what it did, for the audit log and the card's
 * thread. Executors must be safe to call again for the same proposal and phase (a run cut off by
 * a restart is sent again, within 24 hours of its first send): the GitHub one finds its branch and
 * pull request, the webhook sends the same Idempotency-Key, which its receiver must honour. What
 * they return or throw goes to Slack and the append-only audit log, so it must carry no secret.
 */
import type { Proposal } from '../store.ts';

export type Phase = 'apply' | 'rollback';

export interface ExecutionResult {
  /** One line for people: "Opened acme/app#12". */
  summary: string;
  url?: string;
  [key: string]: unknown;
}

export interface ActionExecutor {
  run(p: Proposal, phase: Phase): Promise<ExecutionResult>;
}
