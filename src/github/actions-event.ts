/**
 * The pull request a GitHub Actions run is about, from the event file the runner writes
 * (GITHUB_EVENT_PATH) for `pull_request` and `pull_request_target` events. Validated with zod, so a
 * workflow triggered by another event fails with a clear message instead of a missing field.
 */
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { PullRef } from './pull-request.ts';

const Sha = z.string().regex(/^[0-9a-f]{7,64}$/i);

const EventSchema = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    head: z.object({ sha: Sha }),
    base: z.object({ sha: Sha }).optional(),
  }),
  repository: z.object({ name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }),
});

export class EventError extends Error {
  override name = 'EventError';
}

export function pullRefFromEvent(payload: unknown, source = 'event'): PullRef {
  const parsed = EventSchema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new EventError(`${source} is not a pull_request event (${issues}); run review-pr on pull_request events or pass --diff`);
  }
  const e = parsed.data;
  return {
    owner: e.repository.owner.login,
    repo: e.repository.name,
    number: e.pull_request.number,
    headSha: e.pull_request.head.sha,
    ...(e.pull_request.base ? { baseSha: e.pull_request.base.sha } : {}),
  };
}

export async function readActionsEvent(file: string): Promise<PullRef> {
  let payload: unknown;
  try {
    payload = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new EventError(`GITHUB_EVENT_PATH ${file}: ${(err as Error).message}`);
  }
  return pullRefFromEvent(payload, `GITHUB_EVENT_PATH ${file}`);
}
