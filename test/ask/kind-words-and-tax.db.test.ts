/**
 * Two readings over real third-party FOCUS 1.3 files (test/fixtures/real-world/focus: an AWS and
 * an Azure export and a consolidated file whose sub accounts are named "Sub 1" … "Sub 3"). A kind
 * word inside a stored name the question says ("Sub 1") is the name's, not the Azure
 * subscription kind (the old answer: $0 for sub account type Subscription); beside a name it is
 * still the kind. "Including tax" gives the full total and says tax is in it. Truths are SQL
 * written here by hand over cost_lines.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { fileDb } from '../support/file-db.ts';

const f = fileDb();
const FILES = ['tk_consolidated_multi_provider_1_3.csv', 'tk_azure_1_3_cost_and_usage_rows100_seed42.csv', 'tk_aws_1_3_cost_and_usage_rows100_seed42.csv'];
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";

beforeAll(async () => {
  for (const name of FILES) expect((await loadFocusFile(f.t.pool, path.resolve(import.meta.dirname, '../fixtures/real-world/focus', name))).status).toBe('loaded');
}, 120_000);

const ask = (q: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf: '2026-06-15' });
const total = async (where: string) => Number((await f.t.pool.query(`select sum(effective_cost) v from cost_lines where ${where} and ${MAY}`)).rows[0].v);

describe('a kind word inside a stored name', () => {
  it.each([
    ['Sub 1 spend in may', 'Sub 1'],
    ['how much did sub 2 cost in May?', 'Sub 2'],
  ])('"%s" is the sub account %s, not the subscriptions', async (q, name) => {
    const a = await ask(q);
    const v = await total(`sub_account_name = '${name}'`);
    expect(v).toBeGreaterThan(0);
    expect(a.value).toBeCloseTo(v, 6);
    expect(a.query?.filters.some((x) => x.dimension === 'SubAccountType')).toBe(false);
  });

  it('near miss: "the staging-platform sub" keeps to the Azure subscription of that name', async () => {
    const a = await ask('staging-platform sub spend in may');
    const azure = await total(`sub_account_name = 'staging-platform' and sub_account_type = 'Subscription'`);
    expect(azure).toBeLessThan(await total(`sub_account_name = 'staging-platform'`));
    expect(a.value).toBeCloseTo(azure, 6);
    // A cloud's own word keeps to that cloud's accounts, whatever their type text.
    expect(a.how).toContain('"subscription" read as the sub accounts of Microsoft');
  });
});

describe('a total including tax says so', () => {
  it.each(['AWS spend in may including tax', 'AWS spend in May incl. VAT', 'what did AWS cost in may, taxes included?'])('"%s"', async (q) => {
    const a = await ask(q);
    const all = await total(`provider_name = 'AWS'`);
    expect(all).toBeGreaterThan(await total(`provider_name = 'AWS' and charge_category <> 'Tax'`));
    expect(a.value).toBeCloseTo(all, 6);
    expect(a.how).toContain('tax included: the total counts every charge category, tax among them');
  });

  it('near miss: "excluding tax" leaves tax out and says nothing of it included', async () => {
    const a = await ask('AWS spend in may excluding tax');
    expect(a.value).toBeCloseTo(await total(`provider_name = 'AWS' and charge_category <> 'Tax'`), 6);
    expect(a.how).not.toContain('included');
  });
});
