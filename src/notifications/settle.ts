/**
 * Settles the alert claims an earlier run left pending: the channel did not answer the post in
 * time, or the process stopped between the channel taking it and Postgres recording it. Each alert
 * message carries its claim's token, so the deliverer can say whether it was posted since the
 * claim: found, the rows are marked sent with that message's reference and nothing is posted
 * again; not found (or unknowable), the claim is released and the alert is sent again, so nothing
 * is lost. Runs under the alerts lock, so every pending claim it sees is from a run that has ended.
 */
import type pg from 'pg';
import { logger } from '../log/logger.ts';
import type { Deliverer } from './deliverer.ts';
import { markSent, pendingClaims, releaseClaims, type PendingClaim } from './store.ts';

async function postedRef(deliverer: Deliverer, c: PendingClaim): Promise<string | null> {
  if (!c.token || !c.channel) return null;
  try {
    return await deliverer.findPosted(c.channel, c.token, c.claimedAt);
  } catch (err) {
    logger.warn({ err, channel: c.channel }, 'could not read the channel to see whether an alert was posted; sending it again');
    return null;
  }
}

export async function settlePendingClaims(pool: pg.Pool, deliverer: Deliverer): Promise<{ found: number; released: number }> {
  const settled = { found: 0, released: 0 };
  for (const c of await pendingClaims(pool)) {
    const ref = await postedRef(deliverer, c);
    if (ref && c.channel) {
      await markSent(pool, c.keys, c.channel, ref, c.claimedAt);
      settled.found++;
    } else {
      await releaseClaims(pool, c.keys);
      settled.released++;
    }
  }
  return settled;
}
