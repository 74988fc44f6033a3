/**
 * Parts of the world: "in Europe", "APAC regions", "North America", "EMEA". Each is the stored
 * regions region-areas.ts places there from the id's own words (AWS eu-south-2, Google
 * europe-north2, Azure swedencentral, OCI eu-stockholm-1); every region read is said, and so is
 * every stored region that could not be placed, rather than silently leaving it out. With no
 * stored region there, the words are left, and the question is declined rather than answered for
 * everywhere.
 */
import type { Filter } from '../../costs/query.ts';
import { pairsOf, type Catalog } from './catalog.ts';
import { takeGpu, type GpuWords } from './gpu.ts';
import { areaOfRegion, type AreaName } from './region-areas.ts';
import type { QuestionText } from './text.ts';

interface Area {
  name: string;
  /** The words of a question naming it, a whole word or words (never a part of "eu-west-1"). */
  words: string;
  /** The parts of the world (region-areas.ts) it is made of. */
  of: readonly AreaName[];
}

const AREAS: readonly Area[] = [
  { name: 'EMEA', words: 'emea', of: ['Europe', 'the Middle East', 'Africa'] },
  { name: 'Europe', words: 'europe|european|eu', of: ['Europe'] },
  { name: 'Asia Pacific', words: 'apac|asia[\\s-]+pacific|asia|asian', of: ['Asia Pacific'] },
  { name: 'North America', words: 'north\\s+america|north\\s+american|usa|united\\s+states|us(?=\\s+regions\\b)', of: ['North America'] },
  { name: 'South America', words: 'south\\s+america|latin\\s+america|latam', of: ['South America'] },
  { name: 'the Middle East', words: 'middle\\s+east', of: ['the Middle East'] },
  { name: 'Africa', words: 'africa|african', of: ['Africa'] },
];

const PHRASE = (area: Area) => new RegExp(`(?<![\\w-])(?:in\\s+)?(?:the\\s+)?(${area.words})(?:\\s+regions?)?(?![\\w-])`);
const PHRASES = AREAS.map((a) => [a, PHRASE(a)] as const);
/** Unplaced regions named in a reading; more are counted. */
const NAMED_UNPLACED = 5;

const placed = new WeakMap<Catalog, Map<string, AreaName | null>>();
/** Each stored region's part of the world, by its id or else its RegionName, placed once per catalog. */
function areasOf(catalog: Catalog, regions: readonly string[]): Map<string, AreaName | null> {
  let areas = placed.get(catalog);
  if (!areas) {
    const names = new Map<string, string>();
    for (const [id, name] of pairsOf(catalog, 'region names')) if (id && name && !names.has(id)) names.set(id, name);
    areas = new Map(regions.map((r) => [r, areaOfRegion(r, names.get(r))]));
    placed.set(catalog, areas);
  }
  return areas;
}

/** "; 2 regions not placed (…): xyz, nyc1", or nothing when every stored region was placed. */
function unplacedText(areas: Map<string, AreaName | null>): string {
  const left = [...areas].filter(([, a]) => a === null).map(([r]) => r);
  if (left.length === 0) return '';
  const more = left.length > NAMED_UNPLACED ? `, and ${left.length - NAMED_UNPLACED} more` : '';
  return `; ${left.length} region${left.length === 1 ? '' : 's'} not placed (no part of the world I know is in ${left.length === 1 ? 'its id or name' : 'their ids or names'}): ${left.slice(0, NAMED_UNPLACED).join(', ')}${more}`;
}

/** The regions of a part of the world the question names, its words taken; none when it names none stored. */
export function takeGeography(t: QuestionText, catalog: Catalog): GpuWords {
  const regions = catalog.get('RegionId') ?? [];
  for (const [area, re] of PHRASES) {
    const m = t.peek(re);
    // Google's multi-regions are stored as "us", "eu" and "asia": "the us region" is that one.
    if (!m || regions.some((r) => r.toLowerCase() === m[1])) continue;
    const areas = areasOf(catalog, regions);
    const ids = regions.filter((r) => area.of.some((a) => areas.get(r) === a));
    if (ids.length === 0) continue;
    t.mark({ start: m.index, end: m.index + m[0].length });
    const filter: Filter = ids.length === 1 ? { dimension: 'RegionId', op: 'eq', value: ids[0]! } : { dimension: 'RegionId', op: 'in', values: ids };
    return { filters: [filter], reading: `"${area.name}" read as the regions ${ids.join(', ')}${unplacedText(areas)}` };
  }
  return { filters: [], reading: null };
}

/** Words that name sets of cloud rows, read together: the GPU words (gpu.ts) and a part of the world. */
export function takeGpuAndArea(t: QuestionText, catalog: Catalog): GpuWords {
  const gpu = takeGpu(t, catalog);
  const area = takeGeography(t, catalog);
  const readings = [gpu.reading, area.reading].filter((r) => r !== null);
  return { filters: [...gpu.filters, ...area.filters], reading: readings.length > 0 ? readings.join('; ') : null };
}
