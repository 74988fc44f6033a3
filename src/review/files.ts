/**
 * What kind of file a changed path is, which decides the detectors that look at it. Docs, tests,
 * lock files and vendored code never cost money in production, so a docs-only pull request costs 0.
 */
import { featureForPath, type ReviewConfig } from './config.ts';

export type FileKind = 'prompt' | 'code' | 'terraform' | 'yaml' | 'json' | 'env' | 'crontab' | 'doc' | 'ignored';

const IGNORED = [
  /(^|\/)(node_modules|vendor|third_party|dist|build|\.venv|__snapshots__)\//,
  /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|Cargo\.lock|go\.sum|uv\.lock|composer\.lock|Gemfile\.lock)$/,
  /\.(min\.js|map|snap|svg|png|jpe?g|gif|ico|pdf|lock|csv|tsv|parquet)$/i,
];
const TEST = /(^|\/)(tests?|__tests__|spec|fixtures|testdata|e2e)\/|(\.|_)(test|spec)\.[^/]+$|(^|\/)test_[^/]+\.py$/i;
const PROMPT_DIR = /(^|\/)prompts?\//i;
const PROMPT_FILE = /\.(prompt|prompty|promptl)$|(^|[/_.-])(system[_-]?)?prompt[^/]*\.(md|txt|j2|jinja2?|hbs|mustache|tmpl|tpl|liquid)$/i;
const TEXT = /\.(md|mdx|markdown|txt|rst|adoc|j2|jinja2?|hbs|mustache|tmpl|tpl|liquid)$/i;
const CODE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|go|rb|java|kt|kts|scala|cs|php|rs|swift|ex|exs|clj|sh|ipynb)$/i;

export function classify(path: string, config: ReviewConfig): FileKind {
  if (IGNORED.some((r) => r.test(path)) || TEST.test(path)) return 'ignored';
  if (PROMPT_FILE.test(path) || (PROMPT_DIR.test(path) && !CODE.test(path))) return 'prompt';
  // Text a penny.yml feature lists among its paths is read as that feature's prompt.
  if (TEXT.test(path)) return featureForPath(config, path) ? 'prompt' : 'doc';
  if (/(^|\/)docs?\//i.test(path)) return 'doc';
  if (/\.(tf|tf\.json|hcl|tfvars)$/i.test(path)) return 'terraform';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.(json|jsonc|toml|ini|cfg|conf|properties)$/i.test(path)) return 'json';
  if (/(^|\/)\.env(\.[^/]*)?$|\.env$/i.test(path)) return 'env';
  if (/(^|\/)(crontab|[^/]*\.cron)$/i.test(path)) return 'crontab';
  if (CODE.test(path) || /(^|\/)Dockerfile[^/]*$/.test(path)) return 'code';
  return 'ignored';
}
