/**
 * The classes round 38 of the FOCUS question bank (written before reading the planner, as an Azure
 * admin in Cost Management's words, a GCP admin in the billing export's words, a FinOps
 * practitioner doing showback, an auditor reconciling the bill and a startup CTO) found wrong or
 * declined, over the real-world FOCUS exports, each with a near miss that must keep its old
 * reading. Truths are hand-written SQL over cost_lines.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/ask/answer/answer.ts';
import { declined, realFocus } from './support/real-focus.ts';

const { f, ask, sql } = realFocus();
const MAY = "charge_period_start >= '2026-05-01' and charge_period_start < '2026-06-01'";
/** The default period: the latest 30 days of data, as cloud billing ends 2026-05-28 (planner/latest-data.ts). */
const LATEST_30_DAYS = "charge_period_start >= '2026-04-29' and charge_period_start < '2026-05-29'";
const OWNER = "coalesce(tags->>'Owner', tags->>'owner')";
/** The truth's rows as key → value. */
const rowsOf = async (q: string): Promise<Record<string, number>> => Object.fromEntries((await f.t.pool.query(q)).rows.map((r) => [String(r.k ?? 'null'), Number(r.v)]));
/** The answer's rows as key → its figure. */
const answered = (a: Answer, key: (r: Answer['rows'][number]) => string) => Object.fromEntries(a.rows.map((r) => [key(r), Number(r[a.column ?? a.query!.metric])]));
const close = (want: Record<string, number>) => Object.fromEntries(Object.entries(want).map(([k, v]) => [k, expect.closeTo(v, 6)]));

describe('levels the exports carry no column for', () => {
  it('Azure management groups are declined, saying why (resource groups are read from ResourceId: left-39.db.test.ts)', async () => {
    for (const q of ['azure spend per management group in may', 'which management group cost the most last month?']) {
      const a = await ask(q);
      expect(declined(a), a.answer).toBe(true);
      expect(a.answer).toMatch(/not a column of the FOCUS exports/);
    }
  });

  it('"which business unit spent the most" is declined, saying what is recorded (it ranked teams)', async () => {
    for (const q of ['which business unit spent the most in May?', 'may spend by department', 'cost per division last month']) {
      const a = await ask(q);
      expect(declined(a), a.answer).toBe(true);
      expect(a.answer).toContain('cost center');
    }
  });

  it('near miss: a resource, a team and a tag of that name are still answered', async () => {
    const resource = await ask('which resource cost the most last month');
    expect(resource.query?.groupBy).toEqual(['ResourceId']);
    const team = await ask('which team spent the most in may');
    const want = await rowsOf(`select ${OWNER} k, sum(effective_cost) v from cost_lines where ${OWNER} is not null and ${MAY} group by 1`);
    expect(answered(team, (r) => String(r.team))).toEqual(close(want));
    const tag = await ask('cost by the department tag in may');
    expect(tag.query?.groupBy).toEqual(['tag:department']);
  });
});

describe("Azure Cost Management's actual cost", () => {
  it('"Azure actual cost for May" is billed cost, per currency (it was declined)', async () => {
    const a = await ask('Azure actual cost for May');
    expect(a.query?.metric).toBe('billed_cost');
    const want = await rowsOf(`select billing_currency k, sum(billed_cost) v from cost_lines where provider_name = 'Microsoft Azure' and ${MAY} group by 1`);
    expect(answered(a, (r) => String(r.currency))).toEqual(close(want));
  });

  it('near miss: amortized cost is still effective cost', async () => {
    const a = await ask('amortized cost on aws in may');
    expect(a.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${MAY}`), 6);
  });
});

describe('owners are teams', () => {
  it('"what did each owner spend" is a row per team, from the Owner tag (it was declined)', async () => {
    const a = await ask('chargeback: what did each owner spend last month on aws?');
    const want = await rowsOf(`select ${OWNER} k, sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${MAY} group by 1`);
    expect(answered(a, (r) => String(r.team ?? 'null'))).toEqual(close(want));
  });

  it('near miss: spend with no owner tag is still the untagged total', async () => {
    const a = await ask('aws spend with no owner tag in may');
    expect(a.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${OWNER} is null and ${MAY}`), 6);
  });
});

