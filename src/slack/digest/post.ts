/**
 * Posts the weekly digest to each of its channels (by #name or id), then the chart into the
 * message's thread through files.uploadV2 (which needs the channel id Slack answered with). A
 * channel that fails does not stop the others; when none could be reached the run fails with
 * Slack's reasons, so `penny workflows` shows why. The scheduler runs each slot once, so a
 * digest is not posted twice for one week.
 */
import type { webApi } from '@slack/bolt';
import type pg from 'pg';
import { chartFor } from '../../charts/choose.ts';
import { logger } from '../../log/logger.ts';
import { renderChartPng } from '../chart-renderer.ts';
import { alertsSent, slackCall } from '../metrics.ts';
import { buildDigest, type DigestOptions } from './build.ts';
import { digestMessage } from './view.ts';

export interface DigestResult {
  posted: number;
  charts: number;
  failed: number;
}

const slackError = (err: unknown) => (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;

export async function postDigest(pool: pg.Pool, client: webApi.WebClient, channels: readonly string[], options: DigestOptions): Promise<DigestResult> {
  const digest = await buildDigest(pool, options);
  const message = digestMessage(digest);
  const chart = chartFor(digest.byTeam);
  const png = chart ? await renderChartPng(chart) : null;
  const result: DigestResult = { posted: 0, charts: 0, failed: 0 };
  const errors: string[] = [];
  for (const channel of channels) {
    let posted;
    try {
      posted = await slackCall('chat.postMessage', () => client.chat.postMessage({ channel, ...message, unfurl_links: false }));
    } catch (err) {
      result.failed++;
      errors.push(`${channel}: ${slackError(err)}`);
      logger.error({ err, channel }, 'could not post the weekly digest');
      continue;
    }
    result.posted++;
    alertsSent.inc({ kind: 'digest' });
    if (!png || !chart) continue;
    try {
      await slackCall('files.uploadV2', () =>
        client.filesUploadV2({ channel_id: posted.channel ?? channel, thread_ts: posted.ts!, file: png, filename: 'penny-weekly-digest.png', title: chart.title }),
      );
      result.charts++;
    } catch (err) {
      logger.warn({ err, channel }, 'the digest chart could not be uploaded');
    }
  }
  if (result.posted === 0 && errors.length) throw new Error(`the weekly digest could not be posted to any channel (${errors.join('; ')})`);
  return result;
}
