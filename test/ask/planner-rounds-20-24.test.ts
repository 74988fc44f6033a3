/**
 * Readings the question bank's rounds 20 to 24 asked for (issue #17), without a database: the
 * amount a provider billed or charged us, "daily avg", one day counted back ("the day before
 * yesterday", "3 days ago", "the 15th" with no month), money saved with no measure named,
 * serverless compute and monitoring named by what they are, chat shorthand ("hw much"), and AWS
 * service codes with the vendor glued on ("AWSLambda", "AmazonEC2"), "what drove" and "how come" as
 * why, the first or last N days or weeks of a month, and a cloud-only split saying it leaves AI
 * spend out. Each is checked with a near miss that
 * must be read differently or declined.
 */
import { describe, expect, it } from 'vitest';
import { offlinePlanner } from './support/offline-planner.ts';

const catalog = new Map<string, string[]>([
  ['team', ['search', 'checkout', 'data', 'platform']],
  ['provider', ['AWS', 'Google Cloud', 'Microsoft Azure']],
  ['environment', ['prod', 'staging']],
  ['ServiceName', ['AWS Lambda', 'Cloud Run', 'Cloud Functions', 'Azure Functions', 'BigQuery', 'Amazon Elastic Compute Cloud']],
]);
const AS_OF = '2026-11-23';

const { read, plan } = offlinePlanner(catalog, AS_OF);

describe('what a provider billed or charged us', () => {
  it.each(['how much did google bill us last month', 'what did AWS charge us in October', 'what has Azure billed us this month', 'how much were we invoiced by aws in october'])(
    '"%s" is billed cost',
    (q) => {
      expect(plan(q).query.metric).toBe('billed_cost');
    },
  );

  it('"our AWS bill" as a noun stays the cost people report by', () => {
    expect(plan("what's our AWS bill so far this month").query.metric).toBe('effective_cost');
  });
});

describe('a daily average in shorthand', () => {
  it('"daily avg spend over the last 2 weeks" is the total over 14 days, averaged', () => {
    const p = plan('whats the daily avg spend over the last 2 weeks');
    expect(p.dailyAverage).toBe(true);
    expect(p.query.time).toEqual({ last_n_days: 14 });
  });

  it('"avg cost per call" stays a unit cost, not a daily average', () => {
    const p = plan('avg cost per call last month');
    expect(p.dailyAverage).toBeUndefined();
    expect(p.query.metric).toBe('cost_per_request');
  });
});

describe('one day counted back', () => {
  it('"the day before yesterday" is two days before asOf, not yesterday', () => {
    expect(plan('how much did prod cost us the day before yesterday').query.time).toEqual({ from: '2026-11-21', to: '2026-11-22' });
    expect(plan('how much did prod cost us yesterday').query.time).toEqual({ last_n_days: 1 });
  });

  it('"3 days ago" and "two days ago" are that one day', () => {
    expect(plan('spend 3 days ago').query.time).toEqual({ from: '2026-11-20', to: '2026-11-21' });
    expect(plan('what did search spend two days ago').query.time).toEqual({ from: '2026-11-21', to: '2026-11-22' });
  });

  it('"the 15th" with no month is the latest 15th before asOf', () => {
    expect(plan('how much did we spend on the 15th').query.time).toEqual({ from: '2026-11-15', to: '2026-11-16' });
    // On the 10th, the 15th still to come this month is last month's.
    expect(plan('how much did we spend on the 15th', '2026-11-10').query.time).toEqual({ from: '2026-10-15', to: '2026-10-16' });
    // A 31st the month before lacks goes back to the month that has one.
    expect(plan('spend on the 31st', '2026-12-05').query.time).toEqual({ from: '2026-10-31', to: '2026-11-01' });
  });

  it("a day with its month is that month's, and an ordinal before a ranking word is no day", () => {
    expect(plan('spend on the 15th of October').query.time).toEqual({ from: '2026-10-15', to: '2026-10-16' });
    expect(read('the 2nd biggest team last month').ok).toBe(false);
  });
});

describe('money saved, no measure named', () => {
  it.each(['how much did discounts save us in october', 'how much did we save last month', 'what were our total savings in October'])('"%s" is savings against list price', (q) => {
    expect(plan(q).derived).toBe('savings');
  });

  it('"how much could we save" is a recommendation, not a saving already made', () => {
    const p = read('how much could we save');
    expect(p.ok && p.derived === 'savings').toBe(false);
  });
});

describe('serverless compute named by what it is', () => {
  it('is every service the data names for it, said in the reading', () => {
    const p = plan('serverless spend last month');
    expect(p.query.filters).toEqual([{ dimension: 'ServiceName', op: 'in', values: ['AWS Lambda', 'Cloud Run', 'Cloud Functions', 'Azure Functions'] }]);
    expect(p.assumptions.join(' ')).toContain('serverless compute');
  });

  it('is the service subcategory when the data has one', () => {
    const focus = offlinePlanner(new Map([...catalog, ['ServiceSubcategory', ['Serverless Compute', 'Virtual Machines']]]), AS_OF);
    expect(focus.plan('serverless spend in october').query.filters).toEqual([{ dimension: 'ServiceSubcategory', op: 'eq', value: 'Serverless Compute' }]);
  });

  it('is declined when the data names nothing serverless', () => {
    const bare = offlinePlanner(new Map([['ServiceName', ['BigQuery']]]), AS_OF);
    const p = bare.read('serverless spend last month');
    expect(p.ok).toBe(false);
    expect(p.ok ? '' : p.message).toContain('serverless compute');
  });
});