describe('showback and audit framing', () => {
  it('"allocate last month\'s AWS cost by env tag" is the breakdown (it was declined)', async () => {
    const a = await ask("allocate last month's AWS cost by env tag");
    const want = await rowsOf(`select coalesce(tags->>'Environment', tags->>'environment', tags->>'env') k, sum(effective_cost) v from cost_lines where provider_name = 'AWS' and ${MAY} group by 1`);
    expect(answered(a, (r) => String(r.environment))).toEqual(close(want));
  });

  it('"…, do they tie out?" asks for the invoice totals themselves (it was declined)', async () => {
    const a = await ask('Google invoice totals for May at billed cost, do they tie out?');
    const want = await rowsOf(`select invoice_id k, sum(billed_cost) v from cost_lines where provider_name = 'Google Cloud' and ${MAY} group by 1`);
    expect(answered(a, (r) => String(r.InvoiceId))).toEqual(close(want));
  });

  it('near miss: "allocate" with no breakdown is still declined, and allocated cost is still split cost allocation', async () => {
    expect(declined(await ask("allocate last month's AWS cost"))).toBe(true);
    const a = await ask('allocated cost in may');
    expect(a.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where allocated_method_id is not null and ${MAY}`), 6);
  });
});

describe('commitments left out', () => {
  it('"purchases billed in May not counting commitments" are the purchases with no commitment (it was declined)', async () => {
    const a = await ask('purchases billed in May not counting commitments');
    expect(a.value, a.answer).toBeCloseTo(await sql(`select sum(billed_cost) v from cost_lines where charge_category = 'Purchase' and commitment_discount_id is null and ${MAY}`), 6);
    const aws = await ask('AWS cost excluding commitments in may');
    expect(aws.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and commitment_discount_id is null and ${MAY}`), 6);
  });

  it('near miss: commitment purchases are still the purchases of commitments', async () => {
    const a = await ask('billed cost of commitment purchases on AWS in May');
    expect(a.value).toBeCloseTo(
      await sql(`select sum(billed_cost) v from cost_lines where provider_name = 'AWS' and charge_category = 'Purchase' and commitment_discount_id is not null and ${MAY}`),
      6,
    );
  });
});

describe('our biggest cost', () => {
  it('"what\'s our biggest cost?" ranks services over the default period, said (it was declined)', async () => {
    const a = await ask("what's our biggest cost?");
    const top = (await f.t.pool.query(`select service_name k, sum(effective_cost) v from cost_lines where ${LATEST_30_DAYS} group by 1 order by 2 desc limit 1`)).rows[0];
    expect(a.rows[0]?.ServiceName).toBe(top.k);
    expect(Number(a.rows[0]?.effective_cost)).toBeCloseTo(Number(top.v), 6);
    expect(a.how).toContain('no period given');
  });

  it('"biggest costs in May?", the superlative opening the question, ranks services (it was declined)', async () => {
    const a = await ask('biggest costs in may?');
    expect(a.query?.groupBy).toEqual(['ServiceName']);
    const top = (await f.t.pool.query(`select service_name k, sum(effective_cost) v from cost_lines where ${MAY} group by 1 order by 2 desc limit 1`)).rows[0];
    expect(a.rows[0]?.ServiceName).toBe(top.k);
  });

  it('near miss: the biggest cost center is still cost centers, and the biggest cost increase is no ranking of services', async () => {
    const cc = await ask("what's our biggest cost center in may");
    expect(cc.query?.groupBy).toEqual(['cost_center']);
    const up = await ask("what's our biggest cost increase");
    expect(up.query?.groupBy ?? []).not.toEqual(['ServiceName']);
  });
});

describe("one commitment kind's purchases left out", () => {
  it('"May spend excluding commitment purchases" is declined (it answered the commitment-covered usage, a few dollars)', async () => {
    for (const q of ['May spend excluding commitment purchases', 'aws cost in may not counting the savings plan purchases', 'total may spend without the RI purchases']) {
      const a = await ask(q);
      expect(declined(a), a.answer).toBe(true);
      expect(a.answer).toContain('excluding purchases');
    }
  });

  it("near miss: all purchases left out, and one kind's purchases asked, are still answered", async () => {
    const all = await ask('aws spend in may excluding purchases');
    expect(all.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'AWS' and charge_category <> 'Purchase' and ${MAY}`), 6);
    const sp = await ask('billed cost of savings plan purchases in may');
    expect(sp.value).toBeCloseTo(await sql(`select sum(billed_cost) v from cost_lines where charge_category = 'Purchase' and commitment_discount_type ilike '%savings plan%' and ${MAY}`), 6);
  });
});

describe('a kind of sub account in the plural, as a whole', () => {
  it('"amortized cost of our Azure subscriptions in may" is Azure spend charged to a subscription, per currency (it was declined)', async () => {
    const a = await ask('amortized cost of our Azure subscriptions in may');
    const want = await rowsOf(`select billing_currency k, sum(effective_cost) v from cost_lines where provider_name = 'Microsoft Azure' and sub_account_id is not null and ${MAY} group by 1`);
    expect(answered(a, (r) => String(r.currency))).toEqual(close(want));
    const gcp = await ask('cost of our gcp projects in may');
    expect(gcp.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'Google Cloud' and sub_account_id is not null and ${MAY}`), 6);
  });

  it('near miss: a breakdown by subscription and one named subscription keep their readings', async () => {
    const by = await ask('which projects cost the most in may');
    expect(by.query?.groupBy).toEqual(['SubAccountId']);
    const one = await ask('the prod-platform subscription cost in may');
    expect(one.value).toBeCloseTo(await sql(`select sum(effective_cost) v from cost_lines where provider_name = 'Microsoft Azure' and sub_account_name = 'prod-platform' and ${MAY}`), 6);
  });
});
