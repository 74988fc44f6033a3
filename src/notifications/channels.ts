/**
 * A workflow's channels (`notify.channels` in workflows/*.yaml): after a scan run, its open
 * findings go to each channel in one message, sent as owner alerts are (send.ts), so a finding
 * reaches a channel once per period however often the workflow runs, and one whose post failed
 * goes with the next run.
 */
import type pg from 'pg';
import type { Finding } from '../findings/finding.ts';
import type { Deliverer } from './deliverer.ts';
import { addCounts, noCounts, sendAlerts, withAlertsLock, type SendCounts } from './send.ts';
import { settlePendingClaims } from './settle.ts';

export async function notifyChannels(pool: pg.Pool, deliverer: Deliverer, channels: string[], findings: Finding[], now: Date): Promise<SendCounts> {
  const total = noCounts();
  // Acknowledged, snoozed and dismissed findings are someone's already.
  const open = findings.filter((f) => f.status === 'open');
  if (open.length === 0 || channels.length === 0) return total;
  // Waits for an owner alerts run rather than skipping: a daily workflow would post a day late.
  await withAlertsLock(pool, true, async () => {
    await settlePendingClaims(pool, deliverer);
    for (const channel of channels) addCounts(total, await sendAlerts(pool, deliverer, channel, open, now));
  });
  return total;
}
