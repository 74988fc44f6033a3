import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPenny } from '../support/cli.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/owners');

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const penny = (...args: string[]) => runPenny(args, { env: { DATABASE_URL: t.url } });
const ownerRows = async () => (await t.pool.query('select match_key, match_value, owners, escalation from owner_rules order by 1, 2')).rows;
const budgetRows = async () => (await t.pool.query('select scope, name, amount::text, currency, token_limit::text, alert_at from budgets order by scope::text')).rows;

describe('penny owners', () => {
  it('imports YAML and CSV in one go and lists the map most specific first', async () => {
    const r = await penny('owners', 'import', path.join(FIXTURES, 'owners.yaml'), path.join(FIXTURES, 'owners.csv'), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      rules: 8,
      created: 8,
      updated: 0,
      unchanged: 0,
      removed: 0,
      total: 8,
      defaultChannel: '#finops',
      files: [
        { file: path.join(FIXTURES, 'owners.yaml'), format: 'yaml', entries: 5 },
        { file: path.join(FIXTURES, 'owners.csv'), format: 'csv', entries: 3 },
      ],
    });
    const list = await penny('owners', 'list', '--json');
    const doc = JSON.parse(list.stdout);
    expect(doc.defaultChannel).toBe('#finops');
    expect(doc.rules.map((x: { key: string }) => x.key)).toEqual(['resource_id', 'team', 'team', 'tag:Cost Center', 'cost_center', 'sub_account_id', 'service_name', 'provider_name']);
    expect(doc.rules[2]).toEqual({
      key: 'team',
      value: 'search',
      owners: ['U024BE7LH', 'alice@example.com'],
      escalation: '#search-alerts',
      source: `${path.join(FIXTURES, 'owners.yaml')}:3`,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('refuses a CSV with a bad line whole: every problem on stderr, exit 2, table untouched', async () => {
    const before = await ownerRows();
    const bad = path.join(FIXTURES, 'bad.csv');
    const r = await penny('owners', 'import', '--replace', bad, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^penny: owner map not imported, nothing was changed; 3 problems:\n/);
    expect(r.stderr).toContain(`${bad}:3: owners: "not-an-owner" is not a Slack user id (U…) or an email address`);
    expect(r.stderr).toContain(`${bad}:4: match_key: unknown scope key "tem"`);
    expect(r.stderr).toContain(`${bad}:5: escalation: "finops" is not a Slack channel`);
    // line 2 (team=checkout) is fine, but a partial map is never loaded
    expect(await ownerRows()).toEqual(before);
    expect(before).toHaveLength(8);
  });

  it('--replace makes the map exactly the file', async () => {
    const r = await penny('owners', 'import', path.join(FIXTURES, 'owners.csv'), '--replace', '--default-channel', '#finops-triage', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ rules: 3, unchanged: 3, removed: 5, total: 3, defaultChannel: '#finops-triage' });
    expect((await ownerRows()).map((x) => x.match_value)).toEqual(['cc-7', 'AWS', 'recommendations']);
  });

  it('refuses a bad --default-channel before touching anything', async () => {
    const r = await penny('owners', 'import', path.join(FIXTURES, 'owners.yaml'), '--default-channel', 'finops');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('penny: --default-channel: "finops" is not a Slack channel (#name or C…)\n');
    expect(await ownerRows()).toHaveLength(3);
  });
});

describe('penny budget', () => {
  it('set stores 12000.10 exactly, parses 5e8 tokens, and prints the amount as an exact JSON number', async () => {
    const r = await penny('budget', 'set', '--scope', 'team=search', '--monthly', '12000.10', '--tokens', '5e8', '--name', 'Search', '--json');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('"amount": 12000.10,');
    expect(r.stdout).toContain('"tokens": 500000000,');
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ action: 'created', budget: { scope: { team: 'search' }, name: 'Search', period: 'monthly', currency: 'USD', alertAt: [75, 100] } });
    expect(await budgetRows()).toEqual([{ scope: { team: 'search' }, name: 'Search', amount: '12000.10', currency: 'USD', token_limit: '500000000', alert_at: [75, 100] }]);
  });

  it('the same scope again updates it; list shows every budget', async () => {
    const a = await penny('budget', 'set', '--scope', 'provider=AWS,service=Amazon EC2', '--monthly', '300', '--tokens', '500000000', '--alert-at', '50,75,100', '--currency', 'eur', '--json');
    expect(JSON.parse(a.stdout).action).toBe('created');
    const b = await penny('budget', 'set', '--scope', 'service_name=Amazon EC2,provider_name=AWS', '--monthly', '350.5', '--tokens', '500M', '--json');
    expect(JSON.parse(b.stdout)).toMatchObject({ action: 'updated', budget: { scope: { service_name: 'Amazon EC2', provider_name: 'AWS' }, currency: 'USD', alertAt: [75, 100] } });
    const list = await penny('budget', 'list', '--json');
    expect(list.stdout).toContain('"amount": 350.5,');
    const doc = JSON.parse(list.stdout);
    expect(doc.budgets.map((x: { scope: object; amount: number; tokens: number }) => [x.scope, x.amount, x.tokens])).toEqual([
      [{ service_name: 'Amazon EC2', provider_name: 'AWS' }, 350.5, 500000000],
      [{ team: 'search' }, 12000.1, 500000000],
    ]);
    expect(await budgetRows()).toHaveLength(2);
  });

  it.each([
    [['--scope', 'team=ads', '--monthly', 'abc'], /^penny: --monthly: expected an amount such as 12000 or 12000\.10, got "abc"\n$/],
    [['--scope', 'team', '--monthly', '100'], /^penny: --scope: "team" has no value; write team=value\n$/],
    [['--scope', 'squad=ads', '--monthly', '100'], /^penny: --scope: unknown scope key "squad".*tag:squad for a tag\n$/],
    [['--monthly', '100'], /^penny: --scope is required, e\.g\. --scope team=search\n$/],
    [['--scope', 'team=ads', '--tokens', '2.5'], /^penny: --tokens: must be a whole number of tokens, got "2\.5"\n$/],
    [['--scope', 'team=ads'], /^penny: give --monthly <amount>, --tokens <count> or both\n$/],
    [['--scope', 'team=search', '--monthly', '-5', '--alert-at', '0'], /^penny: --monthly: .*; --alert-at: .*\n$/],
  ])('set %j fails on one stderr line, exit 2, storing nothing', async (args, message) => {
    const before = await budgetRows();
    const r = await penny('budget', 'set', ...args, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(await budgetRows()).toEqual(before);
  });

  it('delete removes the scope given in any order and says when there is none', async () => {
    const r = await penny('budget', 'delete', '--scope', 'provider=AWS,service=Amazon EC2', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).deleted).toMatchObject({ scope: { service_name: 'Amazon EC2', provider_name: 'AWS' }, amount: 350.5 });
    expect((await budgetRows()).map((x) => x.scope)).toEqual([{ team: 'search' }]);
    const again = await penny('budget', 'delete', '--scope', 'provider=AWS,service=Amazon EC2');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('penny: no budget for scope service_name=Amazon EC2,provider_name=AWS; see penny budget list\n');
  });

  it('plain list groups digits without rounding', async () => {
    const r = await penny('budget', 'list');
    expect(r.stdout).toBe('team=search "Search": 12,000.10 USD and 500,000,000 tokens per month; alerts at 75 %, 100 %\n');
  });
});
