/**
 * One entry of an owner map, validated with zod the same way whether it came from YAML or CSV:
 * a single scope key = value, the people who own it (Slack user ids or emails) and an optional
 * escalation channel. Issue paths name the field, so a problem can point at the line to fix.
 */
import { z } from 'zod';
import { canonicalKey, ScopeError } from '../schema/scope.ts';

const SLACK_USER = /^[UW][A-Z0-9]{6,}$/; // W…: Enterprise Grid user ids
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
const SLACK_CHANNEL_NAME = /^#[a-z0-9][a-z0-9._-]{0,79}$/; // Slack names are lower case, at most 80 characters
const email = z.email();

/** A Slack user id as is, or an email in lower case (Slack looks emails up case-insensitively). */
const Owner = z
  .string()
  .trim()
  .refine((v) => SLACK_USER.test(v) || email.safeParse(v).success, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a Slack user id (U…) or an email address`,
  })
  .transform((v) => (v.includes('@') ? v.toLowerCase() : v));

export const Channel = z
  .string()
  .trim()
  .refine((v) => SLACK_CHANNEL_NAME.test(v) || SLACK_CHANNEL_ID.test(v), {
    error: (issue) => `${JSON.stringify(issue.input)} is not a Slack channel (#name or C…)`,
  });

/** Empty cells and YAML's empty values mean "not given". */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const Match = z.record(z.string(), z.string()).transform((match, ctx) => {
  const entries = Object.entries(match);
  if (entries.length !== 1) {
    ctx.addIssue({ code: 'custom', message: `must name exactly one key, got ${entries.length}` });
    return z.NEVER;
  }
  const [rawKey, rawValue] = entries[0]!;
  if (!rawKey.trim()) {
    ctx.addIssue({ code: 'custom', message: 'has no key' });
    return z.NEVER;
  }
  let key: string;
  try {
    key = canonicalKey(rawKey);
  } catch (err) {
    if (!(err instanceof ScopeError)) throw err;
    ctx.addIssue({ code: 'custom', message: err.message });
    return z.NEVER;
  }
  const value = rawValue.trim();
  if (!value) {
    ctx.addIssue({ code: 'custom', path: [rawKey], message: 'has an empty value' });
    return z.NEVER;
  }
  return { key, value };
});

/** Owners as a YAML list, or one string separated by `;`, `,` or spaces (the CSV form). */
const Owners = z
  .union([z.string().transform((s) => s.split(/[;,\s]+/).filter(Boolean)), z.array(z.string())])
  .pipe(z.array(Owner).min(1, 'lists no one'))
  .transform((list) => [...new Set(list)]);

export interface OwnerEntry {
  key: string;
  value: string;
  owners: string[];
  escalation: string | null;
}

export const OwnerEntrySchema = z
  .strictObject({
    match: Match,
    owners: Owners,
    escalation: z.preprocess(blankToUndefined, Channel.optional()),
  })
  .transform((e): OwnerEntry => ({ ...e.match, owners: e.owners, escalation: e.escalation ?? null }));

/** The top level of a YAML owner file; entries are validated one by one to report each problem. */
export const OwnerFileSchema = z.strictObject({
  owners: z.preprocess(blankToUndefined, z.array(z.unknown()).default([])),
  default_channel: z.preprocess(blankToUndefined, Channel.optional()),
});
