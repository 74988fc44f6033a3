/**
 * Who is asking, for visibility: Slack user → email (users.info) → the teams whose owner rules
 * name that user id or email. FinOps admins (PENNY_ADMINS: user ids or emails) see everything;
 * so does everyone with PENNY_VISIBILITY=all, though their teams stay their own (App Home).
 * Looked up once per user per few minutes, so a burst of questions costs one users.info call.
 */
import type { webApi } from '@slack/bolt';
import type pg from 'pg';
import type { Env } from '../config/env.ts';
import type { Viewer } from '../costs/compile.ts';
import { logger } from '../log/logger.ts';
import type { SlackUser } from '../remediation/approvers.ts';
import { countSlackError } from './metrics.ts';

export interface SlackIdentity {
  userId: string;
  email: string | null;
  /** A FinOps admin. */
  admin: boolean;
  /** The teams whose owner rules name this person. */
  teams: string[];
  /** What their questions may read. */
  viewer: Viewer;
}

export type IdentityResolver = (client: webApi.WebClient, userId: string) => Promise<SlackIdentity>;

const TTL_MS = 5 * 60_000;

/** The teams whose owner rules list any of `ids` (Slack user ids, lower-case emails). */
export async function teamsOwnedBy(pool: pg.Pool, ids: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ team: string }>(`select distinct match_value as team from owner_rules where match_key = 'team' and owners && $1::text[] order by 1`, [ids]);
  return rows.map((r) => r.team);
}

export function identityResolver(pool: pg.Pool, env: Pick<Env, 'PENNY_ADMINS' | 'PENNY_VISIBILITY'>): IdentityResolver {
  const cache = new Map<string, { at: number; identity: Promise<SlackIdentity> }>();
  const adminSet = new Set(env.PENNY_ADMINS);
  const lookup = async (client: webApi.WebClient, userId: string): Promise<SlackIdentity> => {
    const info = await client.users.info({ user: userId }).catch((err) => {
      countSlackError('users.info', err);
      throw err;
    });
    const email = info.user?.profile?.email?.toLowerCase() ?? null;
    const ids = email ? [userId, email] : [userId];
    const admin = ids.some((id) => adminSet.has(id));
    const teams = await teamsOwnedBy(pool, ids);
    const seesAll = admin || env.PENNY_VISIBILITY === 'all';
    return { userId, email, admin, teams, viewer: { admin: seesAll, teams: seesAll ? [] : teams } };
  };
  return (client, userId) => {
    const hit = cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.identity;
    const identity = lookup(client, userId);
    cache.set(userId, { at: Date.now(), identity });
    identity.catch(() => cache.delete(userId));
    return identity;
  };
}

/** Who pressed a button, with the email Slack knows (owners may be listed by email); by id alone when Slack cannot say. */
export async function whoClicked(client: webApi.WebClient, id: string): Promise<SlackUser> {
  try {
    const info = await client.users.info({ user: id });
    return { id, email: info.user?.profile?.email?.toLowerCase() ?? null };
  } catch (err) {
    countSlackError('users.info', err);
    logger.warn({ user: id, err: (err as Error).message }, 'users.info failed; matching owners and approvers by user id only');
    return { id };
  }
}
