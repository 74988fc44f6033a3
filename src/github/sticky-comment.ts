/**
 * One Penny comment per pull request, found again among Penny's own comments (its login) by the
 * hidden marker that starts it, and updated in place (`update`, the default), or posted anew
 * (`new`), or the old ones deleted first (`delete-and-new`), or the old ones minimised as outdated
 * first (`hide-and-new`, GitHub GraphQL `minimizeComment`, so the history stays readable); a hidden
 * comment's marker is marked hidden too, so it is never hidden or updated again.
 * Creating is the one request a retry could double: if GitHub answers 5xx the comment may exist
 * anyway, so before each retry the comments are listed again and a found one is updated instead.
 * Duplicates left by anything else are removed when found, keeping the oldest. Comments of anyone
 * else, a reviewer quoting Penny's comment included, are never edited or deleted.
 */
import type { Octokit } from '@octokit/rest';
import { logger } from '../log/logger.ts';
import { retryable, sleep } from './client.ts';
import { sameLogin } from './commenter.ts';

export type Behavior = 'update' | 'new' | 'delete-and-new' | 'hide-and-new';

export interface IssueRef {
  owner: string;
  repo: string;
  /** The pull request number (pull requests are issues for comments). */
  number: number;
}

/** How Penny's comment is told apart: its marker, at the start of a comment by this login. */
export interface Mark {
  marker: string;
  author: string;
}

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  id?: number;
  url?: string;
  deleted: number;
  /** Old comments minimised (`hide-and-new`). */
  hidden?: number;
}

interface Comment {
  id: number;
  node_id?: string;
  body?: string;
  html_url: string;
  user?: { login: string } | null;
}

async function ownComments(octokit: Octokit, ref: IssueRef, mark: Mark): Promise<Comment[]> {
  const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: ref.owner, repo: ref.repo, issue_number: ref.number, per_page: 100 });
  return all.filter((c) => sameLogin(c.user?.login, mark.author) && c.body?.startsWith(mark.marker)).sort((a, b) => a.id - b.id);
}

async function createOnce(octokit: Octokit, ref: IssueRef, body: string, mark: Mark, attempts: number, delayMs: number): Promise<StickyResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { data } = await octokit.rest.issues.createComment({ owner: ref.owner, repo: ref.repo, issue_number: ref.number, body });
      return { action: 'created', id: data.id, url: data.html_url, deleted: 0 };
    } catch (err) {
      if (attempt + 1 >= attempts || !retryable(err)) throw err;
      await sleep(delayMs * 2 ** attempt);
      // The failed request may have created it: look before trying again.
      const found = await ownComments(octokit, ref, mark);
      if (found.length > 0) return update(octokit, ref, found[0]!, body, 0);
    }
  }
}

async function update(octokit: Octokit, ref: IssueRef, c: Comment, body: string, deleted: number): Promise<StickyResult> {
  if (c.body === body) return { action: 'unchanged', id: c.id, url: c.html_url, deleted };
  const { data } = await octokit.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: c.id, body });
  return { action: 'updated', id: data.id, url: data.html_url, deleted };
}

/** The marker a hidden comment carries instead: `<!-- penny:… -->` → `<!-- penny:…:hidden -->`. */
export const hiddenMarker = (marker: string) => marker.replace(/\s*-->$/, ':hidden -->');

async function hide(octokit: Octokit, ref: IssueRef, c: Comment, mark: Mark): Promise<void> {
  try {
    if (c.node_id) await octokit.graphql('mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }', { id: c.node_id });
  } catch (err) {
    // A token GitHub lets comment but not minimise: the old comment stays visible, and the review goes on.
    logger.warn({ err: (err as Error).message, comment: c.id }, 'could not minimise the old Penny comment');
  }
  await octokit.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: c.id, body: hiddenMarker(mark.marker) + c.body!.slice(mark.marker.length) });
}

export interface StickyOptions {
  behavior?: Behavior;
  /** Post nothing when no comment exists yet (a pull request without cost-relevant changes). */
  onlyIfExists?: boolean;
  attempts?: number;
  retryDelayMs?: number;
}

export async function upsertStickyComment(octokit: Octokit, ref: IssueRef, body: string, mark: Mark, o: StickyOptions = {}): Promise<StickyResult> {
  if (!body.startsWith(mark.marker)) throw new Error('the comment body must start with its marker');
  const behavior = o.behavior ?? 'update';
  const attempts = o.attempts ?? 4;
  const delay = o.retryDelayMs ?? 500;
  const existing = await ownComments(octokit, ref, mark);
  if (behavior === 'hide-and-new') {
    if (o.onlyIfExists && existing.length === 0) return { action: 'skipped', deleted: 0 };
    const last = existing[existing.length - 1];
    // A re-run with nothing new: hiding and reposting the same text would only add noise.
    if (last?.body === body) return { action: 'unchanged', id: last.id, url: last.html_url, deleted: 0 };
    for (const c of existing) await hide(octokit, ref, c, mark);
    return { ...(await createOnce(octokit, ref, body, mark, attempts, delay)), deleted: 0, hidden: existing.length };
  }
  if (behavior === 'new') {
    if (o.onlyIfExists && existing.length === 0) return { action: 'skipped', deleted: 0 };
    return createOnce(octokit, ref, body, mark, attempts, delay);
  }
  const [keep, ...extra] = existing;
  const remove = behavior === 'delete-and-new' ? existing : extra;
  for (const c of remove) await octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: c.id });
  if (behavior === 'update' && keep) return update(octokit, ref, keep, body, remove.length);
  if (o.onlyIfExists && existing.length === 0) return { action: 'skipped', deleted: 0 };
  return { ...(await createOnce(octokit, ref, body, mark, attempts, delay)), deleted: remove.length };
}
