/**
 * What an executor is: something that carries out an approved proposal's action (phase 'apply')
 * or its rollback (phase 'rollback') and returns what it did, for the audit log and the card's
 * thread. Executors must be safe to call again for the same proposal and phase (a retry after a
 * crash): the GitHub one finds its branch and pull request, the webhook sends an idempotency key.
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
