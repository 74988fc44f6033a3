/**
 * What Penny reads of a pull request through the API: its diff (GitHub renders it, so the review
 * sees exactly the pull request's changes) and files at its head commit (penny.yml, and changed
 * files read whole so a Terraform block or manifest is seen entire).
 */
import type { Octokit } from '@octokit/rest';
import type { SourceReader } from '../review/view.ts';

export interface PullRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
}

export async function fetchDiff(octokit: Octokit, pr: PullRef): Promise<string> {
  const { data } = await octokit.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, mediaType: { format: 'diff' } });
  if (typeof data !== 'string') throw new Error(`GitHub returned no diff for ${pr.owner}/${pr.repo}#${pr.number}`);
  return data;
}

/** Files at a commit; undefined for a file that is absent there (404) or not a file. */
export function commitReader(octokit: Octokit, pr: PullRef): SourceReader {
  return async (path) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner: pr.owner, repo: pr.repo, path, ref: pr.headSha });
      if (Array.isArray(data) || data.type !== 'file' || typeof data.content !== 'string') return undefined;
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  };
}
