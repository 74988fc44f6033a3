/**
 * Pay-as-you-go Linux hourly prices of Azure VM sizes from the Azure Retail Prices API (public, no
 * sign-in): consumption meters of the size in the region, without Spot, Low Priority or Windows
 * meters. Filter values are case-sensitive, so the size is sent as Azure spells it
 * (`Standard_NC6s_v3`) whatever case the diff used. Answers are checked with zod.
 */
import { z } from 'zod';

const Answer = z.object({
  Items: z.array(z.object({ retailPrice: z.number(), unitOfMeasure: z.string(), skuName: z.string(), productName: z.string(), type: z.string().optional() })),
});

/** Standard_nc24ads_a100_v4 → Standard_NC24ads_A100_v4: Azure's spelling of a size, whatever case the diff used. */
export function azureSkuName(size: string): string {
  const [, ...parts] = size.split('_');
  const [family = '', ...rest] = parts;
  const fam = family.replace(/^([a-z]+)(\d*)(.*)$/i, (_m, letters: string, digits: string, tail: string) => `${letters.toUpperCase()}${digits}${tail.toLowerCase()}`);
  return ['Standard', fam, ...rest.map((r) => (/^v\d+$/i.test(r) ? r.toLowerCase() : r.toUpperCase()))].join('_');
}

export interface AzureRetailOptions {
  url: string;
  region: string;
  timeoutMs: number;
}

export async function azureHourlyPrice(size: string, o: AzureRetailOptions): Promise<number | undefined> {
  const url = new URL(o.url);
  url.searchParams.set('api-version', '2023-01-01-preview');
  url.searchParams.set('$filter', `serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq '${o.region}' and armSkuName eq '${azureSkuName(size)}'`);
  const res = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs) });
  if (!res.ok) throw new Error(`Azure Retail Prices API answered ${res.status} for ${size}`);
  const items = Answer.parse(await res.json()).Items.filter((i) => /hour/i.test(i.unitOfMeasure) && !/spot|low priority/i.test(i.skuName) && !/windows/i.test(i.productName) && i.retailPrice > 0);
  return items.length ? Math.min(...items.map((i) => i.retailPrice)) : undefined;
}
