/**
 * A breakdown by resource named by a kind of resource: "which buckets cost the most", "what do our
 * clusters cost", "cost per function". The kind word groups by resource (grouping.ts); with nothing
 * else naming which resources, every resource would be ranked as a bucket, a log workspace first.
 * The resources are narrowed to the stored resource types that mention the kind ("S3 Bucket",
 * "Storage Bucket"), said in the reading; when no stored type does, the question is declined
 * saying what was looked for. A service, category, resource type or resource already named ("S3
 * cost per bucket") says which resources are meant, and is kept as it is.
 * Servers, machines and instances are compute (service-parts.ts).
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';
import { squash } from './service-parts.ts';

interface Kind {
  words: RegExp;
  name: string;
  /** Words stored resource types use for it, matched as whole words. */
  term: string;
}

const KINDS: readonly Kind[] = [
  { words: /\bbuckets?\b/, name: 'buckets', term: 'bucket' },
  { words: /\bclusters?\b/, name: 'clusters', term: 'cluster' },
  { words: /\bfunctions?\b/, name: 'functions', term: 'function' },
  { words: /\btables?\b/, name: 'tables', term: 'table' },
  { words: /\bendpoints?\b/, name: 'endpoints', term: 'endpoint' },
  { words: /\bdistributions?\b/, name: 'distributions', term: 'distribution' },
  { words: /\blog\s+groups?\b/, name: 'log groups', term: 'log group' },
];

/** "resources", "resource ids": every resource is meant. */
const ANY_RESOURCE = /\bresources?\b/;
/** Filters that already say which resources are meant. */
const SCOPED = new Set(['ServiceName', 'ServiceCategory', 'ServiceSubcategory', 'ResourceType', 'ResourceId', 'ResourceName', 'ChargeDescription']);

/**
 * Narrows a breakdown by resource to the kind of resource `text` names, pushing its filter and
 * reading; the refusal when the data has no resource of that kind, else null.
 */
export function narrowToResourceKind(text: string, groupBy: readonly string[], filters: Filter[], assumptions: string[], catalog: Catalog): string | null {
  if (!groupBy.includes('ResourceId') || ANY_RESOURCE.test(text) || filters.some((f) => SCOPED.has(f.dimension))) return null;
  const kind = KINDS.find((k) => k.words.test(text));
  if (!kind) return null;
  const needle = squash(kind.term);
  const types = (catalog.get('ResourceType') ?? []).filter((v) => squash(v).includes(needle));
  if (types.length === 0) return `I found nothing in the data that reads as ${kind.name}: no resource type mentions ${kind.term}. Name the service they are billed under instead.`;
  filters.push(types.length === 1 ? { dimension: 'ResourceType', op: 'eq', value: types[0]! } : { dimension: 'ResourceType', op: 'in', values: types });
  assumptions.push(`"${kind.name}" read as the resource type ${types.join(', ')}`);
  return null;
}
