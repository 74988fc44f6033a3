/**
 * On-demand Linux hourly prices of EC2 instance types from the AWS Price List Query API
 * (`AWSPriceListService.GetProducts`, signed with the caller's AWS credentials; the API answers in
 * us-east-1 for every region). Filtered to shared tenancy, no pre-installed software and used
 * capacity, so one product is the plain on-demand price; answers are checked with zod.
 */
import { z } from 'zod';
import { signedHeaders, type AwsCredentials } from './sigv4.ts';

const Answer = z.object({ PriceList: z.array(z.string()).default([]) });
const Product = z.object({
  terms: z.object({
    OnDemand: z.record(z.string(), z.object({ priceDimensions: z.record(z.string(), z.object({ unit: z.string(), pricePerUnit: z.object({ USD: z.string() }) })) })).default({}),
  }),
});

export interface AwsPriceListOptions {
  url: string;
  region: string;
  credentials: AwsCredentials;
  timeoutMs: number;
  now?: Date;
}

/** USD per hour, or undefined when the API lists no such product in the region. */
export async function awsHourlyPrice(instanceType: string, o: AwsPriceListOptions): Promise<number | undefined> {
  const match = (Field: string, Value: string) => ({ Type: 'TERM_MATCH', Field, Value });
  const body = JSON.stringify({
    ServiceCode: 'AmazonEC2',
    FormatVersion: 'aws_v1',
    MaxResults: 10,
    Filters: [
      match('instanceType', instanceType),
      match('regionCode', o.region),
      match('operatingSystem', 'Linux'),
      match('tenancy', 'Shared'),
      match('preInstalledSw', 'NA'),
      match('capacitystatus', 'Used'),
      match('licenseModel', 'No License required'),
    ],
  });
  const url = new URL(o.url);
  const headers = signedHeaders({
    url,
    body,
    service: 'pricing',
    region: 'us-east-1',
    credentials: o.credentials,
    now: o.now ?? new Date(),
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSPriceListService.GetProducts' },
  });
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs) });
  if (!res.ok) throw new Error(`AWS Price List API answered ${res.status} for ${instanceType}`);
  for (const text of Answer.parse(await res.json()).PriceList) {
    for (const term of Object.values(Product.parse(JSON.parse(text)).terms.OnDemand)) {
      for (const d of Object.values(term.priceDimensions)) {
        const usd = Number(d.pricePerUnit.USD);
        if (/^hrs?$/i.test(d.unit) && usd > 0) return usd;
      }
    }
  }
  return undefined;
}
