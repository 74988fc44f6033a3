/**
 * The github-pr executor: opens a pull request that edits the configured config file (switching a
 * feature's model), with the finding's evidence and a link back. Its rollback closes the pull
 * request if it was never merged, else opens a revert pull request setting the model back. The
 * branch name is fixed per proposal and phase, so a retry finds its branch and pull request
 * instead of opening a second one. After opening, the file on the branch is read back to verify.
 */
import type { Octokit } from '@octokit/rest';
import type { RemediationConfig } from '../config.ts';
import type { Proposal } from '../store.ts';
import { keyPath, readModel, setModel } from './config-edit.ts';
import type { ActionExecutor, ExecutionResult, Phase } from './executor.ts';
import { formatMoney } from '../../schema/money.ts';

type GitHubConfig = NonNullable<RemediationConfig['github']>;

const status = (err: unknown) => (err as { status?: number }).status;

function decode(data: unknown): { text: string; sha: string } {
  const file = data as { type?: string; content?: string; sha?: string };
  if (file.type !== 'file' || typeof file.content !== 'string' || !file.sha) throw new Error('not a file');
  return { text: Buffer.from(file.content, 'base64').toString('utf8'), sha: file.sha };
}

/** Finding text in Markdown: no @mentions (they would notify people) and no table breaks. */
const inert = (s: string) => s.replace(/@/g, '@\u200b').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function body(p: Proposal, phase: Phase, publicUrl: string | null): string {
  const evidence = Object.entries(p.evidence)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `| ${inert(k)} | ${inert(String(v))} |`);
  return [
    phase === 'apply' ? `Penny proposed this change; it was approved by ${p.decidedBy} at ${p.decidedAt}.` : `Rollback of Penny's change for proposal ${p.id}.`,
    '',
    `**Why:** ${inert(p.why)}`,
    '',
    `**Estimated savings:** ${formatMoney(p.savingsMonthly, p.currency)}/month · **Risk:** ${p.risk}`,
    '',
    '| evidence | |',
    '|---|---|',
    ...evidence,
    '',
    `Proposal \`${p.id}\`, finding \`${p.findingFingerprint}\`${publicUrl ? ` · ${publicUrl.replace(/\/+$/, '')}/remediation/${p.id}` : ''}`,
  ].join('\n');
}

export function githubPrExecutor(octokit: Octokit, gh: GitHubConfig, publicUrl: string | null): ActionExecutor {
  const repo = { owner: gh.owner, repo: gh.repo };

  async function baseBranch(): Promise<string> {
    return gh.baseBranch ?? (await octokit.rest.repos.get(repo)).data.default_branch;
  }

  async function existingPull(branch: string) {
    const { data } = await octokit.rest.pulls.list({ ...repo, head: `${gh.owner}:${branch}`, state: 'all', per_page: 5 });
    return data[0];
  }

  async function openEdit(p: Proposal, phase: Phase, from: string, to: string, feature: string): Promise<ExecutionResult> {
    const branch = `penny/remediation-${p.id}${phase === 'rollback' ? '-revert' : ''}`;
    const found = await existingPull(branch);
    if (found) return { summary: `Pull request ${gh.owner}/${gh.repo}#${found.number} (opened before)`, url: found.html_url, pullRequest: found.number, branch };
    const base = await baseBranch();
    const path = keyPath(gh.modelKey, feature);
    const onBase = decode((await octokit.rest.repos.getContent({ ...repo, path: gh.file, ref: base })).data);
    const edited = setModel(gh.file, onBase.text, path, from, to);
    const head = (await octokit.rest.git.getRef({ ...repo, ref: `heads/${base}` })).data.object.sha;
    try {
      await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: head });
    } catch (err) {
      if (status(err) !== 422) throw err; // 422: the branch exists from an earlier attempt
    }
    const onBranch = decode((await octokit.rest.repos.getContent({ ...repo, path: gh.file, ref: branch })).data);
    if (readModel(gh.file, onBranch.text, path) !== to) {
      await octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: gh.file,
        branch,
        sha: onBranch.sha,
        message: `${feature}: use ${to} instead of ${from} (Penny proposal ${p.id})`,
        content: Buffer.from(edited, 'utf8').toString('base64'),
      });
    }
    const title = phase === 'apply' ? `Switch ${feature} from ${from} to ${to}` : `Revert: switch ${feature} back to ${to}`;
    const pr = (await octokit.rest.pulls.create({ ...repo, head: branch, base, title, body: body(p, phase, publicUrl) })).data;
    // Verify: the branch now says the new model.
    const check = decode((await octokit.rest.repos.getContent({ ...repo, path: gh.file, ref: branch })).data);
    const verified = readModel(gh.file, check.text, path) === to;
    if (!verified) throw new Error(`opened ${gh.owner}/${gh.repo}#${pr.number}, but ${gh.file} on ${branch} does not say ${to}`);
    return { summary: `Opened ${gh.owner}/${gh.repo}#${pr.number}: ${title}`, url: pr.html_url, pullRequest: pr.number, branch, verified };
  }

  return {
    async run(p, phase) {
      if (p.action.kind !== 'switch_model') throw new Error(`the github-pr executor cannot do ${p.action.kind}`);
      const { feature, from, to } = p.action;
      if (phase === 'apply') return openEdit(p, phase, from, to, feature);
      const applied = p.result?.pullRequest;
      if (typeof applied !== 'number') throw new Error('there is no pull request to roll back');
      const pr = (await octokit.rest.pulls.get({ ...repo, pull_number: applied })).data;
      if (!pr.merged) {
        if (pr.state === 'open') await octokit.rest.pulls.update({ ...repo, pull_number: applied, state: 'closed' });
        return { summary: `Closed ${gh.owner}/${gh.repo}#${applied} unmerged; the config never changed`, url: pr.html_url, pullRequest: applied, closed: true };
      }
      return openEdit(p, phase, to, from, feature);
    },
  };
}
