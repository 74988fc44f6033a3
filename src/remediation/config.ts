/**
 * Remediation settings, read from the environment and validated with zod: where approval cards
 * go, how long a proposal waits, the sweep and the wait for fixes under way at shutdown, the
 * four-eyes rule, when a fix's stakes raise its risk, and the executors' targets (GitHub repository
 * and config file, webhook URL and secret), plus the FinOps admins and GitHub token from
 * src/config/env.ts. A wrong value fails with the variable's name; an executor without its
 * settings is simply not offered (the proposal is manual).
 */
import { z } from 'zod';
import { ConfigError, loadEnv } from '../config/env.ts';

const optional = z.string().trim().min(1).optional();

const Schema = z
  .object({
    /** The channel approval cards go to (C… or #name); without it, the owner's DM. */
    PENNY_APPROVALS_CHANNEL: z
      .string()
      .trim()
      .regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{6,})$/, 'a Slack channel (#name or C…)')
      .optional(),
    PENNY_REMEDIATION_EXPIRY_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(72),
    /** How often `penny start` expires overdue proposals, resumes stalled ones and sends unsent cards; 0 turns it off. */
    PENNY_REMEDIATION_SWEEP_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
    /** How long `penny start`, when told to stop, waits for fixes under way to record their results. */
    PENNY_REMEDIATION_DRAIN_SECONDS: z.coerce.number().min(0).max(3600).default(25),
    /** Who the four-eyes rule binds: the requester of a high-risk fix (default), of any fix, or nobody. */
    PENNY_FOUR_EYES: z.enum(['high', 'all', 'off']).default('high'),
    /** A fix moving at least this much a month (in its finding's currency) is one risk level higher. */
    PENNY_REMEDIATION_HIGH_STAKES_MONTHLY: z.coerce.number().positive().default(1000),
    /** owner/name of the repository whose config file a github-pr fix edits. */
    PENNY_REMEDIATION_REPO: z
      .string()
      .trim()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name')
      .optional(),
    /** Path of the YAML or JSON config file in that repository. */
    PENNY_REMEDIATION_FILE: z
      .string()
      .trim()
      .regex(/^[^/].*\.(ya?ml|json)$/i, 'a relative path to a .yaml, .yml or .json file')
      .optional(),
    /** Where a feature's model sits in that file; {feature} is replaced by the feature's name. */
    PENNY_REMEDIATION_MODEL_KEY: z
      .string()
      .trim()
      .regex(/^[^.]+(\.[^.]+)*$/, 'dot-separated keys')
      .default('features.{feature}.model'),
    /** Branch pull requests target; the repository's default branch when unset. */
    PENNY_REMEDIATION_BASE_BRANCH: optional,
    PENNY_REMEDIATION_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    PENNY_REMEDIATION_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    /** Link to Penny (or the finding's page) put in pull requests. */
    PENNY_PUBLIC_URL: z.url().optional(),
  })
  .refine((c) => !c.PENNY_REMEDIATION_WEBHOOK_URL === !c.PENNY_REMEDIATION_WEBHOOK_SECRET, {
    path: ['PENNY_REMEDIATION_WEBHOOK_SECRET'],
    message: 'PENNY_REMEDIATION_WEBHOOK_URL and PENNY_REMEDIATION_WEBHOOK_SECRET go together',
  })
  .refine((c) => !c.PENNY_REMEDIATION_REPO === !c.PENNY_REMEDIATION_FILE, {
    path: ['PENNY_REMEDIATION_FILE'],
    message: 'PENNY_REMEDIATION_REPO and PENNY_REMEDIATION_FILE go together',
  });

export interface RemediationConfig {
  admins: string[];
  approvalsChannel: string | null;
  expiryMs: number;
  sweepEveryMs: number;
  drainMs: number;
  fourEyes: 'high' | 'all' | 'off';
  highStakesMonthly: number;
  github: { token: string | undefined; apiUrl: string; owner: string; repo: string; file: string; modelKey: string; baseBranch: string | null } | null;
  webhook: { url: string; secret: string } | null;
  publicUrl: string | null;
}

export function loadRemediationConfig(source: NodeJS.ProcessEnv = process.env): RemediationConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Schema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const c = parsed.data;
  // Admins and the GitHub token are Penny-wide settings (src/config/env.ts).
  const env = loadEnv(source);
  const [owner, repo] = c.PENNY_REMEDIATION_REPO?.split('/') ?? [];
  return {
    admins: env.PENNY_ADMINS,
    approvalsChannel: c.PENNY_APPROVALS_CHANNEL ?? null,
    expiryMs: c.PENNY_REMEDIATION_EXPIRY_HOURS * 3_600_000,
    sweepEveryMs: c.PENNY_REMEDIATION_SWEEP_SECONDS * 1000,
    drainMs: c.PENNY_REMEDIATION_DRAIN_SECONDS * 1000,
    fourEyes: c.PENNY_FOUR_EYES,
    highStakesMonthly: c.PENNY_REMEDIATION_HIGH_STAKES_MONTHLY,
    github:
      owner && repo && c.PENNY_REMEDIATION_FILE
        ? {
            token: env.GITHUB_TOKEN,
            apiUrl: env.GITHUB_API_URL,
            owner,
            repo,
            file: c.PENNY_REMEDIATION_FILE,
            modelKey: c.PENNY_REMEDIATION_MODEL_KEY,
            baseBranch: c.PENNY_REMEDIATION_BASE_BRANCH ?? null,
          }
        : null,
    webhook: c.PENNY_REMEDIATION_WEBHOOK_URL && c.PENNY_REMEDIATION_WEBHOOK_SECRET ? { url: c.PENNY_REMEDIATION_WEBHOOK_URL, secret: c.PENNY_REMEDIATION_WEBHOOK_SECRET } : null,
    publicUrl: c.PENNY_PUBLIC_URL ?? null,
  };
}
