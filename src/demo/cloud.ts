/**
 * The demo company's cloud bill as FOCUS 1.2 CSV files, one per provider and billing month, as
 * providers deliver them: daily charge rows per resource with weekly seasonality, slow growth and
 * noise, plus the planted spike.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { ACCOUNTS, CLOUD_RESOURCES, SPIKE, type CloudResource } from './company.ts';
import { jitter, seeded } from './random.ts';
import { DAY_MS, isoDay } from '../schema/days.ts';

const HEADER = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ConsumedQuantity',
  'ConsumedUnit',
  'PricingQuantity',
  'PricingUnit',
  'InvoiceIssuerName',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SubAccountId',
  'SubAccountName',
  'Tags',
];

const monthStart = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), 1);
const nextMonth = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth() + 1, 1);

function subAccount(r: CloudResource): readonly [string, string] {
  const accounts = ACCOUNTS[r.provider].subAccounts;
  return r.environment === 'staging' || r.environment === 'dev' ? (accounts[1] ?? accounts[0]) : accounts[0];
}

/** Daily cost of a resource: weekday pattern, 0.15 %/day growth, noise and the planted spike. */
export function dailyCost(r: CloudResource, dayMs: number, endMs: number, rand: () => number): number {
  const weekday = new Date(dayMs).getUTCDay();
  const seasonal = weekday === 0 || weekday === 6 ? r.weekend : 1;
  const daysBeforeEnd = Math.round((endMs - dayMs) / DAY_MS);
  const growth = Math.pow(1.0015, -daysBeforeEnd);
  const spike = r.resourceId === SPIKE.resourceId && daysBeforeEnd <= SPIKE.daysBeforeEnd ? SPIKE.factor : 1;
  return r.daily * seasonal * growth * jitter(rand, 0.06) * spike;
}

/**
 * Writes the FOCUS files for the days [start, end] into `dir` and returns their paths.
 * `end` is the last day with data (UTC midnight).
 */
export async function writeCloudExports(dir: string, startMs: number, endMs: number, seed = 7): Promise<string[]> {
  const rand = seeded(seed);
  const files = new Map<string, (string | number)[][]>();
  for (let day = startMs; day <= endMs; day += DAY_MS) {
    const periodStart = monthStart(day);
    for (const r of CLOUD_RESOURCES) {
      const account = ACCOUNTS[r.provider];
      const [subId, subName] = subAccount(r);
      const effective = dailyCost(r, day, endMs, rand);
      const list = effective * (r.provider === 'AWS' && r.category === 'Compute' ? 1.28 : 1.0);
      const quantity = r.unit.includes('Hour') || r.unit === 'Hrs' ? 24 : Math.round(effective * 40 * 1000) / 1000;
      const tags = r.team ? JSON.stringify({ team: r.team, environment: r.environment, 'cost-center': `cc-${r.team}` }) : '';
      const key = `${r.provider === 'Google Cloud' ? 'gcp' : r.provider.toLowerCase()}-${isoDay(periodStart).slice(0, 7)}`;
      const rows = files.get(key) ?? [];
      rows.push([
        effective.toFixed(10),
        effective.toFixed(10),
        list.toFixed(10),
        effective.toFixed(10),
        account.billingAccountId,
        account.billingAccountName,
        'USD',
        `${isoDay(periodStart)}T00:00:00Z`,
        `${isoDay(nextMonth(day))}T00:00:00Z`,
        `${isoDay(day)}T00:00:00Z`,
        `${isoDay(day + DAY_MS)}T00:00:00Z`,
        'Usage',
        '',
        `${r.sku} usage of ${r.service}`,
        'Usage-Based',
        quantity,
        r.unit,
        quantity,
        r.unit,
        account.invoiceIssuer,
        r.provider,
        account.invoiceIssuer,
        r.region,
        r.region,
        r.resourceId,
        r.resourceId.split(/[/:]/).pop()!,
        r.resourceType,
        r.category,
        r.service,
        r.sku,
        subId,
        subName,
        tags,
      ]);
      files.set(key, rows);
    }
  }
  const written: string[] = [];
  for (const [name, rows] of files) {
    const file = path.join(dir, `focus-${name}.csv`);
    await fs.writeFile(file, Papa.unparse({ fields: HEADER, data: rows }) + '\n');
    written.push(file);
  }
  return written;
}
