import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { importOwnerFiles, OwnerImportError } from '../../src/owners/import.ts';
import { defaultChannel, listOwnerRules, ownersFor } from '../../src/owners/store.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { tempDir } from '../support/focus-sample.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/owners');
const YAML = path.join(FIXTURES, 'owners.yaml');
const CSV = path.join(FIXTURES, 'owners.csv');
const EC2 = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc';

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = await tempDir('penny-owners-db-');
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.pool.query('truncate owner_rules, owner_map');
});

const snapshot = async () => (await t.pool.query('select match_key, match_value, owners, escalation, source from owner_rules order by 1, 2')).rows;

it('ownersFor puts the resource first, then tags, accounts, services and providers', async () => {
  await importOwnerFiles(t.pool, [YAML, CSV]);
  const matches = await ownersFor(t.pool, {
    provider: 'AWS',
    service_name: 'Amazon EC2',
    sub_account_id: '012345678901',
    team: 'search',
    'tag:Cost Center': 'cc-42',
    resource_id: EC2,
    feature: 'autocomplete', // nobody owns it: no row
  });
  expect(matches.map((m) => `${m.key}=${m.value}`)).toEqual([
    `resource_id=${EC2}`,
    'team=search',
    'tag:Cost Center=cc-42',
    'sub_account_id=012345678901',
    'service_name=Amazon EC2',
    'provider_name=AWS',
  ]);
  expect(matches[0]).toMatchObject({ owners: ['bob@example.com'], escalation: null, source: `${YAML}:6` });
  expect(matches[1]).toMatchObject({ owners: ['U024BE7LH', 'alice@example.com'], escalation: '#search-alerts' });
});

it('ownersFor matches values exactly, ignores empty ones and refuses unknown keys', async () => {
  await importOwnerFiles(t.pool, [YAML]);
  expect(await ownersFor(t.pool, { team: 'Search' })).toEqual([]);
  expect(await ownersFor(t.pool, { team: '', service: 'Amazon EC2' })).toMatchObject([{ key: 'service_name', owners: ['carol@example.com'] }]);
  expect(await ownersFor(t.pool, {})).toEqual([]);
  await expect(ownersFor(t.pool, { squad: 'search' })).rejects.toThrow(/unknown scope key "squad"/);
});

it('merges by match by default and makes the map exactly the file with replace', async () => {
  const first = await importOwnerFiles(t.pool, [YAML]);
  expect(first).toMatchObject({ rules: 5, created: 5, updated: 0, unchanged: 0, removed: 0, total: 5, defaultChannel: '#finops' });
  const again = await importOwnerFiles(t.pool, [YAML]);
  expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5, total: 5 });

  const change = path.join(dir, 'change.csv');
  await fs.writeFile(change, 'match_key,match_value,owners,escalation\nteam,search,U0NEWLEAD1,#search-alerts\nteam,ads,U0ADS00001,\n');
  const merged = await importOwnerFiles(t.pool, [change]);
  expect(merged).toMatchObject({ rules: 2, created: 1, updated: 1, unchanged: 0, removed: 0, total: 6, defaultChannel: '#finops' });
  expect(await ownersFor(t.pool, { team: 'search' })).toMatchObject([{ owners: ['U0NEWLEAD1'], source: `${change}:2` }]);

  const replaced = await importOwnerFiles(t.pool, [change], { replace: true });
  expect(replaced).toMatchObject({ rules: 2, created: 0, updated: 0, unchanged: 2, removed: 4, total: 2, defaultChannel: null });
  expect((await listOwnerRules(t.pool)).map((r) => r.value)).toEqual(['ads', 'search']);
  expect(await defaultChannel(t.pool)).toBeNull();
});

it('the default channel changes only when given, and an option beats the files', async () => {
  await importOwnerFiles(t.pool, [YAML]);
  await importOwnerFiles(t.pool, [CSV]);
  expect(await defaultChannel(t.pool)).toBe('#finops');
  await importOwnerFiles(t.pool, [CSV], { defaultChannel: 'C0FINOPS01' });
  expect(await defaultChannel(t.pool)).toBe('C0FINOPS01');
});

it('refuses the whole import when any file has a problem, leaving the map as it was', async () => {
  await importOwnerFiles(t.pool, [YAML]);
  const before = await snapshot();
  const bad = path.join(FIXTURES, 'bad.csv');
  const err = await importOwnerFiles(t.pool, [CSV, bad], { replace: true, defaultChannel: '#other' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OwnerImportError);
  expect((err as OwnerImportError).problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.field}`)).toEqual(['bad.csv:3:owners', 'bad.csv:4:match_key', 'bad.csv:5:escalation']);
  expect(await snapshot()).toEqual(before);
  expect(await defaultChannel(t.pool)).toBe('#finops');
});

it('refuses the same match given twice, naming both places', async () => {
  const dup = path.join(dir, 'dup.csv');
  await fs.writeFile(dup, 'match_key,match_value,owners\nservice_name,Amazon EC2,U0DUP00001\n');
  const err = (await importOwnerFiles(t.pool, [YAML, dup]).catch((e: unknown) => e)) as OwnerImportError;
  expect(err.message).toContain(`${dup}:2: match: service_name=Amazon EC2 is already mapped at ${YAML}:11`);
  expect(await snapshot()).toEqual([]);
});
