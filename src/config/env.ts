/**
 * The environment, validated once with zod. A wrong value fails at start with the variable's name
 * and what was expected, instead of surfacing later as a confusing runtime error.
 */
import { z } from 'zod';
import { DEFAULT_ATTRIBUTION_KEYS, parseAttributionKeys, type AttributionKeys } from '../schema/attribution.ts';

const optionalString = z.string().trim().min(1).optional().catch(undefined);

/** A GitHub login, or an app's bot login `<slug>[bot]`. */
export const GitHubLogin = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/, 'a GitHub login such as penny-bot, or an app bot login such as my-app[bot]');

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'a postgres:// or postgresql:// connection URL');

const attributionKeys = z
  .string()
  .transform((spec, ctx): AttributionKeys => {
    try {
      return parseAttributionKeys(spec);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  })
  .default(DEFAULT_ATTRIBUTION_KEYS);

const EnvSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  PENNY_HOME: z.string().trim().min(1).default('.penny'),
  PENNY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Statement timeout of the queries behind questions and pull-request reviews. */
  PENNY_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** `auto`: `penny start` seeds the demo company into an empty database. */
  // auto: seed the demo company into an empty embedded database only, never into a user's own server.
  PENNY_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Folder of the scheduled workflows (*.yaml), relative to the working directory. */
  PENNY_WORKFLOWS_DIR: z.string().trim().min(1).default('workflows'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.url().optional(),
  PENNY_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  /**
   * How the tools' schemas reach the model: `refs` writes the filter shape once and refers to it
   * (fewer prompt tokens), `inline` writes it out wherever it is used, for servers that drop
   * `$defs` (some self-hosted ones); `auto` refers on OpenAI and Azure OpenAI, inlines elsewhere.
   */
  PENNY_TOOL_SCHEMA: z.enum(['auto', 'refs', 'inline']).default('auto'),
  /** Longer questions are declined before any planning or model call (a model bills every character). */
  PENNY_MAX_QUESTION_CHARS: z.coerce.number().int().min(100).max(40_000).default(4000),
  /** Ask conversations (follow-up context per Slack thread) nobody added to for this many days are deleted. */
  PENNY_CONVERSATION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Tag keys per attribution dimension, `team=team,squad;customer=tenant_id`; unnamed dimensions keep the defaults. */
  PENNY_ATTRIBUTION_KEYS: attributionKeys,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  /** Slack Web API base URL (a proxy, or a local fake in tests). */
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  /** How long one Slack request (Web API, response_url, file upload) may take before it is given up. */
  PENNY_SLACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** FinOps admins, who see all spend in Slack: Slack user ids or emails, comma separated. */
  PENNY_ADMINS: z
    .string()
    .transform((v) =>
      v
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((a) => (a.includes('@') ? a.toLowerCase() : a)),
    )
    .default([]),
  /**
   * What a non-admin sees when asking in Slack: `team`, only the costs of the teams whose owners
   * name them (enforced in the query's SQL); `all`, everything, as FinOps admins do.
   */
  PENNY_VISIBILITY: z.enum(['team', 'all']).default('team'),
  /** Where unowned findings and escalations go: #name or a channel id. */
  PENNY_FINOPS_CHANNEL: optionalString,
  /** An owner gets at most one alert message per window; more findings wait and are batched. */
  PENNY_ALERT_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
  /** An unacknowledged critical finding escalates to the FinOps channel after this long. */
  PENNY_ALERT_ESCALATE_HOURS: z.coerce.number().positive().default(24),
  /** A finding is critical from this monthly impact (in its currency) up. */
  PENNY_ALERT_CRITICAL_MONTHLY: z.coerce.number().nonnegative().default(1000),
  GITHUB_TOKEN: optionalString,
  GITHUB_WEBHOOK_SECRET: optionalString,
  /** The login GITHUB_TOKEN comments as (an app's `<slug>[bot]`); unset, GitHub is asked. */
  PENNY_GITHUB_LOGIN: GitHubLogin.optional(),
  /** REST API base: GitHub Enterprise Server's `https://host/api/v3`; Actions sets it. */
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** The event file of a GitHub Actions run (`penny review-pr` reads the pull request from it). */
  GITHUB_EVENT_PATH: optionalString,
  /** `true` inside GitHub Actions (the runner sets it). */
  GITHUB_ACTIONS: optionalString,
  /** In GitHub Actions without DATABASE_URL, the Penny database `review-pr` reads history from (read only). */
  PENNY_DATABASE_URL: postgresUrl.optional(),
  /** The checkout of a GitHub Actions run; `penny review-pr` reads changed files whole from it. */
  GITHUB_WORKSPACE: optionalString,
  /** How the pull-request comment is kept when no --behavior is given (the webhook always). */
  PENNY_COMMENT_BEHAVIOR: z.enum(['update', 'new', 'delete-and-new', 'hide-and-new']).default('update'),
  /** When a pull request gets a comment (over penny.yml's `comment:`): `always`, or only when its cost goes up. */
  PENNY_COMMENT_WHEN: z.enum(['always', 'increase']).optional(),
  /** Comment only when the monthly cost goes up by more than this many USD. */
  PENNY_COMMENT_ABOVE: z.coerce.number().finite().nonnegative().optional(),
  /** `on`: reviews may ask the AWS Price List, Azure Retail Prices and Cloud Billing Catalog APIs for compute prices. */
  PENNY_PUBLIC_PRICES: z.enum(['on', 'off']).default('off'),
  PENNY_AWS_PRICING_URL: z.url().default('https://api.pricing.us-east-1.amazonaws.com'),
  PENNY_AZURE_PRICES_URL: z.url().default('https://prices.azure.com/api/retail/prices'),
  /** Regions public compute prices are asked for. */
  PENNY_AWS_PRICE_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1')
    .default('us-east-1'),
  PENNY_AZURE_PRICE_REGION: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+$/, 'an Azure region such as eastus')
    .default('eastus'),
  PENNY_GCP_BILLING_URL: z.url().default('https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus'),
  PENNY_GCP_PRICE_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]+-[a-z]+\d$/, 'a Google Cloud region such as us-central1')
    .default('us-central1'),
  /** A Google Cloud API key allowed to call the Cloud Billing Catalog API. */
  PENNY_GCP_API_KEY: optionalString,
  /** Folder of cached public prices; default $XDG_CACHE_HOME/penny or ~/.cache/penny. */
  PENNY_CACHE_DIR: optionalString,
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  AWS_SESSION_TOKEN: optionalString,
  /** Penny's own penny.yml: `repositories` maps features, teams and services to repositories (src/changes). */
  PENNY_CONFIG: z.string().trim().min(1).default('penny.yml'),
  /** Longest a scan waits for GitHub, all reads of "what changed" together. */
  PENNY_GITHUB_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment; empty strings count as unset, as shells and .env files often leave them.
 * The error is one line (`PORT: expected number, …; …`), as the CLI prints errors.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(lines.join('; '));
  }
  return parsed.data;
}
