/**
 * The inbound delivery log behind once-only Slack events and GitHub deliveries: the first claim of
 * an id wins, a release lets the sender's retry in, ids are per sender, and a day-old id is pruned.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliveries } from '../../src/server/deliveries.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

it('one claim of an id wins, across stores on one database; release lets it be claimed again', async () => {
  const [a, b] = [deliveries(t.pool), deliveries(t.pool)];
  expect(await Promise.all([a.claim('slack', 'Ev01'), b.claim('slack', 'Ev01')])).toEqual(expect.arrayContaining([true, false]));
  expect(await a.claim('github', 'Ev01')).toBe(true);
  await b.release('slack', 'Ev01');
  expect(await a.claim('slack', 'Ev01')).toBe(true);
});

it('refuses an id that no sender gives', async () => {
  await expect(deliveries(t.pool).claim('github', 'x'.repeat(201))).rejects.toThrow();
  await expect(deliveries(t.pool).claim('github', ' ')).rejects.toThrow();
});

it('forgets ids older than a day', async () => {
  await deliveries(t.pool).claim('github', 'old-delivery');
  await t.pool.query("update inbound_deliveries set received_at = now() - interval '25 hours' where id = 'old-delivery'");
  await deliveries(t.pool).claim('github', 'new-delivery');
  // The prune runs beside the claim, not before its answer.
  const ids = async () => (await t.pool.query("select id from inbound_deliveries where id like '%-delivery' order by id")).rows.map((r) => r.id);
  await expect.poll(ids).toEqual(['new-delivery']);
});
