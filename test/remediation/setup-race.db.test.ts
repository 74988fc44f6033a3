/**
 * Replicas starting together on a fresh database each set up the remediation checkpointer (its own
 * tables and migrations): they must all come up, not one of them fail its setup and leave the
 * approval buttons of that replica failing until restart.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRemediationConfig } from '../../src/remediation/config.ts';
import type { Notifier } from '../../src/remediation/notifier.ts';
import { Remediation } from '../../src/remediation/service.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

const silent: Notifier = {
  sendCard: async () => ({ channel: 'C0APPROVAL', ts: '1.1' }),
  updateCard: async () => undefined,
  postInThread: async () => undefined,
};

it('four replicas set up the checkpointer at once and all start', async () => {
  const config = loadRemediationConfig({});
  // Each create works on its own pooled connections: separate sessions, as separate processes have.
  const started = await Promise.allSettled([1, 2, 3, 4].map(() => Remediation.create(t.pool, config, silent, {})));
  expect(started.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
});
