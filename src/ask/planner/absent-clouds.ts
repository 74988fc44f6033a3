/**
 * Clouds named that have no charges in the loaded data: "we're benchmarking OCI against the others",
 * "compare AWS, Azure, GCP and OCI". Beside other clouds, the named one is left out of the
 * question, the rest is answered, and the answer says which named clouds have no charges (with the
 * data's dates: src/ask/answer/plan-notes.ts). Named alone ("our OCI spend") it is declined, saying
 * which clouds the data holds: a 0 would read as "spent nothing there".
 */
import type { Catalog } from './catalog.ts';
import type { Plan, Refusal } from './plan-result.ts';
import { storedNames } from './typos.ts';

interface Cloud {
  /** How questions name it. */
  words: string;
  label: string;
  /** A stored provider name that is this cloud. */
  stored: RegExp;
}

const CLOUDS: Cloud[] = [
  { words: String.raw`oracle\s+cloud\s+infrastructure|oracle\s+cloud|oracle|oci`, label: 'OCI (Oracle Cloud)', stored: /oracle|\boci\b/i },
  { words: String.raw`alibaba\s+cloud|alibaba|aliyun`, label: 'Alibaba Cloud', stored: /alibaba|aliyun/i },
  { words: String.raw`ibm\s+cloud|ibm`, label: 'IBM Cloud', stored: /\bibm\b/i },
  { words: String.raw`amazon\s+web\s+services|aws`, label: 'AWS', stored: /\baws\b|amazon/i },
  { words: String.raw`microsoft\s+azure|azure`, label: 'Microsoft Azure', stored: /azure|microsoft/i },
  { words: String.raw`google\s+cloud\s+platform|google\s+cloud|gcp`, label: 'Google Cloud', stored: /google|\bgcp\b/i },
];

const JOIN = String.raw`(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus|against|&)\s+|\s*/\s*)`;
/** "benchmarking OCI against the others": the clause says only that the cloud is compared. */
const bench = (m: string) =>
  new RegExp(
    String.raw`(?:\b(?:we(?:'re|\s+are)|i(?:'m|\s+am))\s+)?\b(?:benchmark(?:ing)?|compar(?:e|ing))\s+(?:${m})\s+(?:against|with|to|versus|vs\.?)\s+(?:all\s+)?(?:the\s+)?(?:others?|rest|other\s+(?:clouds?|providers?))\b(?:\s*[-–—:;,]\s*)?`,
    'i',
  );
/** The cloud with the joiner before it (", OCI", "and OCI", "vs OCI"), else after it ("OCI vs AWS"). */
const listed = (m: string) => [new RegExp(String.raw`${JOIN}\b(?:${m})\b`, 'i'), new RegExp(String.raw`\b(?:${m})\b${JOIN}`, 'i')];
/** "is oracle in there at all?" beside a split by provider: asks only whether the cloud is among the rows. */
const inThere = (m: string) =>
  new RegExp(
    String.raw`(?:[,;:\u2013\u2014-]\s*)?\b(?:is|are|does|do)\s+(?:${m})\s+(?:(?:even\s+)?in\s+(?:there|here|it|the\s+(?:data|list))|included|listed|show\s+up|on\s+the\s+list)(?:\s+at\s+all)?\s*\??`,
    'i',
  );
const BY_PROVIDER = /\b(?:by|per|each|every|across)\s+(?:the\s+)?(?:cloud\s+)?(?:providers?|clouds?|vendors?)\b/i;
/** "the others", "the rest": clouds compared with one named. */
const OTHERS = /\b(?:the\s+)?(?:others|rest|other\s+(?:clouds|providers))\b/i;

/** Words that judge one cloud against another, which one cloud alone cannot answer. */
const JUDGED =
  /\b(?:which|who|cheaper|cheapest|pricier|priciest|costlier|costliest|(?:more|less|most|least)\s+expensive|more|less|higher|lower|bigger|smaller|than|compare[sd]?|comparing|comparison|difference|diff|gap|delta|benchmark(?:ing)?)\b/i;

/**
 * "no charges from OCI": in the loaded data, or, for a viewer limited to their teams (whose catalog
 * holds only the providers they can see), among the charges they can see. Another team's AWS
 * charges are neither denied nor shown.
 */
export const noChargesFrom = (clouds: readonly string[], limited: boolean, join = ' or ') => `no charges ${limited ? 'you can see ' : ''}from ${clouds.join(join)}`;

/** The refusal said when a cloud with no charges is named alone. */
export const absentRefusal = (a: NonNullable<Refusal['absent']>, limited: boolean) =>
  `The loaded data has ${noChargesFrom(a.clouds, limited)}; the clouds ${limited ? 'with charges you can see' : 'it holds'} are ${a.held.join(', ')}.`;

const has = (words: string, text: string) => new RegExp(String.raw`\b(?:${words})\b`, 'i').test(text);

/**
 * The question read without the clouds that have no charges, when other clouds are named beside
 * them; a refusal when such a cloud is named alone; null when every cloud named has charges.
 */
export function readAbsentClouds(question: string, catalog: Catalog, plan: (text: string) => Plan | Refusal): Plan | Refusal | null {
  const providers = catalog.get('provider') ?? [];
  if (providers.length === 0) return null;
  const names = storedNames(catalog);
  const absent = CLOUDS.filter((c) => has(c.words, question) && !providers.some((p) => c.stored.test(p)) && !c.words.split('|').some((w) => names.has(w)));
  if (absent.length === 0) return null;
  const present = CLOUDS.filter((c) => has(c.words, question) && !absent.includes(c));
  const clouds = providers.filter((p) => CLOUDS.some((c) => c.stored.test(p)));
  const said = { clouds: absent.map((c) => c.label), held: clouds.length ? clouds : providers };
  const refusal: Refusal = { ok: false, message: absentRefusal(said, false), suggestions: [], absent: said };
  // One cloud left beside a judgement ("OCI or Azure, which is cheaper?") has nothing to be judged against.
  const aside = BY_PROVIDER.test(question) && absent.some((c) => inThere(c.words).test(question));
  if ((present.length === 0 || (present.length === 1 && JUDGED.test(question))) && !OTHERS.test(question) && !aside) return refusal;
  let text = question;
  for (const c of absent) {
    const [before, after] = listed(c.words);
    // Each mention once: the clause, else the joiner before it, else the one after.
    for (let i = 0; i < 4 && has(c.words, text); i++) {
      const was = text;
      text = text.replace(inThere(c.words), ' ').replace(bench(c.words), ' ');
      if (text === was) text = text.replace(before!, '');
      if (text === was) text = text.replace(after!, '');
      if (text === was) break;
    }
  }
  // Named where no list or comparison reads it away ("how does OCI compare to AWS"): said, not left to "can't place".
  if (absent.some((c) => has(c.words, text))) return refusal;
  const read = plan(text.replace(/\s{2,}/g, ' ').trim());
  return read.ok ? { ...read, absent: absent.map((c) => c.label) } : read;
}
