import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, readOwnerFile } from '../../src/owners/import.ts';
import { tempDir } from '../support/focus-sample.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/owners');

let dir: string;
beforeAll(async () => {
  dir = await tempDir('penny-owners-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

describe('YAML owner files', () => {
  it('reads entries with canonical keys, lines and the default channel', async () => {
    const f = await readOwnerFile(path.join(FIXTURES, 'owners.yaml'));
    expect(f.problems).toEqual([]);
    expect(f.defaultChannel).toBe('#finops');
    expect(f.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['team', 'search', 3],
      ['resource_id', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', 6],
      // failsafe YAML: an account id keeps its leading zero instead of becoming a number
      ['sub_account_id', '012345678901', 8],
      ['service_name', 'Amazon EC2', 11],
      ['tag:Cost Center', 'cc-42', 13],
    ]);
    expect(f.entries[0]).toMatchObject({ owners: ['U024BE7LH', 'alice@example.com'], escalation: '#search-alerts' });
    expect(f.entries[2]).toMatchObject({ owners: ['U0PLATFORM1'], escalation: 'C0PLATFORM' });
  });

  it('reports every bad entry with its index, the line of the bad field and the field', async () => {
    const file = path.join(FIXTURES, 'bad.yaml');
    const f = await readOwnerFile(file);
    expect(f.problems.map(formatProblem)).toEqual([
      `${file}:4: entry 2: match: must name exactly one key, got 2`,
      `${file}:9: entry 3: owners[1]: "kim" is not a Slack user id (U…) or an email address`,
      `${file}:10: entry 3: escalation: "#Prod Alerts" is not a Slack channel (#name or C…)`,
    ]);
    expect(f.entries.map((e) => e.value)).toEqual(['search']);
  });

  it('reports broken YAML and unknown top-level keys with their lines', async () => {
    const broken = await readOwnerFile(await write('broken.yaml', 'owners:\n  - match: { team: search\n'));
    expect(broken.problems[0]).toMatchObject({ line: expect.any(Number), message: expect.stringMatching(/^not valid YAML/) });
    const extra = await readOwnerFile(await write('extra.yml', 'owners:\n  - match: { team: a }\n    owners: U0ONE0001\n    escalate: "#a"\ndefault_chanel: "#x"\n'));
    const file = path.join(dir, 'extra.yml');
    expect(extra.problems.map(formatProblem)).toEqual([`${file}:5: default_chanel: unknown field`, `${file}:4: entry 1: escalate: unknown field`]);
    const empty = await readOwnerFile(await write('empty.yaml', '# nothing\n'));
    expect(empty.problems[0]!.message).toMatch(/is empty/);
  });
});

describe('CSV owner files', () => {
  it('splits owners on ; or spaces and leaves empty escalation out', async () => {
    const f = await readOwnerFile(path.join(FIXTURES, 'owners.csv'));
    expect(f.problems).toEqual([]);
    expect(f.entries).toEqual([
      expect.objectContaining({ key: 'team', value: 'recommendations', owners: ['U0RECS0001', 'erin@example.com'], escalation: '#recs-alerts', line: 2 }),
      expect.objectContaining({ key: 'cost_center', value: 'cc-7', owners: ['frank@example.com', 'gina@example.com'], escalation: null, line: 3 }),
      expect.objectContaining({ key: 'provider_name', value: 'AWS', owners: ['U0CLOUD001'], escalation: 'C0CLOUD001', line: 4 }),
    ]);
  });

  it('names file, line and column of each bad row', async () => {
    const file = path.join(FIXTURES, 'bad.csv');
    const f = await readOwnerFile(file);
    expect(f.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'owners'],
      [4, 'match_key'],
      [5, 'escalation'],
    ]);
    expect(formatProblem(f.problems[0]!)).toBe(`${file}:3: owners: "not-an-owner" is not a Slack user id (U…) or an email address`);
  });

  it('counts lines from where a record starts when a quoted cell spans lines', async () => {
    const text = 'match_key,match_value,owners,escalation\nteam,"multi\nline",U0MULTI01,\n\nteam,x,,\nteam,y,U0ONE0001\n,,,\n';
    const f = await readOwnerFile(await write('multiline.csv', text));
    expect(f.entries.map((e) => [e.value, e.line])).toEqual([['multi\nline', 2]]);
    expect(f.problems.map((p) => [p.line, p.field ?? null, p.message])).toEqual([
      [5, 'owners', 'lists no one'],
      [6, null, 'has 3 fields, the header has 4'],
    ]);
  });

  it('checks the header before any row', async () => {
    const f = await readOwnerFile(await write('header.csv', 'key,match_value,owners\nteam,a,U0ONE0001\n'));
    expect(f.problems.map((p) => [p.line, p.field])).toEqual([
      [1, 'key'],
      [1, 'match_key'],
    ]);
    expect(f.entries).toEqual([]);
  });
});

it('refuses files it cannot read or does not know', async () => {
  expect((await readOwnerFile(path.join(dir, 'missing.yaml'))).problems[0]!.message).toBe('no such file');
  expect((await readOwnerFile(await write('owners.json', '{}'))).problems[0]!.message).toMatch(/\.yaml, \.yml or \.csv/);
});
