/**
 * Parts of the cloud named by what they are, not by a service's name: "NAT gateways", "load
 * balancers", "the storage account", "CDN", "object storage", "managed Kubernetes", "the servers"
 * (compute). Each common
 * part has words seen in the data for it, matched against the stored service subcategories,
 * resource types, service names or charge descriptions in the order that fits the part; the first
 * of those that has any is the filter, every matching value included and said in the
 * reading. When nothing stored mentions the part, the question is declined saying what was looked
 * for, never answered for everything.
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';
import { dimensionName } from '../answer/format.ts';
import type { QuestionText } from './text.ts';
import type { Named } from './lists.ts';

type Column = 'ServiceCategory' | 'ServiceSubcategory' | 'ResourceType' | 'ServiceName' | 'ChargeDescription';

interface Part {
  /** The words of a question naming it. */
  words: RegExp;
  /** What it is called in answers. */
  name: string;
  /** Words the data uses for it, matched as whole words in stored values (case and spacing aside). */
  terms: readonly string[];
  /**
   * Where it is looked for, in order; the first with a match is the filter. A column naming only
   * some of it (an "EKS" service beside a "GKE Cluster" resource type) comes after one naming all.
   */
  where: readonly Column[];
  /** Its words also say how to group ("which servers"): matched, not taken. */
  leave?: boolean;
}

/**
 * A ranking or breakdown word before a kind of machine ("which of our", "per", "top 5"), not its
 * type, hours, family or size; a name may come between ("which EC2 instance", "top 3 GCP VMs"),
 * left for the value filters.
 */
const ranked = (machines: string) =>
  new RegExp(
    String.raw`\b(?:(?:which|each|every|any)(?:\s+one)?\s+of\s+(?:the|our|my|these|those)|which|each|every|per|by|top(?:\s+(?:\d+|three|five|ten))?|most\s+expensive|priciest|costliest|biggest|cheapest)\s+(?:[a-z0-9][\w.-]*\s+)?(?:${machines})\b(?![\s-]+(?:types?|hours?|famil(?:y|ies)|sizes?)\b)`,
  );

