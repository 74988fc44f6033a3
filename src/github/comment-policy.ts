/**
 * Whether a review is worth a new comment: always (the default), only when the pull request's
 * monthly cost goes up (`increase`), or only when it goes up by more than an amount (`above`).
 * The policy comes from penny.yml's `comment:`, overridden field by field by the environment or
 * the command line. A review below the bar still updates a comment already there, so an earlier
 * figure is never left standing after the change that made it.
 */
import type { Env } from '../config/env.ts';
import type { CommentPolicy } from '../review/config.ts';
import type { ReviewResult } from '../review/review.ts';

export function mergePolicy(...layers: Array<CommentPolicy | undefined>): CommentPolicy {
  const out: CommentPolicy = {};
  for (const l of layers) {
    if (l?.when !== undefined) out.when = l.when;
    if (l?.above !== undefined) out.above = l.above;
  }
  return out;
}

export const envCommentPolicy = (env: Env): CommentPolicy => ({
  ...(env.PENNY_COMMENT_WHEN ? { when: env.PENNY_COMMENT_WHEN } : {}),
  ...(env.PENNY_COMMENT_ABOVE !== undefined ? { above: env.PENNY_COMMENT_ABOVE } : {}),
});

export function worthComment(r: ReviewResult, p: CommentPolicy): boolean {
  if (r.items.length === 0) return false;
  if (p.above !== undefined) return r.monthlyDelta > p.above;
  return p.when === 'increase' ? r.monthlyDelta > 0 : true;
}
