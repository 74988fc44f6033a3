/**
 * Reading "what changed" back from a stored finding's evidence (written by attach.ts), for the
 * faces that show it: the CLI table and the Slack alert. Evidence is JSON from the database, so it
 * is checked with zod; a finding without it reads as null.
 */
import { z } from 'zod';

const WithChanges = z.object({ changes: z.object({ text: z.string().min(1) }) });

export function changesText(evidence: Record<string, unknown>): string | null {
  const parsed = WithChanges.safeParse(evidence);
  return parsed.success ? parsed.data.changes.text : null;
}
