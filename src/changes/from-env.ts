/**
 * "What changed" as the scans get it from the environment: the repository map from PENNY_CONFIG
 * (read at each scan, so an edited penny.yml needs no restart), GitHub at GITHUB_API_URL with
 * GITHUB_TOKEN, and PENNY_GITHUB_TIMEOUT_MS for all of one scan's reads together. Requests are not
 * retried: a scan would rather say GitHub did not answer than wait for it.
 */
import type pg from 'pg';
import type { Env } from '../config/env.ts';
import type { FindingDraft } from '../findings/finding.ts';
import { githubClient } from '../github/client.ts';
import { logger } from '../log/logger.ts';
import { attachChanges } from './attach.ts';
import { loadRepositoryMap, type RepositoryMapping } from './config.ts';

export type WhatChanged = (drafts: FindingDraft[]) => Promise<FindingDraft[]>;

export function whatChangedFromEnv(env: Env, pool: pg.Pool): WhatChanged {
  return async (drafts) => {
    let map: RepositoryMapping[];
    try {
      map = await loadRepositoryMap(env.PENNY_CONFIG);
    } catch (err) {
      logger.warn({ err, file: env.PENNY_CONFIG }, 'what changed: the repository map could not be read');
      return drafts;
    }
    if (map.length === 0) return drafts;
    const octokit = env.GITHUB_TOKEN ? githubClient({ token: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL, retries: 0 }) : null;
    return attachChanges(drafts, { pool, map, octokit, timeoutMs: env.PENNY_GITHUB_TIMEOUT_MS });
  };
}
