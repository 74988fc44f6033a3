/**
 * What Penny reads of a pull request through the API: its diff (GitHub renders it, so the review
 * sees exactly the pull request's changes) and files at its head commit (penny.yml, and changed
 * files read whole so a Terraform block or manifest is seen entire) or at its base commit (the old
 * file, for a hunk that starts inside a block when the head cannot be read).
 */
import type { Octokit } from '@octokit/rest';
import type { SourceReader } from '../review/view.ts';

export interface PullRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** The base branch's commit the pull request was opened or last synchronised against. */
  baseSha?: string;
}

export async function fetchDiff(octokit: Octokit, pr: PullRef): Promise<string> {
  const { data } = await octokit.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, mediaType: { format: 'diff' } });
  if (typeof data !== 'string') throw new Error(`GitHub returned no diff for ${pr.owner}/${pr.repo}#${pr.number}`);
  return data;
}

/** Files at a commit (the head unless `ref` says); undefined for a file that is absent there (404) or not a file. */
export function commitReader(octokit: Octokit, pr: PullRef, ref = pr.headSha): SourceReader {
  return async (path) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner: pr.owner, repo: pr.repo, path, ref });
      if (Array.isArray(data) || data.type !== 'file' || typeof data.content !== 'string') return undefined;
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  };
}
