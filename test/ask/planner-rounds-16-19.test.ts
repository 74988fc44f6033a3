/**
 * Readings the question bank's rounds 16 to 19 asked for (issue #17), without a database: a
 * service whose name starts with a dataset word, "may" ending a sentence, an attribution tag, a
 * region typed exactly, names side by side, "qtr", a month against the month before with "than" or
 * "compare with", short slips of the keys, a bare dimension word before a cost word, two charge
 * frequencies, reservations, "cheaper than", "LLM spend", "spending a day" and chat shorthand. Each
 * is checked with a near miss that must be read differently or declined.
 */
import { describe, expect, it } from 'vitest';
import { offlinePlanner } from './support/offline-planner.ts';

const catalog = new Map<string, string[]>([
  ['team', ['search', 'checkout', 'data', 'ml']],
  ['customer', ['acme-corp', 'globex']],
  ['provider', ['AWS', 'Google Cloud', 'Microsoft Azure']],
  ['environment', ['prod', 'staging']],
  ['ServiceName', ['Cloud Functions', 'Cloud Run', 'Azure Functions', 'BigQuery']],
  ['RegionId', ['us-east-1', 'us-east1', 'westus2']],
]);
const AS_OF = '2026-11-23';

const { read, plan } = offlinePlanner(catalog, AS_OF);

describe('a service named with a dataset word first', () => {
  it('"cloud functions" is Google\'s Cloud Functions, not all cloud spend', () => {
    expect(plan('how much did we spend on cloud functions last month').query.filters).toEqual([{ dimension: 'ServiceName', op: 'eq', value: 'Cloud Functions' }]);
  });

  it('"cloud resources" is still cloud spend by resource', () => {
    expect(plan('cloud resources by cost last month').query).toMatchObject({ dataset: 'cloud', groupBy: ['ResourceId'], filters: [] });
  });
});

describe('"may" ending a sentence is the month', () => {
  it('at the end, after other words', () => {
    expect(plan('BigQuery effective cost may', '2026-06-15').query.time).toEqual({ from: '2026-05-01', to: '2026-06-01' });
  });

  it('in the middle, before other words, it is the verb ("ask" is chat; the period is the default one)', () => {
    expect(plan('what did we spend, may i ask', '2026-06-15').query.time).not.toEqual({ from: '2026-05-01', to: '2026-06-01' });
  });
});

describe('a tag an attribution is read from', () => {
  it('"environment tag" and "env tag" are the environment, from every spelling of the key', () => {
    expect(plan('cost by environment tag last month').query.groupBy).toEqual(['environment']);
    expect(plan('cost by env tag last month').query.groupBy).toEqual(['environment']);
  });

  it('any other key is that raw tag, as typed (the answer reads it as stored: stored-tag-keys.ts)', () => {
    expect(plan('cost by Owner tag last month').query.groupBy).toEqual(['tag:Owner']);
    expect(plan('cost by owner tag last month').query.groupBy).toEqual(['tag:owner']);
  });
});

describe('a value typed exactly as stored', () => {
  it('"us-east-1" is AWS\'s region, not also Google\'s us-east1', () => {
    expect(plan('prod spend in us-east-1 last month').query.filters).toContainEqual({ dimension: 'RegionId', op: 'eq', value: 'us-east-1' });
  });

  it('typed as neither, both are read and the answer names them', () => {
    expect(plan('us east 1 spend last month').query.filters).toContainEqual({ dimension: 'RegionId', op: 'in', values: ['us-east1', 'us-east-1'] });
  });
});

describe('names side by side', () => {
  it('"side by side" sets the named values against each other', () => {
    const p = plan('llm cost for acme-corp and globex last month side by side');
    expect(p.versus).toEqual({ dimension: 'customer', values: ['acme-corp', 'globex'] });
    expect(p.query.groupBy).toEqual(['customer']);
  });
});

