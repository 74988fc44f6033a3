/**
 * `penny.yml` at the repository root: which paths belong to which feature (the `feature` tag of the
 * usage data) and, where a feature has no usage history yet, the assumptions to estimate it from;
 * `deployments`, the names code calls a model by (Azure OpenAI deployments) → the model served;
 * `comment`, when a pull request gets a comment at all (every time, or only when its cost goes up
 * or above an amount).
 * Validated with zod; a bad file fails naming its line and field, never silently ignored.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { priceableId } from './model-names.ts';

const count = z.number().finite().nonnegative();

const UsageSchema = z.strictObject({
  calls_per_month: count,
  input_tokens_per_call: count,
  output_tokens_per_call: count,
  /** Part of input_tokens_per_call read from the provider's prompt cache. */
  cached_input_tokens_per_call: count.optional(),
  /** The model the assumptions are for, when the diff does not name one. */
  model: z.string().min(1).optional(),
});

const FeatureSchema = z.strictObject({
  feature: z.string().min(1),
  team: z.string().min(1).optional(),
  paths: z.array(z.string().min(1)).min(1),
  usage: UsageSchema.optional(),
});

/** Names code uses for a model (an Azure OpenAI deployment, a proxy alias) → the model id it serves. */
const DeploymentsSchema = z.record(z.string().min(1), z.string().min(1)).superRefine((map, ctx) => {
  for (const [name, model] of Object.entries(map)) {
    if (!priceableId(model))
      ctx.addIssue({ code: 'custom', path: [name], message: `${JSON.stringify(model)} is not a model @pydantic/genai-prices knows (write its id, such as gpt-4o or azure/gpt-4o)` });
  }
});

/** When a pull request gets a comment: `always`, or only when its monthly cost goes up (`increase`), optionally by more than `above` USD. */
export const CommentPolicySchema = z.strictObject({
  when: z.enum(['always', 'increase']).optional(),
  above: z.number().finite().nonnegative().optional(),
});
export type CommentPolicy = z.infer<typeof CommentPolicySchema>;

const ConfigSchema = z.strictObject({
  features: z.array(FeatureSchema).default([]),
  deployments: DeploymentsSchema.default({}),
  comment: CommentPolicySchema.default({}),
  /** Repositories behind features, teams and services, for anomalies (checked by src/changes/config.ts). */
  repositories: z.unknown().optional(),
});

export type UsageAssumption = z.infer<typeof UsageSchema>;
export type FeatureConfig = z.infer<typeof FeatureSchema>;

export interface ReviewConfig {
  features: Array<FeatureConfig & { matchers: RegExp[] }>;
  deployments: Record<string, string>;
  comment?: CommentPolicy;
}

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

/**
 * A path glob as a regular expression: `**` any depth, `*` within one segment, `?` one character,
 * `{a,b}` alternatives; a pattern without a slash or glob also matches that folder's contents.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((a) => a.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\}]/g, '\\$&');
  }
  const folder = /[*?{]/.test(glob) ? '' : '(?:/.*)?';
  return new RegExp(`^${re.replace(/^\.\//, '').replace(/^\//, '')}${folder}$`);
}

export const EMPTY_CONFIG: ReviewConfig = { features: [], deployments: {} };

export function parseConfig(text: string, file = 'penny.yml'): ReviewConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigFileError(`${file}:${lineCounter.linePos(e.pos[0]).line}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const parsed = ConfigSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ path: [...i.path, k], message: 'unknown field' })) : [{ path: i.path, message: i.message }],
    );
    const lines = problems.map(({ path, message }) => {
      let line: number | undefined;
      for (let n = path.length; n >= 0 && line === undefined; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) line = lineCounter.linePos(node.range[0]).line;
      }
      const field = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
      return `${file}${line ? `:${line}` : ''}: ${field || '(top level)'}: ${message}`;
    });
    throw new ConfigFileError(lines.join('\n'));
  }
  return { features: parsed.data.features.map((f) => ({ ...f, matchers: f.paths.map(globToRegExp) })), deployments: parsed.data.deployments, comment: parsed.data.comment };
}

/** The feature a changed file belongs to: the first penny.yml entry whose paths match it. */
export function featureForPath(config: ReviewConfig, path: string): (FeatureConfig & { matchers: RegExp[] }) | undefined {
  return config.features.find((f) => f.matchers.some((m) => m.test(path)));
}
