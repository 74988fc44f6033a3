/**
 * What a workflows/*.yaml file says: when a job runs (cron in a time zone), which job with which
 * parameters, and who hears about what it finds. The schema is strict, so a misspelt field is an
 * error naming it rather than a setting silently ignored.
 */
import cron from 'node-cron';
import { z } from 'zod';
import { isTimeZone } from './slots.ts';

/** Every job a workflow may name; one is usable when a module has registered it (see jobs.ts). */
export const JOB_NAMES = ['anomaly', 'waste', 'budget', 'digest', 'alerts'] as const;
export type JobName = (typeof JOB_NAMES)[number];

const FIELD_LABELS: Record<string, string> = {
  second: 'second',
  minute: 'minute',
  hour: 'hour',
  dayOfMonth: 'day of month',
  month: 'month',
  dayOfWeek: 'day of week',
};

const CronSchema = z
  .string()
  .trim()
  .min(1)
  .superRefine((expression, ctx) => {
    const checked = cron.validateDetailed(expression);
    for (const e of checked.errors) {
      const what = FIELD_LABELS[e.field];
      ctx.addIssue({
        code: 'custom',
        message: what ? `"${e.value}" is not a valid ${what} in "${expression}" (cron: [second] minute hour day-of-month month day-of-week)` : `"${expression}" is not a cron expression: ${e.message}`,
      });
    }
  });

/** Slack channel by name (#finops-alerts) or id (C0123ABCD). */
const ChannelSchema = z
  .string()
  .trim()
  .regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{6,})$/, 'a Slack channel: #name (lowercase) or a channel id such as C0123ABCD');

const NotifySchema = z.strictObject({
  /** Direct-message the owners (from the owner map) of whatever each finding concerns. */
  owners: z.boolean().default(false),
  channels: z.array(ChannelSchema).default([]),
});

export const WorkflowSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, - and _, starting with a letter or digit'),
  description: z.string().trim().min(1).optional(),
  schedule: CronSchema,
  timezone: z.string().trim().default('UTC').refine(isTimeZone, { message: 'an IANA time zone such as UTC, Europe/Berlin or America/New_York' }),
  job: z.enum(JOB_NAMES, { message: `one of ${JOB_NAMES.join(', ')}` }),
  params: z.record(z.string(), z.unknown()).default({}),
  notify: NotifySchema.default({ owners: false, channels: [] }),
  enabled: z.boolean().default(true),
});

export type Workflow = z.infer<typeof WorkflowSchema>;
export type Notify = z.infer<typeof NotifySchema>;