describe('periods and comparisons', () => {
  it('"this qtr" is this quarter so far', () => {
    expect(plan('top 3 services by spend this qtr').query).toMatchObject({ time: { period: 'this_quarter' }, limit: 3 });
  });

  it.each(['how much more did the data team spend in october than september?', 'how did total spend in october compare with september'])('%s: October against September', (q) => {
    expect(plan(q).query).toMatchObject({ time: { from: '2026-10-01', to: '2026-11-01' }, compare: 'previous_period' });
  });

  it('months further apart are still declined', () => {
    expect(read('how much more did data spend in october than july?').ok).toBe(false);
  });
});

describe('short slips of the keys', () => {
  it('"teh" is read as "the", and the answer says so', () => {
    const p = plan('whats the spend for teh search team yesterday');
    expect(p.query.filters).toEqual([{ dimension: 'team', op: 'eq', value: 'search' }]);
    expect(p.corrections).toEqual(['read "teh" as "the"']);
  });
});

describe('a bare dimension word before a cost word', () => {
  it('"show team spend … excluding ml" is spend by team without ml', () => {
    expect(plan('show team spend for last month excluding ml').query).toMatchObject({ groupBy: ['team'], filters: [{ dimension: 'team', op: 'not', value: 'ml' }] });
  });

  it('"cloud spend" is a dataset, not a breakdown by provider', () => {
    expect(plan('cloud spend last week').query).toMatchObject({ dataset: 'cloud', groupBy: [] });
  });

  it('after a name no reader placed ("the growth team spend") it is declined', () => {
    expect(read('How much did the growth team spend last month?').ok).toBe(false);
  });
});

describe('charge frequencies', () => {
  it('"recurring vs usage-based" sets both side by side; "usage-based" is not the usage category', () => {
    const p = plan('recurring vs usage-based charges in may', '2026-06-15');
    expect(p.query.filters).toEqual([{ dimension: 'ChargeFrequency', op: 'in', values: ['Recurring', 'Usage-Based'] }]);
    expect(p.query.groupBy).toEqual(['ChargeFrequency']);
  });
});

describe('reservations (round 18)', () => {
  it('"unused reservations" are unused commitments of a reservation type', () => {
    expect(plan('unused reservations cost in may', '2026-06-15').query.filters).toEqual([
      { dimension: 'CommitmentDiscountStatus', op: 'eq', value: 'Unused' },
      { dimension: 'CommitmentDiscountType', op: 'contains', value: 'reserv' },
    ]);
  });

  it('a capacity reservation is not a commitment', () => {
    const p = read('capacity reservation cost in may', '2026-06-15');
    expect(p.ok && p.query.filters.some((f) => f.dimension === 'CommitmentDiscountType')).toBe(false);
  });
});

describe('round 19', () => {
  it('"is GCP cheaper than Azure" sets the two side by side, not their total against last month', () => {
    const p = plan('is gcp cheaper than azure this month?');
    expect(p.query.groupBy).toEqual(['provider']);
    expect(p.query.compare).toBeUndefined();
    expect(p.versus?.dimension).toBe('provider');
  });

  it('"higher than last month" is this month so far against the same days of last month', () => {
    expect(plan('is AWS spend higher than last month').query).toMatchObject({ time: { period: 'month_to_date' }, compare: 'previous_period' });
  });

  it('"yesterday vs the day before" compares the two days', () => {
    expect(plan('total spend yesterday vs the day before').query).toMatchObject({ time: { last_n_days: 1 }, compare: 'previous_period' });
  });

  it('"by llm spend" ranks by AI spend; "by llm" alone is by model', () => {
    expect(plan('top 2 teams by llm spend last 30d').query).toMatchObject({ dataset: 'ai', groupBy: ['team'], limit: 2 });
    expect(plan('cost by llm last week').query.groupBy).toEqual(['model']);
  });

  it('"spending a day" is the daily average; "per day" stays a daily trend', () => {
    expect(plan('what were we spending a day on bigquery in october').dailyAverage).toBe(true);
    expect(plan('bigquery spend per day in october').query.granularity).toBe('day');
  });

  it('"quick q", "r" for "are": chat shorthand is filler', () => {
    expect(plan('how much r we spending on bigquery per month').query.granularity).toBe('month');
    expect(plan("@penny quick q - what's checkout's AI bill this month").query.filters).toEqual([{ dimension: 'team', op: 'eq', value: 'checkout' }]);
  });
});
