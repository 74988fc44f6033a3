/**
 * Which GitHub repositories hold the code behind a feature, team or cloud service: the
 * `repositories` list of Penny's own `penny.yml` (PENNY_CONFIG, default ./penny.yml). An anomaly
 * on one of those scopes lists what changed on its repositories (attach.ts). No file, or no list,
 * is no mapping; a bad list is an error naming the field.
 *
 * ```yaml
 * repositories:
 *   - repo: acme/support-agent
 *     features: [support-agent]
 *     teams: [support]
 *     services: [Amazon Bedrock]
 * ```
 */
import fs from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

const names = z.array(z.string().trim().min(1)).default([]);

const RepositorySchema = z
  .strictObject({
    repo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/name, e.g. acme/support-agent'),
    features: names,
    teams: names,
    services: names,
  })
  .refine((r) => r.features.length + r.teams.length + r.services.length > 0, 'name at least one of features, teams or services');

/** Only `repositories` is read here; the rest of penny.yml is the pull-request review's (src/review/config.ts). */
const FileSchema = z.looseObject({ repositories: z.array(RepositorySchema).default([]) });

export type RepositoryMapping = z.infer<typeof RepositorySchema>;

/** Scope keys an anomaly is matched on, and the list of each mapping that names their values. */
const LISTS = { feature: 'features', team: 'teams', service_name: 'services' } as const;

export function parseRepositoryMap(text: string, file = 'penny.yml'): RepositoryMapping[] {
  const parsed = FileSchema.safeParse(parse(text) ?? {});
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(top level)'}: ${i.message}`).join('; '));
  }
  return parsed.data.repositories;
}

/** The mapping in `file`, or none when the file does not exist. */
export async function loadRepositoryMap(file: string): Promise<RepositoryMapping[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return parseRepositoryMap(text, file);
}

/** Repositories mapped to any of these scope values (the anomaly's scope, its main cause), in file order. */
export function repositoriesFor(map: readonly RepositoryMapping[], scopes: readonly Record<string, string>[]): string[] {
  const hits = map.filter((m) => scopes.some((s) => Object.entries(LISTS).some(([key, list]) => s[key] !== undefined && m[list].includes(s[key]))));
  return [...new Set(hits.map((m) => m.repo))];
}
