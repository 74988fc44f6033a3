/**
 * Feedback on a finding, as the alerting and Slack layers give it: "expected", "not an anomaly" or
 * "planned". The finding is dismissed; for an anomaly the feedback also becomes a stored
 * suppression rule (src/scans/anomaly/feedback.ts) for the same type and scope, so later runs stay
 * quiet on the same pattern while a much larger change still gets through:
 * - planned: changes in the same direction starting within the episode and a week after it;
 * - expected: changes in the same direction up to 1.5 × this one's relative size;
 * - not an anomaly: changes in the same direction up to this one's relative size.
 */
import type pg from 'pg';
import type { Feedback, Finding } from '../findings/finding.ts';
import { giveFeedback, listFindings, FindingNotFound } from '../findings/store.ts';
import type { SuppressionRule } from './anomaly/feedback.ts';
import { DAILY_TYPE, HOURLY_TYPE } from './anomaly/scan.ts';
import { addDays } from './sql.ts';

export function suppressionRule(f: Finding, feedback: Feedback): SuppressionRule | undefined {
  if (f.type !== DAILY_TYPE && f.type !== HOURLY_TYPE) return undefined;
  const e = f.evidence as { start: string; end: string; direction: 'spike' | 'drop'; relative: number | null };
  // JSON has no Infinity: a change from nothing is stored as null, and only a date window fits it.
  const relative = typeof e.relative === 'number' ? Math.abs(e.relative) : undefined;
  if (feedback === 'planned' || relative === undefined) {
    return { from: e.start, to: f.type === DAILY_TYPE ? addDays(e.end.slice(0, 10), 7) : addDays(e.end.slice(0, 10), 1), direction: e.direction };
  }
  return { direction: e.direction, upToRelative: feedback === 'expected' ? relative * 1.5 : relative };
}

export async function recordFeedback(pool: pg.Pool, fingerprint: string, feedback: Feedback, options: { note?: string; by?: string } = {}): Promise<Finding> {
  const [finding] = await listFindings(pool, { fingerprints: [fingerprint] });
  if (!finding) throw new FindingNotFound(`no finding ${fingerprint}`);
  const rule = suppressionRule(finding, feedback);
  return giveFeedback(pool, fingerprint, feedback, { ...options, rule: rule && { ...rule } });
}
