/**
 * The environment, validated once with zod. A wrong value fails at start with the variable's name
 * and what was expected, instead of surfacing later as a confusing runtime error.
 */
import { z } from 'zod';

const optionalString = z.string().trim().min(1).optional().catch(undefined);

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'a postgres:// or postgresql:// connection URL')
    .optional(),
  PENNY_HOME: z.string().trim().min(1).default('.penny'),
  PENNY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PENNY_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** `auto`: `penny start` seeds the demo company into an empty database. */
  PENNY_DEMO: z.enum(['auto', 'off']).default('auto'),
  /** Folder of the scheduled workflows (*.yaml), relative to the working directory. */
  PENNY_WORKFLOWS_DIR: z.string().trim().min(1).default('workflows'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.url().optional(),
  PENNY_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  GITHUB_TOKEN: optionalString,
  GITHUB_WEBHOOK_SECRET: optionalString,
  /** REST API base: GitHub Enterprise Server's `https://host/api/v3`; Actions sets it. */
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** The event file of a GitHub Actions run (`penny review-pr` reads the pull request from it). */
  GITHUB_EVENT_PATH: optionalString,
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; empty strings count as unset, as shells and .env files often leave them. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