describe('chat shorthand', () => {
  it('"hw much did we spned on bigquery" reads "hw" as a filler word and "spned" as "spend"', () => {
    const p = plan('hw much did we spned on bigquery last month');
    expect(p.query.filters).toEqual([{ dimension: 'ServiceName', op: 'eq', value: 'BigQuery' }]);
    expect(p.corrections).toEqual(['read "spned" as "spend"']);
  });

  it('a word that is no shorthand is still not placed', () => {
    expect(read('hx much did we spend on bigquery last month').ok).toBe(false);
  });
});

describe('monitoring named by what it is', () => {
  const clouds = offlinePlanner(
    new Map([
      ['ServiceName', ['AmazonCloudWatch', 'Azure Monitor', 'Cloud Monitoring', 'BigQuery']],
      ['ServiceSubcategory', ['Observability', 'Data Warehouses']],
    ]),
    AS_OF,
  );

  it("is every cloud's monitoring, not the one service with the word in its name", () => {
    expect(clouds.plan('what did we spend on monitoring in october').query.filters).toEqual([{ dimension: 'ServiceSubcategory', op: 'eq', value: 'Observability' }]);
  });

  it('"cloud monitoring" typed is Google\'s Cloud Monitoring', () => {
    expect(clouds.plan('cloud monitoring spend in october').query.filters).toEqual([{ dimension: 'ServiceName', op: 'eq', value: 'Cloud Monitoring' }]);
  });

  it('without subcategories, the services that name it: CloudWatch', () => {
    const demo = offlinePlanner(new Map([['ServiceName', ['Amazon CloudWatch', 'Amazon Simple Storage Service']]]), AS_OF);
    expect(demo.plan('monitoring costs last month').query.filters).toEqual([{ dimension: 'ServiceName', op: 'eq', value: 'Amazon CloudWatch' }]);
  });
});

describe('AWS service codes with the vendor glued on', () => {
  const codes = offlinePlanner(new Map([['ServiceName', ['AWSLambda', 'AmazonEC2', 'Amazon EC2', 'AmazonS3', 'AWSGlue']]]), AS_OF);

  it('"lambda" is AWSLambda', () => {
    expect(codes.plan('how much did aws charge us for lambda in may', '2026-06-15').query.filters).toContainEqual({ dimension: 'ServiceName', op: 'eq', value: 'AWSLambda' });
  });

  it('"ec2" is every spelling of EC2 stored', () => {
    expect(codes.plan('list cost of ec2 in may', '2026-06-15').query.filters).toEqual([{ dimension: 'ServiceName', op: 'in', values: ['AmazonEC2', 'Amazon EC2'] }]);
  });

  it('a name that only starts like a vendor is not split: "Googleplex" is no Google service', () => {
    const odd = offlinePlanner(new Map([['ServiceName', ['Googleplex', 'BigQuery']]]), AS_OF);
    expect(odd.read('plex spend last month').ok).toBe(false);
  });
});

describe('why, in other words', () => {
  it.each(['what drove the increase in spend last week', 'how come bigquery costs jumped', "what's driving the rise in search spend", 'what caused the jump in bigquery spend'])(
    '"%s" ranks what changed against the period before',
    (q) => {
      const p = plan(q);
      expect(p.query.compare).toBe('previous_period');
      expect(p.query.groupBy.length).toBe(1);
    },
  );

  it('"what\'s driving EC2 costs", no change said, is what EC2 is made of: its resources, no comparison (session-30-classes.db.test.ts)', () => {
    const p = plan("what's driving our EC2 costs");
    expect(p.query.groupBy).toEqual(['ResourceId']);
    expect(p.query.compare).toBeUndefined();
  });

  it('"cost drivers" stays the top services, with no comparison', () => {
    const p = plan('top 3 cost drivers last month');
    expect(p.query.compare).toBeUndefined();
    expect(p.query.groupBy).toEqual(['ServiceName']);
  });
});

describe('the first or last days or weeks of a month', () => {
  it.each([
    ['how much did we spend in the first 2 weeks of november', { from: '2026-11-01', to: '2026-11-15' }],
    ['spend in the last 10 days of october', { from: '2026-10-22', to: '2026-11-01' }],
    ['the first three days of october', { from: '2026-10-01', to: '2026-10-04' }],
    ['spend in the second week of october', { from: '2026-10-08', to: '2026-10-15' }],
  ])('"%s"', (q, time) => {
    expect(plan(q).query.time).toEqual(time);
  });

  it('"the second 3 days of October" names no days: declined, not read as the last 30 days', () => {
    expect(read('spend the second 3 days of october').ok).toBe(false);
  });
});

describe('a split by a cloud-only dimension', () => {
  const withAi = offlinePlanner(new Map([...catalog, ['model', ['gpt-4o']]]), AS_OF);

  it('says it leaves AI spend out when the data has AI usage', () => {
    expect(withAi.plan('data team spend by service in october').assumptions).toContain('AI usage has no service, so this splits cloud spend only');
  });

  it('says nothing when the question keeps to the cloud, or there is no AI usage', () => {
    expect(withAi.plan('cloud spend by service in october').assumptions.join(' ')).not.toContain('AI usage has no');
    expect(withAi.plan('bigquery cost by region in october').assumptions.join(' ')).not.toContain('AI usage has no');
    expect(plan('data team spend by service in october').assumptions.join(' ')).not.toContain('AI usage has no');
  });
});
