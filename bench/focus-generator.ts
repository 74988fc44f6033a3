/**
 * Writes a deterministic synthetic FOCUS 1.2 CSV: hourly usage rows over one billing month for a
 * few providers, accounts, services, regions and tagged resources. Same seed, same bytes.
 */
import { LineWriter } from '../src/demo/line-writer.ts';
import { seeded as rng } from '../src/demo/random.ts';

export const BENCH_COLUMNS = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
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
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'Tags',
];

const SERVICES = [
  ['Amazon Elastic Compute Cloud', 'Compute', 'Hrs'],
  ['Amazon Simple Storage Service', 'Storage', 'GB-Mo'],
  ['Amazon Relational Database Service', 'Databases', 'Hrs'],
  ['AWS Lambda', 'Compute', 'Requests'],
  ['Amazon CloudFront', 'Networking', 'GB'],
  ['Amazon DynamoDB', 'Databases', 'ReadRequestUnits'],
  ['Amazon SageMaker', 'AI and Machine Learning', 'Hrs'],
  ['Elastic Load Balancing', 'Networking', 'LCU-Hrs'],
] as const;
const REGIONS = [
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-west-2', 'US West (Oregon)'],
  ['eu-west-1', 'Europe (Ireland)'],
] as const;
const TEAMS = ['search', 'checkout', 'platform', 'data', 'ml'];
const ENVS = ['prod', 'staging', 'dev'];

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Writes `rows` rows for September 2026 to `file`. Empty fields are nulls. */
export async function writeFocusCsv(file: string, rows: number, seed = 42): Promise<void> {
  const rand = rng(seed);
  const out = new LineWriter(file);
  await out.write(BENCH_COLUMNS.join(','));
  const hours = 30 * 24;
  for (let i = 0; i < rows; i++) {
    const [service, category, unit] = SERVICES[Math.floor(rand() * SERVICES.length)]!;
    const [region, regionName] = REGIONS[Math.floor(rand() * REGIONS.length)]!;
    const account = String(100000000000 + Math.floor(rand() * 12));
    const resource = `arn:aws:${service.split(' ').pop()!.toLowerCase()}:${region}:${account}:r-${Math.floor(rand() * 5000).toString(16)}`;
    const hour = Math.floor((i / rows) * hours);
    const start = new Date(Date.UTC(2026, 8, 1) + hour * 3_600_000);
    const end = new Date(start.getTime() + 3_600_000);
    const qty = (rand() * 10).toFixed(6);
    const unitPrice = (0.001 + rand() * 0.5).toFixed(6);
    const list = (Number(qty) * Number(unitPrice)).toFixed(10);
    const effective = (Number(list) * (0.7 + rand() * 0.3)).toFixed(10);
    const tags =
      rand() < 0.8 ? JSON.stringify({ team: TEAMS[Math.floor(rand() * TEAMS.length)], environment: ENVS[Math.floor(rand() * ENVS.length)], application: `app-${Math.floor(rand() * 40)}` }) : '{}';
    const row = [
      `${region}${'abc'[Math.floor(rand() * 3)]}`,
      effective,
      account,
      `Account ${account.slice(-2)}`,
      'USD',
      '2026-10-01T00:00:00Z',
      '2026-09-01T00:00:00Z',
      'Usage',
      '',
      `${service} usage in ${regionName}`,
      'Usage-Based',
      end.toISOString().replace('.000', ''),
      start.toISOString().replace('.000', ''),
      '',
      '',
      '',
      '',
      '',
      qty,
      unit,
      list,
      unitPrice,
      effective,
      'Amazon Web Services, Inc.',
      list,
      unitPrice,
      'Standard',
      qty,
      unit,
      'AWS',
      'Amazon Web Services, Inc.',
      region,
      regionName,
      resource,
      '',
      'Resource',
      category,
      service,
      `SKU${Math.floor(rand() * 900)}`,
      `SKU${Math.floor(rand() * 900)}.PRICE`,
      account,
      `Account ${account.slice(-2)}`,
      tags,
    ];
    await out.write(row.map(csvField).join(','));
  }
  await out.close();
}
