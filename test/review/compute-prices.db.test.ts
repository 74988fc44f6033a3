/**
 * Where compute prices come from, in order: the organisation's own FOCUS data (ContractedUnitPrice,
 * else ListUnitPrice, of the type's hourly usage lines), then the public price APIs (fake AWS Price
 * List and Azure Retail Prices servers over loopback, opt-in, cached with their date), then the
 * table. Each comment line names its source and date; an unreachable API falls back to the table.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { priceLookup } from '../../src/review/compute-prices/lookup.ts';
import type { PublicPriceOptions } from '../../src/review/compute-prices/public-prices.ts';
import { parseConfig } from '../../src/review/config.ts';
import { emptyHistory } from '../../src/review/history.ts';
import { priceTable } from '../../src/review/instance-prices.ts';
import { renderComment } from '../../src/review/render.ts';
import { reviewDiff } from '../../src/review/review.ts';
import { diffOf, GKE_T4_POOL } from '../support/diffs.ts';
import { fileDb } from '../support/file-db.ts';
import { CORE_FOCUS_HEADER, writeCsv } from '../support/focus-sample.ts';
import { startFakePriceApis, type FakePriceApis } from '../support/price-apis.ts';

const AS_OF = '2026-01-20';
const HOURS = 730;
const db = fileDb();

const HEADER = [...CORE_FOCUS_HEADER, 'ListUnitPrice', 'ContractedUnitPrice', 'PricingUnit', 'RegionId', 'SkuId', 'SkuMeter', 'ChargeDescription'];
/** One hour of usage: [day, provider, service, list, contracted, region, sku meter, description]. */
type Line = [string, string, string, string, string, string, string, string];
const csvRow = ([day, provider, service, list, contracted, region, meter, description]: Line) => [
  '111122223333',
  'USD',
  '2026-01-01',
  '2026-02-01',
  `2026-01-${day}T05:00:00Z`,
  `2026-01-${day}T06:00:00Z`,
  'Usage',
  provider,
  service,
  contracted === '0' ? list : contracted,
  contracted === '0' ? list : contracted,
  list,
  contracted,
  provider === 'Microsoft' ? '1 Hour' : 'Hours',
  region,
  `SKU-${day}-${meter || 'x'}`,
  meter,
  description,
];

beforeAll(async () => {
  const lines: Line[] = [
    // A negotiated rate for g5.12xlarge; the newer Windows line (licence included) must not win.
    ['15', 'AWS', 'Amazon Elastic Compute Cloud', '5.672', '3.9', 'us-east-1', '', '$5.672 per On Demand Linux g5.12xlarge Instance Hour'],
    ['18', 'AWS', 'Amazon Elastic Compute Cloud', '7.9', '7.9', 'us-east-1', '', '$7.90 per On Demand Windows g5.12xlarge Instance Hour'],
    // No contracted price (0): the list price.
    ['10', 'AWS', 'Amazon Elastic Compute Cloud', '24.48', '0', 'us-east-1', '', '$24.48 per On Demand Linux p3.16xlarge Instance Hour'],
    // Azure names the size in SkuMeter.
    ['12', 'Microsoft', 'Virtual Machines', '3.06', '2.5', 'eastus', 'NC6s v3', 'NC6s v3 - Virtual Machines'],
    // Google names a GPU in its description.
    ['14', 'Google Cloud', 'Compute Engine', '0.35', '0.3', 'us-central1', '', 'Nvidia Tesla T4 GPU running in Americas'],
    // A data-transfer line naming no machine type.
    ['16', 'AWS', 'Amazon Elastic Compute Cloud', '0.09', '0', 'us-east-1', '', '$0.09 per GB - first 10 TB / month data transfer out'],
  ];
  await loadFocusFile(db.t.pool, await writeCsv(db.dir, 'compute.csv', HEADER, lines.map(csvRow)));
});

const config = parseConfig('features: []');
const review = (diff: string, o: { pool?: boolean; public?: PublicPriceOptions } = {}) =>
  reviewDiff({
    diff,
    config,
    history: emptyHistory(AS_OF),
    asOf: AS_OF,
    prices: priceLookup({ ...(o.pool !== false ? { pool: db.t.pool } : {}), asOf: AS_OF, timeoutMs: 5000, ...(o.public ? { public: o.public } : {}) }),
  });

