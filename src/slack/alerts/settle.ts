/**
 * Settles the owner alert claims an earlier run left pending: Slack did not answer the post in
 * time, or the process stopped between Slack taking it and Postgres recording it. Each alert
 * message carries its claim's token as Slack message metadata, so the channel's history since the
 * claim says whether it was posted: found, the rows are marked sent with that message's ts and
 * nothing is posted again; not found (or the channel cannot be read: a #name, or a history call
 * that fails), the claim is released and the alert is sent again, so nothing is lost. Runs under
 * the alerts lock, so every pending claim it sees is from a run that has ended.
 */
import type { webApi } from '@slack/bolt';
import type pg from 'pg';
import { z } from 'zod';
import { logger } from '../../log/logger.ts';
import { slackCall } from '../metrics.ts';
import { markSent, pendingClaims, releaseClaims, type PendingClaim } from './store.ts';

const ALERT_EVENT = 'penny_alert';

/** Channel ids whose history can be read (a #name cannot be). */
const IS_CHANNEL_ID = /^[CDG][A-Z0-9]{6,}$/;
/** Pages of history looked through: a DM holds few messages since one claim. */
const PAGES = 5;
/** Slack's clock and Penny's may differ a little. */
const SKEW_S = 60;

// What Slack returns is read through a schema: other apps' metadata may be in the channel too.
const AlertMetadata = z.object({ event_type: z.literal(ALERT_EVENT), event_payload: z.object({ claim: z.string() }) });

/** The message metadata that marks a post as the one of claim `token`. */
export function alertMetadata(token: string): webApi.ChatPostMessageArguments['metadata'] {
  return { event_type: ALERT_EVENT, event_payload: { claim: token } };
}

/** The ts of the message of claim `token` in `channel` since `since`, or null. */
async function findPosted(client: webApi.WebClient, channel: string, token: string, since: Date): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const res = await slackCall('conversations.history', () =>
      client.conversations.history({ channel, oldest: String(Math.floor(since.getTime() / 1000) - SKEW_S), include_all_metadata: true, limit: 200, cursor }),
    );
    const found = res.messages?.find((m) => AlertMetadata.safeParse(m.metadata).data?.event_payload.claim === token);
    if (found?.ts) return found.ts;
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return null;
  }
  return null;
}

async function postedTs(client: webApi.WebClient, c: PendingClaim): Promise<string | null> {
  if (!c.token || !c.channel || !IS_CHANNEL_ID.test(c.channel)) return null;
  try {
    return await findPosted(client, c.channel, c.token, c.claimedAt);
  } catch (err) {
    logger.warn({ err, channel: c.channel }, 'could not read the channel to see whether an alert was posted; sending it again');
    return null;
  }
}

export async function settlePendingClaims(pool: pg.Pool, client: webApi.WebClient): Promise<{ found: number; released: number }> {
  const settled = { found: 0, released: 0 };
  for (const c of await pendingClaims(pool)) {
    const ts = await postedTs(client, c);
    if (ts && c.channel) {
      await markSent(pool, c.keys, c.channel, ts, c.claimedAt);
      settled.found++;
    } else {
      await releaseClaims(pool, c.keys);
      settled.released++;
    }
  }
  return settled;
}
