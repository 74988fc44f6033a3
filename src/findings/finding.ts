/**
 * What a scan produces (a FindingDraft) and what the store holds (a Finding). Drafts are checked
 * with zod at the edge between the scans and the store, so a check that computes NaN or an empty
 * title fails its run loudly instead of writing a broken row.
 */
import { z } from 'zod';

export const SCAN_KINDS = ['anomaly', 'waste', 'budget'] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

export const FINDING_STATUSES = ['open', 'acknowledged', 'snoozed', 'resolved', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FEEDBACK = ['expected', 'not_an_anomaly', 'planned'] as const;
export type Feedback = (typeof FEEDBACK)[number];

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const FindingDraftSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** The dimensions the finding concerns, in the scope vocabulary of src/schema/scope.ts. */
  scope: z.record(z.string().min(1), z.string().min(1)),
  /** Extra fingerprint part for dated situations: a budget period, an anomaly's first day. */
  key: z.string().min(1).optional(),
  title: z.string().min(1),
  expected: finite.nullable(),
  actual: finite.nullable(),
  unit: z.string().min(1).nullable(),
  /** Money at stake per month, in `currency`; savings when the check can act on it. */
  impactMonthly: finite,
  currency: z.string().regex(/^[A-Z]{3}$/),
  evidence: z.record(z.string(), z.unknown()),
  remediation: z.string().min(1),
  /** Extra key = values to look owners up by (a likely team for untagged spend). */
  ownerScope: z.record(z.string(), z.string()).optional(),
});
export type FindingDraft = z.infer<typeof FindingDraftSchema>;

export interface Finding {
  fingerprint: string;
  kind: ScanKind;
  type: string;
  scope: Record<string, string>;
  title: string;
  expected: number | null;
  actual: number | null;
  unit: string | null;
  impactMonthly: number;
  currency: string;
  evidence: Record<string, unknown>;
  remediation: string;
  status: FindingStatus;
  snoozedUntil: string | null;
  feedback: Feedback | null;
  /** Why, and who gave the feedback (a Slack user id, or a name from the CLI). */
  feedbackNote: string | null;
  feedbackBy: string | null;
  ownerHint: string | null;
  firstSeen: string;
  lastSeen: string;
  firstAsOf: string;
  lastAsOf: string;
  resolvedAt: string | null;
}
