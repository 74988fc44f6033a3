/**
 * What kind of charge a FOCUS cost line is, for checks that watch usage: commitment purchases and
 * fees, tax, credits and refunds, corrections of earlier periods, unused commitments and
 * marketplace charges each have their own kind; everything else is 'usage'. One SQL expression,
 * the same in the daily rollup (its charge_kind column) and on the raw table, so a scan reading
 * either sees the same rows. AI usage rows are all 'usage'.
 */
export const CHARGE_KINDS = ['usage', 'purchase', 'tax', 'credit', 'adjustment', 'correction', 'unused_commitment', 'marketplace'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** The kinds that are not usage: what a usage check leaves out unless asked. */
export const NON_USAGE_KINDS = CHARGE_KINDS.filter((k) => k !== 'usage');

/** A company name without case, punctuation or legal suffix: "Amazon Web Services, Inc." → "amazon web services". */
const normalised = (sql: string) => `btrim(regexp_replace(regexp_replace(lower(${sql}), '[^a-z0-9 ]+', ' ', 'g'), '\\m(inc|llc|ltd|limited|corp|corporation|co|gmbh|plc|sa|ag|bv)\\M|\\s+', ' ', 'g'))`;
/** The initials of a normalised name: "amazon web services" → "aws". */
const initials = (sql: string) => `regexp_replace(${sql}, '(\\w)\\w*\\s*', '\\1', 'g')`;

/**
 * SQL that is true when the two names are one party: equal once normalised, one inside the other
 * ("Google" and "Google Cloud"), or one the initials of the other ("AWS" and "Amazon Web Services,
 * Inc.", as the FinOps Foundation sample writes ProviderName and PublisherName).
 */
function sameParty(a: string, b: string): string {
  const na = normalised(a);
  const nb = normalised(b);
  return `(position(${na} in ${nb}) > 0 or position(${nb} in ${na}) > 0 or ${initials(na)} = replace(${nb}, ' ', '') or ${initials(nb)} = replace(${na}, ' ', ''))`;
}

/**
 * The charge kind of a cost_lines row (unqualified column names). A charge is marketplace when its
 * seller (PublisherName, else FOCUS 1.3's ServiceProviderName) is another party than its
 * provider, or a FOCUS 1.3 HostProviderName hosts another party's service.
 */
/** The columns CLOUD_CHARGE_KIND_SQL reads (in the vocabulary, since ingest sums by them too). */
export { CHARGE_KIND_INPUTS } from '../schema/daily-sums.ts';

export const CLOUD_CHARGE_KIND_SQL = `(case
  when charge_class = 'Correction' then 'correction'
  when charge_category = 'Purchase' then 'purchase'
  when charge_category = 'Tax' then 'tax'
  when charge_category = 'Credit' then 'credit'
  when charge_category = 'Adjustment' then 'adjustment'
  when commitment_discount_status = 'Unused' then 'unused_commitment'
  when coalesce(nullif(publisher_name, ''), nullif(service_provider_name, '')) is not null
   and not ${sameParty("coalesce(nullif(publisher_name, ''), service_provider_name)", 'provider_name')} then 'marketplace'
  when nullif(host_provider_name, '') is not null and nullif(service_provider_name, '') is not null
   and not ${sameParty('host_provider_name', 'service_provider_name')} then 'marketplace'
  else 'usage' end)`;
