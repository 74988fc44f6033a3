/**
 * Fake public price APIs on 127.0.0.1: the AWS Price List Query API (`GetProducts`, answering
 * products in AWS's PriceList shape, and refusing requests without a SigV4 authorization header)
 * the Azure Retail Prices API (`$filter` on armSkuName and armRegionName, answering Items) and the
 * Cloud Billing Catalog API (Compute Engine SKUs, two per page, for an API key).
 * Prices are set per instance type and region; every request is recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePriceApis {
  awsUrl: string;
  azureUrl: string;
  gcpUrl: string;
  /** Compute Engine SKUs: description → USD per unit, offered on demand in us-central1. */
  gcp: Map<string, number>;
  /** `${region}|${instanceType}` → USD per hour. */
  aws: Map<string, number>;
  /** `${armRegionName}|${armSkuName}` → USD per hour (Linux; a Windows and a Spot meter are answered beside it). */
  azure: Map<string, number>;
  requests: Array<{ api: 'aws' | 'azure' | 'gcp'; type: string }>;
  close(): Promise<void>;
}

interface Filter {
  Field: string;
  Value: string;
}

function awsProduct(type: string, region: string, usd: number): string {
  const sku = `SKU${type.replace(/\W/g, '').toUpperCase()}`;
  return JSON.stringify({
    product: { productFamily: 'Compute Instance', attributes: { instanceType: type, regionCode: region, operatingSystem: 'Linux' }, sku },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          priceDimensions: { [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { unit: 'Hrs', pricePerUnit: { USD: usd.toFixed(10) }, description: `$${usd} per On Demand Linux ${type} Instance Hour` } },
        },
      },
    },
  });
}

export async function startFakePriceApis(): Promise<FakePriceApis> {
  const aws = new Map<string, number>();
  const azure = new Map<string, number>();
  const gcp = new Map<string, number>();
  const requests: FakePriceApis['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, doc: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      if (url.pathname === '/aws/' && req.method === 'POST') {
        if (
          req.headers['x-amz-target'] !== 'AWSPriceListService.GetProducts' ||
          !/^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/pricing\/aws4_request, SignedHeaders=[\w;-]+, Signature=[0-9a-f]{64}$/.test(String(req.headers.authorization))
        ) {
          return json(403, { message: 'Missing Authentication Token' });
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Filters: Filter[] };
        const field = (name: string) => body.Filters.find((f) => f.Field === name)?.Value ?? '';
        const type = field('instanceType');
        requests.push({ api: 'aws', type });
        const usd = aws.get(`${field('regionCode')}|${type}`);
        return json(200, { FormatVersion: 'aws_v1', PriceList: usd === undefined ? [] : [awsProduct(type, field('regionCode'), usd)] });
      }
      if (url.pathname === '/azure/' && req.method === 'GET') {
        const filter = url.searchParams.get('$filter') ?? '';
        const sku = /armSkuName eq '([^']+)'/.exec(filter)?.[1] ?? '';
        const region = /armRegionName eq '([^']+)'/.exec(filter)?.[1] ?? '';
        requests.push({ api: 'azure', type: sku });
        const usd = azure.get(`${region}|${sku}`);
        const item = (retailPrice: number, skuName: string, productName: string) => ({
          currencyCode: 'USD',
          retailPrice,
          unitPrice: retailPrice,
          armRegionName: region,
          armSkuName: sku,
          skuName,
          productName,
          unitOfMeasure: '1 Hour',
          type: 'Consumption',
          serviceName: 'Virtual Machines',
        });
        const name = sku.replace(/^Standard_/, '').replace(/_/g, ' ');
        return json(200, {
          BillingCurrency: 'USD',
          Items:
            usd === undefined
              ? []
              : [
                  item(usd * 1.4, name, `Virtual Machines ${name} Series Windows`),
                  item(usd * 0.2, `${name} Spot`, `Virtual Machines ${name} Series`),
                  item(usd, name, `Virtual Machines ${name} Series`),
                ],
          NextPageLink: null,
          Count: usd === undefined ? 0 : 3,
        });
      }
      if (url.pathname === '/gcp/skus' && req.method === 'GET') {
        if (url.searchParams.get('key') !== 'gcp-test-key') return json(403, { error: { code: 403, message: 'API key not valid.' } });
        const page = Number(url.searchParams.get('pageToken') || 0);
        requests.push({ api: 'gcp', type: `page ${page}` });
        const all = [...gcp].map(([description, usd], i) => ({
          name: `services/6F81-5844-456A/skus/SKU-${i}`,
          skuId: `SKU-${i}`,
          description,
          category: { serviceDisplayName: 'Compute Engine', resourceFamily: 'Compute', resourceGroup: 'N1Standard', usageType: 'OnDemand' },
          serviceRegions: ['us-central1'],
          pricingInfo: [
            { pricingExpression: { usageUnit: 'h', tieredRates: [{ startUsageAmount: 0, unitPrice: { currencyCode: 'USD', units: String(Math.floor(usd)), nanos: Math.round((usd % 1) * 1e9) } }] } },
          ],
        }));
        const next = (page + 1) * 2 < all.length ? String(page + 1) : '';
        return json(200, { skus: all.slice(page * 2, page * 2 + 2), nextPageToken: next });
      }
      json(404, { message: `no ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { awsUrl: `${base}/aws/`, azureUrl: `${base}/azure/`, gcpUrl: `${base}/gcp/skus`, aws, azure, gcp, requests, close: () => new Promise((r) => server.close(() => r())) };
}