const TRAINER = diffOf(
  'infra/train.tf',
  1,
  `
resource "aws_instance" "trainer" {
  ami           = data.aws_ami.deep_learning.id
-  instance_type = "p3.16xlarge"
+  instance_type = "g5.12xlarge"
+  count         = 2
  subnet_id     = var.private_subnet_id
 }
`,
);

describe('own prices from FOCUS data', () => {
  it('prices a change at the organisation’s contracted rate, else its list rate, naming each source and date', async () => {
    const r = await review(TRAINER);
    expect(r.items).toHaveLength(1);
    const item = r.items[0]!;
    expect(item).toMatchObject({ before: '1× p3.16xlarge', after: '2× g5.12xlarge', basis: 'own prices' });
    expect(item.monthlyDelta).toBeCloseTo((2 * 3.9 - 24.48) * HOURS, 2);
    expect(item.note).toContain('(p3.16xlarge: own FOCUS data, ListUnitPrice in us-east-1, 2026-01-10; g5.12xlarge: own FOCUS data, ContractedUnitPrice in us-east-1, 2026-01-15)');
    expect(r.priceTable).toBeNull();
    expect(renderComment(r)).toContain('| −$12,176.40 | own prices |');
  });

  it('an Azure size is found by its meter name; a type the data lacks comes from the table, and the line says both', async () => {
    const r = await review(
      diffOf(
        'infra/vm.tf',
        1,
        `
resource "azurerm_linux_virtual_machine" "inference" {
  count               = 2
  resource_group_name = azurerm_resource_group.ml.name
  location            = "eastus"
-  size                = "Standard_NC4as_T4_v3"
+  size                = "Standard_NC6s_v3"
  admin_username      = "ops"
 }
`,
      ),
    );
    const item = r.items[0]!;
    expect(item.monthlyDelta).toBeCloseTo(2 * (2.5 - priceTable().instance('Standard_NC4as_T4_v3')!) * HOURS, 2);
    expect(item.basis).toBe('price table');
    expect(item.note).toContain(`(Standard_NC4as_T4_v3: price table, ${priceTable().date}; Standard_NC6s_v3: own FOCUS data, ContractedUnitPrice in eastus, 2026-01-12)`);
    expect(r.priceTable).not.toBeNull();
  });

  it('a GPU named in a Google charge description is priced from own data, the machine type the data lacks is named', async () => {
    const r = await review(GKE_T4_POOL);
    expect(r.items[0]).toMatchObject({ unpriced: ['n1-standard-16'], basis: 'own prices' });
    expect(r.items[0]!.monthlyDelta).toBeCloseTo(2 * 0.3 * HOURS, 2);
    expect(r.items[0]!.note).toMatch(/\(own FOCUS data, ContractedUnitPrice in us-central1, 2026-01-14\)$/);
  });
});

