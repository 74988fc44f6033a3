/**
 * A report to each of its channels (by #name or id), then its follow-ups (the chart) in the
 * message's thread. A channel that fails does not stop the others; when none could be reached the
 * run fails with the channel's reasons, so `penny workflows` shows why. The scheduler runs each
 * slot once, so a report is not posted twice for one period.
 */
import { logger } from '../log/logger.ts';
import type { Deliverer } from './deliverer.ts';
import type { ReportMessage } from './message.ts';
import { alertsSent } from './metrics.ts';

export interface BroadcastResult {
  posted: number;
  charts: number;
  failed: number;
}

export async function broadcast(deliverer: Deliverer, channels: readonly string[], message: ReportMessage): Promise<BroadcastResult> {
  const result: BroadcastResult = { posted: 0, charts: 0, failed: 0 };
  const errors: string[] = [];
  for (const channel of channels) {
    let posted;
    try {
      posted = await deliverer.post(channel, message);
    } catch (err) {
      result.failed++;
      errors.push(`${channel}: ${deliverer.reason(err)}`);
      logger.error({ err, channel }, `could not post the ${message.kind}`);
      continue;
    }
    result.posted++;
    alertsSent.inc({ kind: message.kind });
    try {
      result.charts += await deliverer.followUp(posted, message);
    } catch (err) {
      logger.warn({ err, channel }, `the ${message.kind} chart could not be uploaded`);
    }
  }
  if (result.posted === 0 && errors.length) throw new Error(`the weekly ${message.kind} could not be posted to any channel (${errors.join('; ')})`);
  return result;
}
