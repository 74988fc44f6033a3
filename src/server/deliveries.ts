/**
 * Handling each inbound delivery once across replicas. Slack retries an Events API event it thinks
 * was missed and GitHub redelivers a webhook on request, and a load balancer may send the copy to
 * any replica, so memory of one process is not enough: the id the sender gives (Slack's event_id,
 * GitHub's X-GitHub-Delivery) is inserted into inbound_deliveries, and only the process whose
 * insert lands handles the delivery. Ids are kept a day, far longer than either sender retries.
 */
import type pg from 'pg';
import { z } from 'zod';
import { logger } from '../log/logger.ts';

export type DeliverySource = 'slack' | 'github';

export interface Deliveries {
  /** True for the one process that takes this delivery; false when it was already taken. */
  claim(source: DeliverySource, id: string): Promise<boolean>;
  /** Forgets a delivery whose handling failed before it was acknowledged, so the sender's retry is handled. */
  release(source: DeliverySource, id: string): Promise<void>;
}

/** Slack event ids (`Ev…`) and GitHub delivery GUIDs are short; anything else is not a sender's id. */
export const DeliveryId = z.string().trim().min(1).max(200);

const KEEP = '1 day';
const PRUNE_EVERY_MS = 10 * 60_000;

export function deliveries(pool: pg.Pool): Deliveries {
  let prunedAt = 0;
  return {
    async claim(source, id) {
      const key = DeliveryId.parse(id);
      if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        // Off the acknowledgement's path: Slack wants its answer within 3 s, and old ids can wait.
        pool.query('delete from inbound_deliveries where received_at < now() - $1::interval', [KEEP]).catch((err: unknown) => logger.warn({ err }, 'could not prune old delivery ids'));
      }
      const { rowCount } = await pool.query('insert into inbound_deliveries (source, id) values ($1, $2) on conflict do nothing', [source, key]);
      return rowCount === 1;
    },
    async release(source, id) {
      await pool.query('delete from inbound_deliveries where source = $1 and id = $2', [source, DeliveryId.parse(id)]);
    },
  };
}