describe('public price APIs', () => {
  let apis: FakePriceApis;
  let options: PublicPriceOptions;
  beforeAll(async () => {
    apis = await startFakePriceApis();
    apis.aws.set('us-east-1|g6e.12xlarge', 10.1);
    apis.azure.set('eastus|Standard_NC24ads_A100_v4', 3.5);
    apis.gcp.set('N1 Predefined Instance Core running in Americas', 0.031611);
    apis.gcp.set('N1 Predefined Instance Ram running in Americas', 0.004237);
    apis.gcp.set('Nvidia Tesla T4 GPU attached to Spot Preemptible VMs running in Americas', 0.14);
    apis.gcp.set('Nvidia Tesla T4 GPU running in Americas', 0.35);
    options = {
      today: '2026-01-19',
      timeoutMs: 5000,
      cacheDir: path.join(db.dir, 'cache'),
      aws: { url: apis.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } },
      azure: { url: apis.azureUrl, region: 'eastus' },
      gcp: { url: apis.gcpUrl, region: 'us-central1', apiKey: 'gcp-test-key' },
    };
  });
  afterAll(async () => apis?.close());

  const GPU_POOLS = diffOf(
    'infra/gpu.tf',
    1,
    `
resource "aws_instance" "render" {
-  instance_type = "g5.12xlarge"
+  instance_type = "g6e.12xlarge"
 }
resource "azurerm_linux_virtual_machine" "trainer" {
-  size = "Standard_NC6s_v3"
+  size = "standard_nc24ads_a100_v4"
 }
`,
  );

  it('prices what own data lacks from the APIs, dated and cached; the next review reads the cache', async () => {
    const r = await review(GPU_POOLS, { public: options });
    const by = (address: string) => r.items.find((i) => i.note.startsWith(address))!;
    expect(by('aws_instance.render').monthlyDelta).toBeCloseTo((10.1 - 3.9) * HOURS, 2);
    expect(by('aws_instance.render').note).toContain('g6e.12xlarge: AWS Price List API, us-east-1 on-demand Linux, fetched 2026-01-19');
    expect(by('aws_instance.render').basis).toBe('public prices');
    expect(by('azurerm_linux_virtual_machine.trainer').monthlyDelta).toBeCloseTo((3.5 - 2.5) * HOURS, 2);
    expect(by('azurerm_linux_virtual_machine.trainer').note).toContain('standard_nc24ads_a100_v4: Azure Retail Prices API, eastus on-demand Linux, fetched 2026-01-19');
    // Only what own data did not price was asked, Azure in its own spelling.
    expect(apis.requests).toEqual([
      { api: 'aws', type: 'g6e.12xlarge' },
      { api: 'azure', type: 'Standard_NC24ads_A100_v4' },
    ]);
    const cached = JSON.parse(await fs.readFile(path.join(db.dir, 'cache', 'compute-prices.json'), 'utf8'));
    expect(Object.values(cached.prices)).toEqual([
      { hourly: 10.1, fetched: '2026-01-19' },
      { hourly: 3.5, fetched: '2026-01-19' },
    ]);

    const again = await review(GPU_POOLS, { public: { ...options, today: '2026-01-22' } });
    expect(apis.requests).toHaveLength(2);
    expect(again.items.map((i) => i.monthlyDelta)).toEqual(r.items.map((i) => i.monthlyDelta));
    expect(again.items[0]!.note).toContain('fetched 2026-01-19');
  });

  it('Google prices a machine type by its cores and memory from the whole catalog; the GPU keeps the own price', async () => {
    const r = await review(GKE_T4_POOL, { public: { ...options, cacheDir: path.join(db.dir, 'gcp-cache') } });
    const item = r.items[0]!;
    // n1-standard-16: 16 vCPUs and 60 GiB; n1-standard-8: 8 and 30.
    expect(item.monthlyDelta).toBeCloseTo((8 * 0.031611 + 30 * 0.004237 + 2 * 0.3) * HOURS, 2);
    expect(item.unpriced).toBeUndefined();
    expect(item.basis).toBe('public prices');
    expect(item.note).toContain(
      '(n1-standard-8: Cloud Billing Catalog API, us-central1 on-demand Linux, fetched 2026-01-19; n1-standard-16: Cloud Billing Catalog API, us-central1 on-demand Linux, fetched 2026-01-19; nvidia-tesla-t4: own FOCUS data, ContractedUnitPrice in us-central1, 2026-01-14)',
    );
    expect(apis.requests.filter((q) => q.api === 'gcp').map((q) => q.type)).toEqual(['page 0', 'page 1']);
    // Without own data, the GPU's on-demand SKU (not its Spot one) prices it; the machine types come from the cache.
    const noDb = await review(GKE_T4_POOL, { pool: false, public: { ...options, cacheDir: path.join(db.dir, 'gcp-cache') } });
    expect(noDb.items[0]!.monthlyDelta).toBeCloseTo((8 * 0.031611 + 30 * 0.004237 + 2 * 0.35) * HOURS, 2);
  });

  it('without a database the APIs come first; unreachable APIs leave the table to price, and the review still succeeds', async () => {
    const offline = {
      ...options,
      cacheDir: path.join(db.dir, 'offline-cache'),
      aws: { ...options.aws, url: 'http://127.0.0.1:9/aws/' },
      azure: { ...options.azure, url: 'http://127.0.0.1:9/azure/' },
    };
    const r = await review(TRAINER, { pool: false, public: offline });
    expect(r.items[0]).toMatchObject({ basis: 'price table' });
    expect(r.items[0]!.monthlyDelta).toBeCloseTo((2 * priceTable().instance('g5.12xlarge')! - priceTable().instance('p3.16xlarge')!) * HOURS, 2);
    expect(r.items[0]!.note).toContain(`(price table, ${priceTable().date})`);
  });
});
