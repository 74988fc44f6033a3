/**
 * A company billed in two currencies, for tests that prove Penny never adds them: an AWS FOCUS
 * export in USD and an Azure FOCUS export in EUR (Azure bills in the billing profile's currency,
 * and writes its `x_` columns beside the FOCUS ones), 60 days each ending LAST, loaded through the
 * real ingest. Team search runs in both clouds; Azure's storage carries no team tag; on LAST the
 * Azure virtual machines cost six times their usual day. Amounts are fixed (no noise), so every
 * expected figure below is exact.
 */
import type pg from 'pg';
import { expect } from 'vitest';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { CORE_FOCUS_HEADER, writeCsv } from './focus-sample.ts';
import { addDays, isoDay } from '../../src/schema/days.ts';

export const LAST = '2026-10-30';
export const AS_OF = '2026-10-31';
export const DAYS = 60;

const HEADER = [...CORE_FOCUS_HEADER, 'PublisherName', 'InvoiceIssuerName', 'ServiceCategory', 'SubAccountId', 'RegionId', 'ResourceId', 'ListCost', 'Tags', 'x_BillingProfileId'];

/** Per day: [provider, currency, account, service, category, region, resource, team, cost]. */
export type Line = readonly [string, string, string, string, string, string, string, string | null, number];

export const LINES: readonly Line[] = [
  ['AWS', 'USD', '111111111111', 'Amazon Elastic Compute Cloud', 'Compute', 'us-east-1', 'i-0search', 'search', 200],
  ['AWS', 'USD', '111111111111', 'Amazon Simple Storage Service', 'Storage', 'us-east-1', 'search-bucket', 'search', 50],
  ['Microsoft', 'EUR', 'sub-eu-1', 'Virtual Machines', 'Compute', 'westeurope', 'vm-search-1', 'search', 150],
  ['Microsoft', 'EUR', 'sub-eu-1', 'Storage', 'Storage', 'westeurope', 'stsandbox', null, 40],
];

/** The spike on LAST: Azure's virtual machines at six times their day. */
export const SPIKE_FACTOR = 6;

export const PER_DAY = { USD: 250, EUR: 190 } as const;
/** The day's totals on LAST, spike included. */
export const LAST_DAY = { USD: 250, EUR: 150 * SPIKE_FACTOR + 40 } as const;

const day = (n: number) => addDays(LAST, -n);
const monthAfter = (month: string) => isoDay(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1));

function rows(provider: string, lines: readonly Line[], spiked: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let n = DAYS - 1; n >= 0; n--) {
    const d = day(n);
    for (const [p, currency, account, service, category, region, resource, team, cost] of lines) {
      if (p !== provider) continue;
      const amount = (cost * (n === 0 && spiked.includes(resource) ? SPIKE_FACTOR : 1)).toFixed(2);
      const publisher = p === 'AWS' ? 'Amazon Web Services, Inc.' : 'Microsoft';
      out.push([
        p === 'AWS' ? '999999999999' : `ba-${currency.toLowerCase()}`,
        currency,
        `${d.slice(0, 7)}-01`,
        monthAfter(d),
        `${d}T00:00:00Z`,
        `${day(n - 1)}T00:00:00Z`,
        'Usage',
        p,
        service,
        amount,
        amount,
        publisher,
        publisher,
        category,
        account,
        region,
        resource,
        amount,
        JSON.stringify(team ? { team } : {}),
        p === 'AWS' ? '' : 'BP-EU-01',
      ]);
    }
  }
  return out;
}

/**
 * Writes and loads both exports into the database: by default the company above; other `lines`
 * and `spiked` resources make a variant (the same service billed in two currencies, say).
 */
export async function loadTwoCurrencyCompany(pool: pg.Pool, dir: string, lines = LINES, spiked: readonly string[] = ['vm-search-1']): Promise<void> {
  for (const provider of new Set(lines.map((l) => l[0]))) {
    const file = await writeCsv(dir, `${provider.toLowerCase()}-focus.csv`, HEADER, rows(provider, lines, spiked));
    expect((await loadFocusFile(pool, file)).status).toBe('loaded');
  }
}
