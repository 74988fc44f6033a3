/**
 * Parts of the world: "in Europe", "APAC regions", "North America". Each is the stored regions
 * whose ids place them there, as AWS (eu-west-1), Google (europe-west1), Azure (westeurope) and
 * OCI (eu-frankfurt-1) write them; every region read is said. With no stored region there, the
 * words are left, and the question is declined rather than answered for everywhere.
 */
import type { Filter } from '../../costs/query.ts';
import type { Catalog } from './catalog.ts';
import { takeGpu, type GpuWords } from './gpu.ts';
import type { QuestionText } from './text.ts';

interface Area {
  name: string;
  /** The words of a question naming it, a whole word or words (never a part of "eu-west-1"). */
  words: string;
  /** Region ids (lower case) in it. */
  ids: RegExp;
}

const AREAS: readonly Area[] = [
  {
    name: 'Europe',
    words: 'europe|european|eu',
    ids: /^(?:eu|europe|uk)-|europe|^(?:uk|france|germany|switzerland|norway|sweden|poland|italy|spain|austria|belgium|denmark|finland)/,
  },
  {
    name: 'Asia Pacific',
    words: 'apac|asia[\\s-]+pacific|asia|asian',
    ids: /^(?:ap|asia)-|asia|india|^(?:australia|japan|korea|indonesia|malaysia|newzealand|taiwan|singapore)/,
  },
  {
    name: 'North America',
    words: 'north\\s+america|north\\s+american|usa|united\\s+states|us(?=\\s+regions\\b)',
    ids: /^(?:us|ca|northamerica|mx)-|^(?:east|west|central|north|south|westcentral|northcentral|southcentral)us\d*$|^(?:canada|mexico)/,
  },
  { name: 'South America', words: 'south\\s+america|latin\\s+america|latam', ids: /^(?:sa|southamerica)-|^(?:brazil|chile)/ },
  { name: 'the Middle East', words: 'middle\\s+east', ids: /^(?:me|il)-|^(?:uae|qatar|israel)/ },
  { name: 'Africa', words: 'africa|african', ids: /^af-|africa/ },
];

const PHRASE = (area: Area) => new RegExp(`(?<![\\w-])(?:in\\s+)?(?:the\\s+)?(${area.words})(?:\\s+regions?)?(?![\\w-])`);
const PHRASES = AREAS.map((a) => [a, PHRASE(a)] as const);

/** The regions of a part of the world the question names, its words taken; none when it names none stored. */
export function takeGeography(t: QuestionText, catalog: Catalog): GpuWords {
  const regions = catalog.get('RegionId') ?? [];
  for (const [area, re] of PHRASES) {
    const m = t.peek(re);
    // Google's multi-regions are stored as "us", "eu" and "asia": "the us region" is that one.
    if (!m || regions.some((r) => r.toLowerCase() === m[1])) continue;
    const ids = regions.filter((r) => area.ids.test(r.toLowerCase()));
    if (ids.length === 0) continue;
    t.mark({ start: m.index, end: m.index + m[0].length });
    const filter: Filter = ids.length === 1 ? { dimension: 'RegionId', op: 'eq', value: ids[0]! } : { dimension: 'RegionId', op: 'in', values: ids };
    return { filters: [filter], reading: `"${area.name}" read as the regions ${ids.join(', ')}` };
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
