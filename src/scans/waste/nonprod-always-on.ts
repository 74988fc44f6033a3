/**
 * Non-production environments running around the clock: hour-billed compute and databases whose
 * environment (the `environment` tag, else the sub-account's name) is dev, staging, test… and
 * that ran nearly 24 hours on nearly every day of the window, weekends included. Savings: the run
 * rate beyond a working-hours schedule (`scheduledHoursPerWeek` of 168).
 */
import type { FindingDraft } from '../../findings/finding.ts';
import { money } from '../format.ts';
import { columnSql, scanQuery } from '../sql.ts';
import { monthly, utcDay, type WasteCheck } from './context.ts';

const TEAM = columnSql('team', 'cloud');
const ENV = columnSql('environment', 'cloud');

const HOUR_UNITS = '^(hrs?|hours?|1 hour|instance-?hours?)$';
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const nonprodAlwaysOn: WasteCheck = async ({ pool, asOf, from, params }) => {
  const envs = params.nonProdEnvironments.map((e) => e.toLowerCase());
  const inName = `(^|[^a-z])(${envs.map(escapeRegex).join('|')})([^a-z]|$)`;
  const { rows } = await scanQuery(
    pool,
    `with r as (
       select resource_id, billing_currency as currency, ${utcDay('charge_period_start')} as day, sum(consumed_quantity) as hours, sum(effective_cost) as cost,
              min(coalesce(lower(${ENV}), case when sub_account_name ~* $4 then lower(sub_account_name) end)) as env,
              min(service_name) as service_name, min(sku_id) as sku_id, min(${TEAM}) as team, min(sub_account_name) as account
         from cost_lines
        where charge_period_start >= $1::timestamptz and charge_period_start < $2::timestamptz and resource_id is not null
          and service_category in ('Compute', 'Databases') and consumed_unit ~* $5
        group by 1, 2, 3)
     select resource_id, currency, min(env) as env, min(service_name) as service_name, min(sku_id) as sku_id, min(team) as team, min(account) as account,
            count(*)::int as days, count(*) filter (where hours >= $6)::int as full_days,
            count(*) filter (where extract(isodow from day) >= 6)::int as weekend_days,
            count(*) filter (where extract(isodow from day) >= 6 and hours >= $6)::int as weekend_full,
            sum(cost)::float8 as cost
       from r
      where env = any($3) or env ~* $4
      group by resource_id, currency
     having count(*) >= $7`,
    [from, asOf, envs, inName, HOUR_UNITS, params.alwaysOnHours, params.alwaysOnMinDays],
  );
  const share = 1 - params.scheduledHoursPerWeek / 168;
  const drafts: FindingDraft[] = [];
  for (const r of rows) {
    if (r.full_days < params.alwaysOnShare * r.days || r.weekend_days === 0 || r.weekend_full < params.alwaysOnShare * r.weekend_days) continue;
    const runRate = monthly(r.cost, r.days);
    const impact = runRate * share;
    if (impact < params.minMonthly) continue;
    drafts.push({
      type: 'nonprod_always_on',
      scope: { resource_id: r.resource_id },
      title: `${r.env} ${r.resource_id.split(/[/:]/).pop()} (${r.sku_id ?? r.service_name}) runs 24/7, weekends included: ${money(runRate, r.currency)}/month`,
      expected: params.scheduledHoursPerWeek,
      actual: 168,
      unit: 'hours/week',
      impactMonthly: impact,
      currency: r.currency,
      evidence: {
        environment: r.env,
        account: r.account,
        service: r.service_name,
        sku: r.sku_id,
        team: r.team,
        daysBilled: r.days,
        daysAround24h: r.full_days,
        weekendDays: r.weekend_days,
        runRateMonthly: Number(runRate.toFixed(2)),
        basis: `running ${params.scheduledHoursPerWeek} of 168 hours a week (a working-hours schedule) saves ${Math.round(share * 100)} % of its run rate`,
      },
      remediation: `Schedule it to run in working hours only (e.g. AWS Instance Scheduler, GCP instance schedules, Azure auto-shutdown), or stop it when the ${r.env} environment is idle.`,
      ownerScope: r.team ? { team: r.team } : undefined,
    });
  }
  return drafts;
};
