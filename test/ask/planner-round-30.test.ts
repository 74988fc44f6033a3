/**
 * Readings the demo bank's round 30 asked for (issue #17), without a database: a share of a whole
 * ("what share of AI spend goes to the report builder", "what % of EC2 is the ml team": the name
 * said last is the part, and without it the whole: portion.ts) and an account by the one word of its name no other
 * account has ("the legacy stuff"). Each is checked with a near miss.
 */
import { describe, expect, it } from 'vitest';
import { offlinePlanner } from './support/offline-planner.ts';

const catalog = new Map<string, string[]>([
  ['team', ['ml', 'search']],
  ['feature', ['report-builder']],
  ['provider', ['AWS', 'Microsoft']],
  ['ServiceName', ['Amazon Elastic Compute Cloud']],
  ['SubAccountName', ['northwind-legacy', 'northwind-prod', 'northwind-staging']],
  ['environment', ['prod', 'staging']],
]);
const { read, plan } = offlinePlanner(catalog, '2026-11-23');

describe('a share of a whole', () => {
  it.each([
    ['share of AI spend going to the report builder', 'feature', 'ai'],
    ['what % of our spend is the ml team', 'team', 'all'],
    ['what percent of ec2 is the ml team', 'team', 'cloud'],
  ])('"%s": the part is %s', (q, part, dataset) => {
    const p = plan(q);
    expect(p.query.filters.map((f) => f.dimension)).toContain(part);
    expect(p.portion?.whole.map((f) => f.dimension)).not.toContain(part);
    expect(p.query.dataset).toBe(dataset);
  });

  it('near miss: a share of untagged spend is of all spend, with no part left out but the tag', () => {
    const p = plan('what share of spend is untagged');
    expect(p.share).toBe(true);
    expect(p.portion).toBeUndefined();
  });

  it('near miss: without a share word, a total is only the total', () => {
    const p = plan('how much does the report builder cost');
    expect(p.share).toBe(false);
    expect(p.portion).toBeUndefined();
  });
});

describe('an account by the one word of its name no other account has', () => {
  it('"the legacy azure stuff" is the account northwind-legacy', () => {
    expect(plan('whats the total for the legacy azure stuff this quarter').query.filters).toContainEqual({ dimension: 'SubAccountName', op: 'eq', value: 'northwind-legacy' });
  });

  it('near miss: a word every account has names none; a word that is also an environment is the environment', () => {
    expect(read('northwind spend last month').ok).toBe(false);
    expect(plan('staging spend last month').query.filters).toEqual([{ dimension: 'environment', op: 'eq', value: 'staging' }]);
  });
});