const PARTS: readonly Part[] = [
  { words: /\bnat[\s-]*gate[\s-]?ways?\b/, name: 'NAT gateways', terms: ['nat gateway', 'natgateway'], where: ['ResourceType', 'ChargeDescription'] },
  {
    words: /\b(?:(?:application|network|elastic)\s+)?load[\s-]*balanc(?:ers?|ing)\b|\b(?:elb|alb|nlb)s?\b/,
    name: 'load balancers',
    terms: ['load balancer', 'load balancing', 'loadbalancer', 'elb'],
    where: ['ServiceName', 'ResourceType', 'ChargeDescription'],
  },
  { words: /\bstorage\s+accounts?\b/, name: 'storage accounts', terms: ['storage account'], where: ['ResourceType'] },
  {
    // FOCUS has no transfer column: the charge says it ("VNet peering data transfer", "Network Internet Egress"), or Azure's "Bandwidth" service does.
    words: /\bdata[\s-]+transfers?\b|\begress\b|\bbandwidth\b/,
    name: 'data transfer',
    terms: ['data transfer', 'datatransfer', 'egress', 'bandwidth'],
    where: ['ChargeDescription', 'ServiceName'],
  },
  {
    words: /\b(?:managed\s+|persistent\s+)?disks?\b|\bblock\s+storage\b|\b(?:ebs\s+)?volumes\b/,
    name: 'disks',
    terms: ['block storage', 'disk', 'disks', 'volume', 'elastic block store'],
    where: ['ServiceSubcategory', 'ResourceType', 'ServiceName'],
  },
  {
    words: /\bcdns?\b|\bcontent\s+delivery(?:\s+networks?)?\b/,
    name: 'CDN',
    terms: ['cdn', 'content delivery', 'cloudfront', 'front door', 'frontdoor'],
    where: ['ServiceName', 'ServiceSubcategory', 'ChargeDescription'],
  },
  {
    words: /\bobject\s+stor(?:age|es?)\b|\bblob\s+storage\b/,
    name: 'object storage',
    terms: ['object storage', 'simple storage service', 'blob storage', 'cloud storage'],
    where: ['ServiceSubcategory', 'ServiceName'],
  },
  // "k8s clusters": the clusters are the Kubernetes services' ("kubernetes clusters" is a service name and its noun, values.ts).
  { words: /\bmanaged\s+(?:kubernetes|k8s)\b|\bk8s(?:\s+clusters?)?\b/, name: 'managed Kubernetes', terms: ['kubernetes'], where: ['ServiceName'] },
  {
    // "Cloud Monitoring" and "Azure Monitor" typed are those services (values.ts), not every cloud's monitoring.
    words: /(?<!\b(?:cloud|azure|google|gcp|aws)\s+)\b(?:monitoring|observability)\b/,
    name: 'monitoring',
    terms: ['observability', 'monitoring', 'monitor', 'cloudwatch', 'log analytics'],
    where: ['ServiceSubcategory', 'ServiceName'],
  },
  {
    words: /\bserverless(?:\s+(?:compute|functions?))?\b|\bfunctions?[\s-]+as[\s-]+a[\s-]+service\b|\bfaas\b/,
    name: 'serverless compute',
    terms: ['serverless', 'lambda', 'functions', 'cloud run', 'app engine', 'container apps'],
    where: ['ServiceSubcategory', 'ServiceName'],
  },
  {
    // Before the machines as a kind: in "which EC2 instance costs the most" "instance cost" is no level.
    // "which servers cost the most", "which of our machines", "top 5 instances": ranked by resource
    // within compute; the words are left to grouping.ts.
    words: ranked('servers?|machines?|box(?:es)?|hosts?|instances?'),
    name: 'servers',
    terms: ['compute'],
    where: ['ServiceCategory'],
    leave: true,
  },
  {
    // "cost per vm", "top 5 VMs": virtual machines by resource, not every resource nor every kind of compute.
    words: ranked('vms?'),
    name: 'virtual machines',
    terms: ['virtual machines', 'virtual machine'],
    where: ['ServiceSubcategory', 'ResourceType'],
    leave: true,
  },
  {
    // "how much did the servers cost": machines as a kind, not every resource (buckets too) by id.
    // Not "which of our servers" nor "each of the instances": a ranking or breakdown by resource (grouping.ts).
    // Said with no "the" too: "server costs", "vm spend", "what do we pay for servers"; "virtual machines" is Azure's service's name (values.ts).
    // The word boundary first: a look-behind tried at every blank would rescan a long run of taken words.
    words:
      /\b(?<!\b(?:which|each|every|per|by|of|among|across|top|most|least|virtual)\s+)(?:(?:the|our|all|my|these|those)\s+(?:servers|machines|box(?:es)|hosts|instances)|(?:servers?|machines?|hosts?|instances?|vm)(?=\s+(?:costs?|spend|spending|bills?)\b)|(?<=\b(?:for|on)\s+)(?:servers|machines|hosts|instances))\b/,
    name: 'servers',
    terms: ['compute'],
    where: ['ServiceCategory'],
  },
];

const orList = (xs: readonly string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);
/** A value or term as its words, lower-cased and space-bounded, for whole-word containment. */
export const squash = (s: string) =>
  ` ${s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

export type PartMatch = { filter: Filter; reading: string; named: Named } | { refusal: string };

/** The stored values of `dimension` that mention one of `terms` as whole words. */
function mentioning(catalog: Catalog, dimension: string, terms: readonly string[]): string[] {
  const needles = terms.map(squash);
  return (catalog.get(dimension) ?? []).filter((v) => {
    const hay = squash(v);
    return needles.some((n) => hay.includes(n));
  });
}

/** The part the question names as a filter with its reading, a refusal when the data has none of it, or null when it names none. */
export function takeServicePart(t: QuestionText, catalog: Catalog): PartMatch | null {
  for (const part of PARTS) {
    const m = part.leave ? t.peek(part.words) : t.takeOne(part.words);
    if (!m) continue;
    for (const dimension of part.where) {
      const values = mentioning(catalog, dimension, part.terms);
      if (values.length === 0) continue;
      const filter: Filter = values.length === 1 ? { dimension, op: 'eq', value: values[0]! } : { dimension, op: 'in', values };
      const named = { dimension, values, start: m.index, end: m.index + m[0].length, phrase: m[0], negated: false };
      return { filter, reading: `"${m[0]}" read as ${part.name}: the ${dimensionName(dimension)} ${values.join(', ')}`, named };
    }
    return {
      refusal: `I found nothing in the data that reads as ${part.name}: no ${orList(part.where.map((d) => dimensionName(d)))} mentions ${orList(part.terms)}. Name the service it is billed under instead.`,
    };
  }
  return null;
}
