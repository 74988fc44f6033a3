/**
 * The GitHub login Penny comments as, so the sticky comment is looked for among Penny's own
 * comments only: a reviewer who quotes Penny's comment (marker and all) keeps their comment.
 * A configured login (PENNY_GITHUB_LOGIN) is taken as is; else GET /user answers for a personal or
 * OAuth token, and GraphQL `viewer` for an installation token, which GET /user refuses with 403
 * (a GitHub App's `<slug>[bot]`, or `github-actions[bot]` for the GITHUB_TOKEN of Actions).
 * Asked once per client.
 */
import type { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { GitHubLogin } from '../config/env.ts';

const Viewer = z.object({ viewer: z.object({ login: GitHubLogin }) });

const known = new WeakMap<Octokit, Promise<string>>();

async function askGitHub(octokit: Octokit): Promise<string> {
  try {
    return GitHubLogin.parse((await octokit.rest.users.getAuthenticated()).data.login);
  } catch (err) {
    if ((err as { status?: number }).status !== 403) throw err;
  }
  try {
    return Viewer.parse(await octokit.graphql('query { viewer { login } }')).viewer.login;
  } catch (err) {
    throw new Error(`cannot tell which GitHub login this token comments as (GET /user: 403; GraphQL viewer: ${(err as Error).message}); set PENNY_GITHUB_LOGIN, such as my-app[bot]`);
  }
}

export function commenterLogin(octokit: Octokit, configured?: string): Promise<string> {
  if (configured) return Promise.resolve(configured);
  let login = known.get(octokit);
  if (!login) {
    login = askGitHub(octokit);
    known.set(octokit, login);
    // A failure (GitHub down) is asked again next time.
    login.catch(() => known.delete(octokit));
  }
  return login;
}

export const sameLogin = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
