/**
 * Every session- or transaction-level advisory lock key Penny takes on a whole job, in one place so
 * that two jobs never share a key by accident. Per-row locks hash their own names instead.
 */
export const LOCKS = {
  migrations: 7_265_746_901,
  demoSeed: 7_265_746_902,
  usageStore: 7_265_746_903,
  slackAlerts: 7_265_746_910,
  agentCheckpoints: 7_265_746_912,
} as const;
