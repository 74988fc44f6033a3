/**
 * Which part of the world a cloud region is in, from the region id's own structure and words, not
 * a list of known ids: a region launched after this was written is placed as its siblings are.
 * - An area code first ("eu-south-2", "me-central-1", "ap-southeast-7", Oracle's "sa-saopaulo-1"):
 *   AWS, Oracle, Alibaba and IBM write the area or a country code before the first hyphen.
 * - Else a place word: Google writes "europe-north2", "africa-south1"; Azure glues a country or area
 *   to compass words ("swedencentral", "southafricanorth", "eastus2"); a country, US state or city
 *   is read through its continent.
 * - Else the FOCUS RegionName, when the export gives one ("EU (Stockholm)", "Iowa").
 * An id none of these place is reported as not placed by the caller, never silently dropped.
 */

export type AreaName = 'Europe' | 'Asia Pacific' | 'North America' | 'South America' | 'the Middle East' | 'Africa';

const [EU, AP, NA, SA, ME, AF] = ['Europe', 'Asia Pacific', 'North America', 'South America', 'the Middle East', 'Africa'] as const;

/**
 * Codes written before a region id's first hyphen. The clouds' own area codes (AWS: "sa" is South
 * America, "me" the Middle East) win over ISO country codes that spell the same.
 */
const CODES: Record<string, AreaName> = {
  eu: EU,
  uk: EU,
  gb: EU,
  de: EU,
  fr: EU,
  ch: EU,
  nl: EU,
  es: EU,
  it: EU,
  se: EU,
  us: NA,
  ca: NA,
  mx: NA,
  na: NA,
  ap: AP,
  au: AP,
  jp: AP,
  kr: AP,
  in: AP,
  sg: AP,
  cn: AP,
  hk: AP,
  tw: AP,
  nz: AP,
  sa: SA,
  br: SA,
  cl: SA,
  me: ME,
  il: ME,
  af: AF,
  za: AF,
};

/** Areas, countries, US states and the cities regions are named for, by their continent. Lower case, no spaces. */
const PLACES: Record<AreaName, string> = {
  Europe:
    'europe european eu eur uk unitedkingdom england london manchester cardiff wales scotland ireland dublin france paris marseille germany frankfurt berlin munich netherlands amsterdam ' +
    'belgium brussels switzerland zurich geneva sweden stockholm norway oslo stavanger denmark copenhagen finland helsinki hamina poland warsaw italy milan turin rome spain madrid ' +
    'austria vienna greece athens portugal lisbon czech prague hungary budapest romania bucharest',
  'Asia Pacific':
    'asia asiapacific apac australia sydney melbourne canberra newzealand auckland japan tokyo osaka korea seoul chuncheon india mumbai pune delhi hyderabad chennai bangalore ' +
    'singapore indonesia jakarta malaysia kualalumpur johor thailand bangkok taiwan taipei hongkong china beijing shanghai hangzhou shenzhen philippines manila vietnam',
  'North America':
    'us usa nam usgov usdod unitedstates northamerica america canada toronto montreal quebec calgary vancouver mexico queretaro virginia ohio oregon california iowa carolina ' +
    'southcarolina texas arizona phoenix sanjose chicago illinois nevada lasvegas utah saltlakecity washington seattle georgia atlanta newyork boston dallas columbus wyoming',
  'South America': 'southamerica latam brazil saopaulo riodejaneiro vinhedo chile santiago valparaiso argentina buenosaires colombia bogota peru lima',
  'the Middle East': 'middleeast uae dubai abudhabi qatar doha israel telaviv jerusalem saudiarabia saudi riyadh jeddah dammam bahrain kuwait oman muscat',
  Africa: 'africa southafrica johannesburg capetown nigeria lagos kenya nairobi egypt cairo morocco',
};

const PLACE_AREA = new Map<string, AreaName>(Object.entries(PLACES).flatMap(([area, words]) => words.split(' ').map((w) => [w, area as AreaName])));
/** Place words of five letters or more, longest first: found inside a glued id ("jioindiawest", "usgovvirginia"). */
const INSIDE = [...PLACE_AREA.keys()].filter((w) => w.length >= 5).sort((a, b) => b.length - a.length);
const COMPASS = /^(?:north|south)?(?:east|west)?(?:central)?|(?:north|south)?(?:east|west)?(?:central)?$/g;

/** A word with its compass words and numbers taken off both ends: "southeastasia" → "asia", "westus2" → "us". */
const coreOf = (word: string) => word.replace(/\d+/g, '').replace(COMPASS, '');

/** The area a word of a region id or name names, or null. */
function placeWord(word: string): AreaName | null {
  const glued = word.replace(/[^a-z]/g, '');
  const core = coreOf(glued);
  const whole = PLACE_AREA.get(glued) ?? (core ? PLACE_AREA.get(core) : undefined);
  if (whole) return whole;
  const inside = INSIDE.find((p) => glued.includes(p));
  return inside ? PLACE_AREA.get(inside)! : null;
}

/** The area of a text's words, the first placed word deciding. */
function placeWords(text: string): AreaName | null {
  for (const w of text.toLowerCase().split(/[^a-z0-9]+/)) {
    const area = w ? placeWord(w) : null;
    if (area) return area;
  }
  return null;
}

/** The area a stored region is in, from its id, else its FOCUS RegionName; null when neither says. */
export function areaOfRegion(id: string, name?: string | null): AreaName | null {
  const lower = id.toLowerCase();
  const parts = lower.split(/[-_\s.]+/).filter((p) => p && !/^\d+$/.test(p));
  // Own keys only: a first part "constructor" would find every object's prototype member.
  const code = parts.length > 1 && Object.hasOwn(CODES, parts[0]!) ? CODES[parts[0]!] : undefined;
  if (code) return code;
  // Each word ("southamerica-east1"), then the words run together ("south-carolina").
  return placeWords(lower) ?? placeWord(parts.join('')) ?? (name ? (placeWord(name.toLowerCase().replace(/\(.*\)|[^a-z]/g, '')) ?? placeWords(name)) : null);
}
