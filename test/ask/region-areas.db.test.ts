/**
 * Parts of the world over region ids as each cloud writes them, loaded through the FOCUS ingest
 * from a hand-written export: AWS (eu-south-2, cn-north-1, us-gov-west-1), Google (europe-north2,
 * us-central1), Azure (swedencentral, usgovvirginia, chinanorth3, southafricanorth), Oracle
 * (eu-stockholm-1, sa-saopaulo-1, and a region key "FRA" whose RegionName is eu-frankfurt-1, as
 * the real OCI export writes its region), IBM (jp-tok, eu-de), Alibaba (cn-hangzhou). A region
 * is placed by its id's own words, else its RegionName; one neither places ("global") is said,
 * never silently left out. Truths are SQL written here by hand over cost_lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerOffline } from '../../src/ask/answer/answer.ts';
import { loadFocusFile } from '../../src/ingest/focus/load.ts';
import { fileDb } from '../support/file-db.ts';
import { CORE_FOCUS_HEADER, writeCsv } from '../support/focus-sample.ts';

const f = fileDb();
const HEADER = [...CORE_FOCUS_HEADER, 'RegionId', 'RegionName'];
/** [provider, service, region id, region name]: one usage line each, its cost set apart by its place in the list. */
const REGIONS: Array<[string, string, string, string]> = [
  ['AWS', 'Amazon Elastic Compute Cloud', 'eu-south-2', 'Europe (Spain)'],
  ['AWS', 'Amazon Elastic Compute Cloud', 'me-central-1', 'Middle East (UAE)'],
  ['AWS', 'Amazon Elastic Compute Cloud', 'ap-southeast-7', 'Asia Pacific (Thailand)'],
  ['AWS', 'Amazon Elastic Compute Cloud', 'cn-north-1', 'China (Beijing)'],
  ['AWS', 'Amazon Elastic Compute Cloud', 'us-gov-west-1', 'AWS GovCloud (US-West)'],
  ['Google Cloud', 'Compute Engine', 'europe-north2', 'Stockholm'],
  ['Google Cloud', 'Compute Engine', 'us-central1', 'Iowa'],
  ['Microsoft', 'Virtual Machines', 'swedencentral', 'Sweden Central'],
  ['Microsoft', 'Virtual Machines', 'usgovvirginia', 'US Gov Virginia'],
  ['Microsoft', 'Virtual Machines', 'chinanorth3', 'China North 3'],
  ['Microsoft', 'Virtual Machines', 'southafricanorth', 'South Africa North'],
  ['Microsoft', 'Azure DNS', 'global', ''],
  ['Oracle', 'COMPUTE', 'eu-stockholm-1', ''],
  ['Oracle', 'COMPUTE', 'sa-saopaulo-1', ''],
  ['Oracle', 'COMPUTE', 'FRA', 'eu-frankfurt-1'],
  ['IBM Cloud', 'Virtual Server for VPC', 'jp-tok', 'Tokyo'],
  ['IBM Cloud', 'Virtual Server for VPC', 'eu-de', 'Frankfurt'],
  ['Alibaba Cloud', 'Elastic Compute Service', 'cn-hangzhou', 'China (Hangzhou)'],
];

beforeAll(async () => {
  const rows = REGIONS.map(([provider, service, id, name], i) => {
    const cost = String(10 + i * 1.25);
    return ['1000', 'USD', '2026-05-01', '2026-06-01', '2026-05-10T00:00:00Z', '2026-05-11T00:00:00Z', 'Usage', provider, service, cost, cost, id, name];
  });
  const file = await writeCsv(f.dir, 'regions.csv', HEADER, rows);
  expect((await loadFocusFile(f.t.pool, file)).status).toBe('loaded');
}, 120_000);

const ask = (q: string) => answerOffline(f.t.pool, q, { viewer: { admin: true, teams: [] }, asOf: '2026-06-15' });
const total = async (ids: string[]) => Number((await f.t.pool.query('select sum(effective_cost) v from cost_lines where region_id = any($1)', [ids])).rows[0].v);
const regionsOf = (a: Awaited<ReturnType<typeof ask>>) => {
  const filter = a.query?.filters.find((x) => x.dimension === 'RegionId');
  return filter?.op === 'in' ? [...filter.values].sort() : filter?.op === 'eq' ? [filter.value] : [];
};

describe('a part of the world is every stored region placed there by its own words', () => {
  it.each([
    ['spend in Europe in may', ['eu-south-2', 'europe-north2', 'swedencentral', 'eu-stockholm-1', 'FRA', 'eu-de']],
    ['APAC spend in may', ['ap-southeast-7', 'cn-north-1', 'chinanorth3', 'jp-tok', 'cn-hangzhou']],
    ['what did the US regions cost in may?', ['us-gov-west-1', 'us-central1', 'usgovvirginia']],
    ['EMEA spend in may', ['eu-south-2', 'me-central-1', 'europe-north2', 'swedencentral', 'southafricanorth', 'eu-stockholm-1', 'FRA', 'eu-de']],
    ['latam spend in may', ['sa-saopaulo-1']],
  ])('"%s"', async (q, ids) => {
    const a = await ask(q);
    expect(regionsOf(a)).toEqual([...ids].sort());
    expect(a.value).toBeCloseTo(await total(ids), 6);
    // The one region nothing places is said, not silently left out.
    expect(a.how).toContain('1 region not placed');
    expect(a.how).toContain(': global');
  });
});

describe('near misses', () => {
  it('a region named by its id is that region alone; a breakdown by region keeps every region, "global" too', async () => {
    const one = await ask('europe-north2 spend in may');
    expect(regionsOf(one)).toEqual(['europe-north2']);
    expect(one.how ?? '').not.toContain('not placed');
    const split = await ask('spend by region in may');
    expect(split.rows).toHaveLength(REGIONS.length);
    expect(split.rows.map((r) => r.RegionId)).toContain('global');
  });

  it("one region there is that region: Africa is Azure's southafricanorth", async () => {
    const a = await ask('spend in africa in may');
    expect(regionsOf(a)).toEqual(['southafricanorth']);
    expect(a.value).toBeCloseTo(await total(['southafricanorth']), 6);
  });
});
