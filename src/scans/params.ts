/**
 * Parameters of each scan kind, validated with zod (workflows/ passes them from YAML): thresholds,
 * dimension sets, windows. Every field has a default a FinOps practitioner would start from, so
 * `{}` is a valid configuration; a bad value fails with the field's path.
 */
import { z } from 'zod';
import { canonicalKey } from '../schema/scope.ts';
import { NON_USAGE_KINDS } from '../costs/charge-kind.ts';

const ScopeKey = z.string().transform((k, ctx) => {
  try {
    return k === 'sku_id' ? k : canonicalKey(k);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const DimensionSet = z.object({
  /** Which spend the series sums: cloud bills, AI usage, or both (for keys both have, like team). */
  source: z.enum(['cloud', 'ai', 'all']),
  dimensions: z.array(ScopeKey).min(1).max(4),
});
export type DimensionSet = z.infer<typeof DimensionSet>;

export const DEFAULT_DAILY_SETS: DimensionSet[] = [
  { source: 'cloud', dimensions: ['service_name', 'sub_account_id'] },
  { source: 'all', dimensions: ['team'] },
  { source: 'all', dimensions: ['provider_name'] },
  { source: 'ai', dimensions: ['model', 'feature'] },
];

/** A scope's own thresholds: every key given is one its series must have, with that value. */
const ScopeThresholds = z.strictObject({
  scope: z.record(ScopeKey, z.string().min(1)).refine((s) => Object.keys(s).length > 0, 'name at least one key, e.g. { team: ml }'),
  minImpact: z.number().nonnegative().optional(),
  minRelative: z.number().nonnegative().optional(),
  hourlyMinImpact: z.number().nonnegative().optional(),
  hourlyMinRelative: z.number().nonnegative().optional(),
  minHistoryDays: z.number().int().min(8).max(90).optional(),
  minHistoryHours: z.number().int().min(24).max(192).optional(),
});

export const AnomalyParams = z.object({
  /** Daily series; [] turns them off (an hourly-only workflow). */
  daily: z.array(DimensionSet).default(DEFAULT_DAILY_SETS),
  /** Hourly series on AI usage, where a runaway agent shows within hours; [] turns them off. */
  hourly: z
    .array(ScopeKey)
    .array()
    .default([['team', 'feature']]),
  /** $ per day (daily) and relative change an anomaly must reach. */
  minImpact: z.number().nonnegative().default(25),
  minRelative: z.number().nonnegative().default(0.2),
  hourlyMinImpact: z.number().nonnegative().default(5),
  hourlyMinRelative: z.number().nonnegative().default(1),
  zThreshold: z.number().positive().default(4),
  /**
   * Also run the change-point test (CUSUM) on hourly series: it finds smaller level shifts that
   * build up over hours, at the price of more alerts (`npm run bench:anomaly` prints both).
   */
  hourlyChangePoint: z.boolean().default(false),
  /**
   * Also run the window-sum test on hourly series: a burst that shows only in three hours added
   * up (bursty spend), at the price of a little precision (`npm run bench:anomaly` prints both).
   */
  hourlyWindowSum: z.boolean().default(false),
  /**
   * Days of history a daily series needs before it is judged (Vantage waits for more than 12):
   * a younger series is listed as too young instead of alerting on its first weeks.
   */
  minHistoryDays: z.number().int().min(8).max(90).default(13),
  /**
   * Hours of history an hourly series needs before it is judged: three days give each hour of
   * the day a baseline of its own. A younger series is listed as too young, as a daily one is.
   */
  minHistoryHours: z.number().int().min(24).max(192).default(72),
  /**
   * Thresholds for some scopes, as AWS Cost Anomaly Detection sets them per monitor: e.g.
   * `{ scope: { team: ml }, minImpact: 200, minRelative: 0.5 }`. A series takes the entry whose
   * scope it matches with the most keys (the first listed among equals); unset fields, the above.
   */
  thresholds: z.array(ScopeThresholds).default([]),
  drops: z.boolean().default(false),
  /** Days of history read for the baselines (8 weeks of seasonality plus the drift lookback). */
  historyDays: z.number().int().min(28).max(400).default(91),
  /** Anomalies that started within these last days, or are still running, are findings. */
  reportDays: z.number().int().min(1).max(60).default(7),
  reportHours: z.number().int().min(1).max(168).default(24),
  /** Root cause is computed for the largest anomalies only (each costs one query). */
  rootCauseLimit: z.number().int().min(0).max(200).default(10),
  /**
   * Cloud charges that are not usage are left out of the series, as AWS Cost Anomaly Detection
   * does: a reserved-instance purchase, a tax line or a credit is not a usage anomaly. List the
   * kinds a workflow wants watched anyway (purchase, tax, credit, adjustment, correction,
   * unused_commitment, marketplace).
   */
  includeCharges: z.array(z.enum(NON_USAGE_KINDS)).default([]),
});

export const WASTE_CHECKS = [
  'idle_compute',
  'no_utilisation',
  'unused_commitment',
  'nonprod_always_on',
  'untagged_spend',
  'premium_model',
  'prompt_caching',
  'agent_loop',
  'oversized_context',
  'failed_calls',
] as const;
export type WasteCheckName = (typeof WASTE_CHECKS)[number];

export const WasteParams = z.object({
  checks: z.array(z.enum(WASTE_CHECKS)).default([...WASTE_CHECKS]),
  /** The window each check looks at: the days before as-of. */
  windowDays: z.number().int().min(7).max(90).default(30),
  /** Findings worth less than this per month are left out. */
  minMonthly: z.number().nonnegative().default(5),
  /** Idle: the 95th percentile of the busiest metric stays below this percent. */
  idlePercent: z.number().min(0).max(100).default(10),
  /** Tags whose absence makes spend unaccountable. */
  requiredTag: z.string().min(1).default('team'),
  /** Environments that need not run around the clock (tag `environment`, or in the sub-account name). */
  nonProdEnvironments: z.array(z.string().min(1)).default(['dev', 'development', 'staging', 'stage', 'test', 'qa', 'sandbox', 'uat']),
  /** Hours a scheduled non-production resource runs per week (12 h × 5 days). */
  scheduledHoursPerWeek: z.number().min(0).max(168).default(60),
  /** Always on: billed at least this many hours on a day counts as running all day… */
  alwaysOnHours: z.number().min(1).max(24).default(20),
  /** …on at least this share of its days and of its weekend days… */
  alwaysOnShare: z.number().positive().max(1).default(0.9),
  /** …over at least this many billed days. */
  alwaysOnMinDays: z.number().int().min(1).max(90).default(7),
  /** Classification-like calls: average output tokens at most this. */
  shortOutputTokens: z.number().positive().default(16),
  /** A cheaper model must cost at most this share of the current one to be suggested. */
  cheaperAtMost: z.number().positive().max(1).default(0.5),
  /** Premium model: at most this share of calls may return over twice `shortOutputTokens`… */
  premiumLongShare: z.number().min(0).max(1).default(0.1),
  /** …over at least this many calls in the window. */
  premiumMinCalls: z.number().int().min(1).default(100),
  /** Tag keys that carry a hash of a call's fixed prompt prefix. */
  prefixTagKeys: z.array(z.string().min(1)).default(['prompt_prefix_hash', 'gen_ai.prompt.prefix_hash', 'prompt.prefix_hash']),
  /** Provider prompt-cache lifetime, in minutes: a call within it after the previous one can hit. */
  cacheTtlMinutes: z.number().positive().default(5),
  /** Prompt caching: calls with one prefix in the window before it is a finding… */
  cachingMinCalls: z.number().int().min(1).default(20),
  /** …reading less than this share of their input from the cache… */
  cachingMaxCachedShare: z.number().min(0).max(1).default(0.1),
  /** …with the shared prefix taken as this share of the 5th-percentile input. */
  cachingPrefixShare: z.number().positive().max(1).default(0.9),
  /** Agent loops: calls or tokens per task above this multiple of the feature's 95th percentile. */
  loopFactor: z.number().min(1).default(4),
  /** Tasks a feature needs in the baseline for a norm, and looping tasks for a finding. */
  loopMinBaselineTasks: z.number().int().min(1).default(20),
  loopMinTasks: z.number().int().min(1).default(3),
  /** Recent days compared with the baseline before them (agent loops, oversized context). */
  recentDays: z.number().int().min(1).max(30).default(7),
  baselineDays: z.number().int().min(7).max(90).default(28),
  /** Oversized context: input per call up by this share while output moved less than `flatOutput`. */
  inputGrowth: z.number().positive().default(0.5),
  flatOutput: z.number().positive().default(0.15),
  /** Oversized context: calls a feature needs in the baseline and in the recent days for a verdict. */
  contextMinBaseCalls: z.number().int().min(1).default(50),
  contextMinRecentCalls: z.number().int().min(1).default(20),
});

export const BudgetParams = z.object({
  /** Days of daily history the weekday run rate is taken from. */
  runRateDays: z.number().int().min(7).max(91).default(28),
  unitEconomics: z
    .object({
      /** Cost per successful task above `riseFactor` × its baseline is margin erosion. */
      riseFactor: z.number().min(1).default(1.5),
      recentDays: z.number().int().min(1).max(30).default(7),
      baselineDays: z.number().int().min(7).max(90).default(28),
      /** Minimum successful tasks in each window for a verdict. */
      minTasks: z.number().int().min(1).default(20),
      /** Price per task per feature in USD ("what the customer pays"): a cost above it is a finding. */
      maxCostPerTask: z.record(z.string(), z.number().positive()).default({}),
    })
    .default({ riseFactor: 1.5, recentDays: 7, baselineDays: 28, minTasks: 20, maxCostPerTask: {} }),
});

export const ScanParams = z.object({
  anomaly: AnomalyParams.default(AnomalyParams.parse({})),
  waste: WasteParams.default(WasteParams.parse({})),
  budget: BudgetParams.default(BudgetParams.parse({})),
});
export type ScanParams = z.input<typeof ScanParams>;
export type ResolvedParams = z.output<typeof ScanParams>;
export type AnomalyParams = z.output<typeof AnomalyParams>;
export type WasteParams = z.output<typeof WasteParams>;
export type BudgetParams = z.output<typeof BudgetParams>;
