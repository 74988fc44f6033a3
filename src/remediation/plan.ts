/**
 * From a finding to a proposed fix: the action, its parameters, its rollback and its risk, all
 * chosen here by code from the finding's structured data (type, scope, evidence), never by a
 * model and never from free text. Every parameter is checked against a strict pattern; a value
 * that does not fit (a model name carrying prose, say) turns the fix into a manual one instead of
 * reaching an executor. An executor that is not configured also turns it manual, with the same
 * risk: risk follows what the change does and the money it moves, not who carries it out.
 */
import { z } from 'zod';
import type { Finding } from '../findings/finding.ts';
import type { RemediationConfig } from './config.ts';

const MODEL = z.string().regex(/^[A-Za-z0-9][\w.:@/-]{0,127}$/);
const RESOURCE = z.string().regex(/^[\w.:/@+=,-]{1,512}$/);
/** Feature names are data: any printable text, used only as one literal key in the config file. */
const FEATURE = z.string().regex(/^[^\p{Cc}]{1,200}$/u);

export const ActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('switch_model'), feature: FEATURE, from: MODEL, to: MODEL }),
  z.strictObject({ kind: z.literal('stop_instance'), resourceId: RESOURCE }),
  z.strictObject({ kind: z.literal('start_instance'), resourceId: RESOURCE }),
  z.strictObject({ kind: z.literal('schedule_instance'), resourceId: RESOURCE, hoursPerWeek: z.number().int().min(1).max(167) }),
  z.strictObject({ kind: z.literal('unschedule_instance'), resourceId: RESOURCE }),
  z.strictObject({ kind: z.literal('manual'), instructions: z.string().min(1).max(3000) }),
]);
export type Action = z.infer<typeof ActionSchema>;

export type Executor = 'github-pr' | 'webhook' | 'manual';
export type Risk = 'low' | 'medium' | 'high';

export interface Plan {
  executor: Executor;
  action: Action;
  rollback: Action;
  risk: Risk;
  /** What the fix does, in one line for the card. */
  title: string;
}

/**
 * What goes wrong if the change was the wrong call: stopping something in use is an outage; a
 * cheaper model may answer worse, but it is reviewed in its pull request and undone by a revert;
 * an off-hours schedule for non-production is the smallest step. A fix with no automatic action
 * goes by its stakes alone.
 */
const ACTION_RISK: Record<Action['kind'], Risk> = {
  stop_instance: 'medium',
  start_instance: 'medium',
  switch_model: 'low',
  schedule_instance: 'low',
  unschedule_instance: 'low',
  manual: 'low',
};
const HIGHER: Record<Risk, Risk> = { low: 'medium', medium: 'high', high: 'high' };

/** The action's risk, one level higher when the fix moves at least the high-stakes amount a month. */
export function riskOf(action: Action['kind'], f: Pick<Finding, 'impactMonthly'>, config: Pick<RemediationConfig, 'highStakesMonthly'>): Risk {
  const base = ACTION_RISK[action];
  return Math.abs(f.impactMonthly) >= config.highStakesMonthly ? HIGHER[base] : base;
}

/** A fix a person carries out; `risk` is that of the change it asks for. */
function manual(f: Finding, config: RemediationConfig, note?: string, risk: Risk = riskOf('manual', f, config)): Plan {
  const instructions = note ? `${f.remediation}\n(${note})` : f.remediation;
  return {
    executor: 'manual',
    action: { kind: 'manual', instructions: instructions.slice(0, 3000) },
    rollback: { kind: 'manual', instructions: 'Undo the change by hand; Penny changed nothing itself.' },
    risk,
    title: `Manual fix: ${f.title}`,
  };
}

function switchModel(f: Finding, config: RemediationConfig): Plan {
  const parsed = z.object({ feature: FEATURE, from: MODEL, to: MODEL }).safeParse({ feature: f.scope.feature, from: f.scope.model, to: f.evidence.alternative });
  const risk = riskOf('switch_model', f, config);
  if (!parsed.success) return manual(f, config, 'the feature or model names do not fit an automatic change', risk);
  if (!config.github) return manual(f, config, 'no repository configured for pull requests (PENNY_REMEDIATION_REPO)', risk);
  const { feature, from, to } = parsed.data;
  return {
    executor: 'github-pr',
    action: { kind: 'switch_model', feature, from, to },
    rollback: { kind: 'switch_model', feature, from: to, to: from },
    risk,
    title: `Switch ${feature} from ${from} to ${to} in ${config.github.owner}/${config.github.repo}:${config.github.file}`,
  };
}

function webhookAction(f: Finding, config: RemediationConfig, kind: 'stop' | 'schedule'): Plan {
  const risk = riskOf(kind === 'stop' ? 'stop_instance' : 'schedule_instance', f, config);
  const resource = RESOURCE.safeParse(f.scope.resource_id);
  if (!resource.success) return manual(f, config, 'the resource id does not fit an automatic change', risk);
  if (!config.webhook) return manual(f, config, 'no automation webhook configured (PENNY_REMEDIATION_WEBHOOK_URL)', risk);
  const resourceId = resource.data;
  if (kind === 'stop') {
    return { executor: 'webhook', action: { kind: 'stop_instance', resourceId }, rollback: { kind: 'start_instance', resourceId }, risk, title: `Stop ${resourceId}` };
  }
  const hours = Math.round(f.expected ?? 60);
  if (!(hours >= 1 && hours <= 167)) return manual(f, config, 'the working-hours schedule is out of range', risk);
  return {
    executor: 'webhook',
    action: { kind: 'schedule_instance', resourceId, hoursPerWeek: hours },
    rollback: { kind: 'unschedule_instance', resourceId },
    risk,
    title: `Run ${resourceId} on a ${hours}-hour weekly schedule`,
  };
}

/** The fix for a finding. Types without a safe automatic action get a manual one. */
export function planFor(f: Finding, config: RemediationConfig): Plan {
  switch (f.type) {
    case 'premium_model':
      return switchModel(f, config);
    case 'idle_compute':
      return webhookAction(f, config, 'stop');
    case 'nonprod_always_on':
      return webhookAction(f, config, 'schedule');
    default:
      return manual(f, config);
  }
}
