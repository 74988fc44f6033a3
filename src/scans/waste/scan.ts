/**
 * The waste scan: runs the configured checks (one module each) over the same window, one after
 * the other so they do not compete for the database's cores.
 */
import type pg from 'pg';
import type { FindingDraft } from '../../findings/finding.ts';
import { logger } from '../../log/logger.ts';
import type { WasteCheckName, WasteParams } from '../params.ts';
import { agentLoop } from './agent-loop.ts';
import { wasteContext, type WasteCheck } from './context.ts';
import { failedCalls } from './failed-calls.ts';
import { idleCompute } from './idle-compute.ts';
import { noUtilisation } from './no-utilisation.ts';
import { nonprodAlwaysOn } from './nonprod-always-on.ts';
import { oversizedContext } from './oversized-context.ts';
import { premiumModel } from './premium-model.ts';
import { promptCaching } from './prompt-caching.ts';
import { unusedCommitment } from './unused-commitment.ts';
import { untaggedSpend } from './untagged.ts';

export const WASTE_CHECK_MODULES: Record<WasteCheckName, WasteCheck> = {
  idle_compute: idleCompute,
  no_utilisation: noUtilisation,
  unused_commitment: unusedCommitment,
  nonprod_always_on: nonprodAlwaysOn,
  untagged_spend: untaggedSpend,
  premium_model: premiumModel,
  prompt_caching: promptCaching,
  agent_loop: agentLoop,
  oversized_context: oversizedContext,
  failed_calls: failedCalls,
};

export async function scanWaste(pool: pg.Pool, asOf: string, params: WasteParams): Promise<FindingDraft[]> {
  const ctx = wasteContext(pool, asOf, params);
  const drafts: FindingDraft[] = [];
  for (const name of params.checks) {
    const t0 = Date.now();
    const found = await WASTE_CHECK_MODULES[name](ctx);
    logger.debug({ check: name, findings: found.length, ms: Date.now() - t0 }, 'waste check done');
    drafts.push(...found);
  }
  return drafts;
}
