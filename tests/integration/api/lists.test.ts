/**
 * Root connections: every list answers; every filter operator selects what an independent Cypher query
 * selects; orders by a property and by a relation count; keyset paging forwards and backwards, its edges
 * and its errors. Lists are narrowed to the seeded graph (keys without "-test-") so that other test files'
 * writes cannot change what is asserted.
 */
import { describe, expect, it } from 'vitest';
import { keysOf, SEEDED_ONLY, useApi } from '../../support/graphql.ts';

const api = useApi();

const GUANGDONG_ZONES = [
  'dongguan-songshan-lake',
  'foshan',
  'guangzhou',
  'huizhou-zhongkai',
  'jiangmen',
  'maoming',
  'qingyuan',
  'shantou',
  'shenzhen',
  'heyuan-yuancheng',
  'zhanjiang',
  'zhaoqing',
  'zhongshan-torch',
  'zhuhai',
];
const IN_GUANGDONG = { province: { key: { eq: 'guangdong' } } };

interface PageResult {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { cursor: string; node: { key: string } }[];
}

/** One page of a root list. */
async function page(field: string, args: Record<string, unknown>): Promise<PageResult> {
  const data = await api.ok(
    `query($where: ${whereType(field)}, $orderBy: ${orderType(field)}, $first: Int, $last: Int, $after: String, $before: String) {
      list: ${field}(where: $where, orderBy: $orderBy, first: $first, last: $last, after: $after, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { key } }
      }
    }`,
    args,
  );
  return data.list;
}

const TYPE_OF: Record<string, string> = {
  zones: 'Zone',
  programs: 'Program',
  policies: 'Policy',
  companies: 'Company',
  industryClusters: 'IndustryCluster',
  organizations: 'Organization',
  places: 'Place',
  designations: 'Designation',
  technologies: 'Technology',
  events: 'Event',
  indicators: 'Indicator',
  sources: 'Source',
};
const whereType = (field: string) => `${TYPE_OF[field]}Where`;
const orderType = (field: string) => `${TYPE_OF[field]}OrderBy`;

/** Every key a filter selects, walking all pages forwards. */
async function allKeys(
  field: string,
  where: Record<string, unknown>,
  orderBy?: Record<string, unknown>,
  size = 100,
): Promise<string[]> {
  const keys: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const p = await page(field, { where, orderBy, first: size, after });
    keys.push(...keysOf(p));
    if (!p.pageInfo.hasNextPage) return keys;
    after = p.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

/** Keys of seeded zones that a Cypher condition on `z` selects. */
async function cypherZones(condition: string, params: Record<string, unknown> = {}): Promise<string[]> {
  const rows = await api.executor.read(
    `MATCH (z:Zone) WHERE NOT z.key CONTAINS '-test-' AND (${condition}) RETURN z.key AS key ORDER BY key`,
    params,
  );
  return rows.map((r) => String(r.key));
}

const zonesWhere = (where: Record<string, unknown>) =>
  allKeys('zones', { AND: [SEEDED_ONLY, where] }).then((keys) => [...keys].sort());

describe('every root connection', () => {
  it.each(Object.entries(TYPE_OF))(
    '%s answers with edges of %s, and totalCount counts them',
    async (field, type) => {
      const data = await api.ok(`{ list: ${field}(first: 3, where: { NOT: { key: { contains: "-test-" } } }) {
      totalCount edges { cursor node { __typename key name } } pageInfo { hasNextPage }
    } }`);
      const list = data.list;
      expect(list.edges.length).toBeGreaterThan(0);
      expect(list.edges.length).toBeLessThanOrEqual(3);
      for (const edge of list.edges) {
        expect(edge.node.__typename).toBe(type);
        expect(edge.cursor).toEqual(expect.any(String));
      }
      const [row] = await api.executor.read(
        `MATCH (n:${type}) WHERE NOT n.key CONTAINS '-test-' RETURN count(n) AS n`,
      );
      expect(list.totalCount).toBe(row?.n);
      expect(list.pageInfo.hasNextPage).toBe(list.totalCount > 3);
    },
  );

  it('orders by name by default (ties by key), and indicators by key', async () => {
    const zones = await allKeys('zones', SEEDED_ONLY);
    const expected = await api.executor.read(
      "MATCH (z:Zone) WHERE NOT z.key CONTAINS '-test-' RETURN z.key AS key ORDER BY z.name, z.key",
    );
    expect(zones).toEqual(expected.map((r) => r.key));
    const indicators = await allKeys('indicators', SEEDED_ONLY);
    expect(indicators).toEqual([...indicators].sort());
    expect(indicators.length).toBeGreaterThan(20);
  });
});

describe('string filters (text matching ignores case)', () => {
  it('eq selects the one zone with that name', async () => {
    expect(await zonesWhere({ name: { eq: 'Shenzhen High-tech Industrial Park' } })).toEqual(['shenzhen']);
  });

  it('ne leaves out that value', async () => {
    const keys = await zonesWhere({ ...IN_GUANGDONG, key: { ne: 'shenzhen' } });
    expect(keys).toEqual(GUANGDONG_ZONES.filter((k) => k !== 'shenzhen').sort());
  });

  it('in selects the listed values (unknown ones are ignored)', async () => {
    expect(await zonesWhere({ key: { in: ['zhongguancun', 'shenzhen', 'no-such-zone-test-x'] } })).toEqual([
      'shenzhen',
      'zhongguancun',
    ]);
  });

  it('contains matches anywhere, whatever the case', async () => {
    const keys = await zonesWhere({ name: { contains: 'TORCH' } });
    expect(keys).toEqual(await cypherZones("toLower(z.name) CONTAINS 'torch'"));
    expect(keys).toEqual(expect.arrayContaining(['xiamen-torch', 'zhongshan-torch', 'weihai-torch']));
  });

  it('startsWith and endsWith match the ends, whatever the case', async () => {
    const starts = await zonesWhere({ name: { startsWith: 'shenzhen' } });
    expect(starts).toEqual(await cypherZones("toLower(z.name) STARTS WITH 'shenzhen'"));
    expect(starts).toContain('shenzhen');
    const ends = await zonesWhere({ name: { endsWith: 'PARK' } });
    expect(ends).toEqual(await cypherZones("toLower(z.name) ENDS WITH 'park'"));
    expect(ends).toEqual(expect.arrayContaining(['shenzhen', 'zhongguancun']));
  });

  it('filters on nameZh too', async () => {
    expect(await zonesWhere({ nameZh: { startsWith: '中关村' } })).toEqual(['zhongguancun']);
  });
});

describe('int filters', () => {
  it.each([
    ['eq', { eq: 1988 }, 'z.approvedYear = 1988'],
    ['gt', { gt: 2017 }, 'z.approvedYear > 2017'],
    ['gte', { gte: 2018 }, 'z.approvedYear >= 2018'],
    ['lt', { lt: 1992 }, 'z.approvedYear < 1992'],
    ['lte', { lte: 1991 }, 'z.approvedYear <= 1991'],
    ['in', { in: [1988, 1997, 2007] }, 'z.approvedYear IN [1988, 1997, 2007]'],
    ['gte and lt together', { gte: 2010, lt: 2012 }, 'z.approvedYear >= 2010 AND z.approvedYear < 2012'],
  ])('approvedYear %s', async (_name, filter, condition) => {
    const keys = await zonesWhere({ approvedYear: filter });
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual(await cypherZones(condition));
  });

  it('eq 1988 is Zhongguancun alone; in [1997, 2007] are Yangling and Ningbo', async () => {
    expect(await zonesWhere({ approvedYear: { eq: 1988 } })).toEqual(['zhongguancun']);
    expect(await zonesWhere({ approvedYear: { in: [1997, 2007] } })).toEqual(['ningbo', 'yangling']);
  });
});

describe('list filters', () => {
  it('aliases: {includes} selects zones whose aliases hold the value exactly', async () => {
    expect(await zonesWhere({ aliases: { includes: '中关村' } })).toEqual(['zhongguancun']);
    expect(await zonesWhere({ aliases: { includes: 'Zhongguancun' } })).toEqual(['zhongguancun']);
    expect(await zonesWhere({ aliases: { includes: 'zhongguancun-not-an-alias' } })).toEqual([]);
  });
});

describe('AND, OR, NOT', () => {
  it('AND needs every condition', async () => {
    const keys = await zonesWhere({ AND: [IN_GUANGDONG, { approvedYear: { eq: 1991 } }] });
    const expected = await cypherZones(
      "z.approvedYear = 1991 AND EXISTS { (z)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(:Place {key: 'guangdong'}) }",
    );
    expect(keys).toEqual(expected);
    expect(keys).toContain('shenzhen');
    expect(keys.length).toBeLessThan(GUANGDONG_ZONES.length);
  });

  it('OR needs one condition', async () => {
    const keys = await zonesWhere({
      OR: [{ key: { eq: 'zhongguancun' } }, { key: { eq: 'shenzhen' } }, { approvedYear: { eq: 1997 } }],
    });
    expect(keys).toEqual(['shenzhen', 'yangling', 'zhongguancun']);
  });

  it('NOT inverts a condition', async () => {
    const keys = await zonesWhere({ ...IN_GUANGDONG, NOT: { key: { startsWith: 'zh' } } });
    expect(keys).toEqual(GUANGDONG_ZONES.filter((k) => !k.startsWith('zh')).sort());
  });

  it('nest: (Guangdong OR Beijing) AND NOT a name starting with "Zh"', async () => {
    const keys = await zonesWhere({
      OR: [IN_GUANGDONG, { province: { key: { eq: 'beijing' } } }],
      NOT: { name: { startsWith: 'zh' } },
    });
    expect(keys).toContain('shenzhen');
    expect(keys).not.toContain('zhongguancun');
    expect(keys).toEqual(
      await cypherZones(
        `EXISTS { (z)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(p:Place) WHERE p.key IN ['guangdong', 'beijing'] }
         AND NOT toLower(z.name) STARTS WITH 'zh'`,
      ),
    );
  });

  it('NOT is the complement of its condition, also for zones where the property is missing', async () => {
    // 31 seeded zones have no approvedYear. A zone with no year is not "approved in 1991", so NOT must keep it.
    const all = await zonesWhere({});
    const approved1991 = await zonesWhere({ approvedYear: { eq: 1991 } });
    const notApproved1991 = await zonesWhere({ NOT: { approvedYear: { eq: 1991 } } });
    expect(approved1991.length).toBe(26);
    expect(notApproved1991).toContain('heyuan-yuancheng');
    expect([...approved1991, ...notApproved1991].sort()).toEqual(all);
  });
});

describe('relation conditions', () => {
  it('zones in province Guangdong: exactly its 14 zones', async () => {
    expect(await zonesWhere(IN_GUANGDONG)).toEqual([...GUANGDONG_ZONES].sort());
  });

  it('zones in the city Shenzhen, and in Beijing (a municipality is its own city and province)', async () => {
    expect(await zonesWhere({ city: { key: { eq: 'shenzhen-place' } } })).toEqual(['shenzhen']);
    expect(await zonesWhere({ province: { key: { eq: 'beijing' } } })).toEqual(['zhongguancun']);
  });

  it('zones holding designation zhongguancun-nidz (some)', async () => {
    expect(await zonesWhere({ designations: { some: { key: { eq: 'zhongguancun-nidz' } } } })).toEqual([
      'zhongguancun',
    ]);
  });

  it('zones with at least 2 companies (count gte), and with exactly one', async () => {
    expect(await zonesWhere({ companies: { count: { gte: 2 } } })).toEqual(['shenzhen', 'zhongguancun']);
    expect(await zonesWhere({ companies: { count: { eq: 1 } } })).toEqual(['changsha']);
    expect(await zonesWhere({ companies: { count: { gt: 3 } } })).toEqual([]);
  });

  it('none: Guangdong zones where no company is Huawei', async () => {
    const keys = await zonesWhere({ ...IN_GUANGDONG, companies: { none: { key: { eq: 'huawei' } } } });
    expect(keys).toEqual(GUANGDONG_ZONES.filter((k) => k !== 'shenzhen').sort());
  });

  it('some and none together, and a condition two relations deep', async () => {
    const both = await zonesWhere({
      companies: { some: { key: { eq: 'huawei' } }, none: { key: { eq: 'lenovo' } } },
    });
    expect(both).toEqual(['shenzhen']);
    const deep = await zonesWhere({
      clusters: { some: { technologies: { some: { key: { eq: 'chip-design' } } } } },
    });
    expect(deep).toEqual(['zhongguancun']);
  });

  it('filters other types along their relations (companies by origin zone, places by kind)', async () => {
    expect([...(await allKeys('companies', { originZone: { key: { eq: 'shenzhen' } } }))].sort()).toEqual([
      'huawei',
      'tencent',
      'zte',
    ]);
    const provinces = await allKeys('places', { AND: [SEEDED_ONLY, { kind: { eq: 'province' } }] });
    expect(provinces).toContain('guangdong');
    expect(provinces).not.toContain('shenzhen');
  });
});

describe('ordering', () => {
  it('by a scalar, ascending and descending (ties by key)', async () => {
    const where = { AND: [SEEDED_ONLY, { approvedYear: { gte: 1900 } }] };
    const asc = await allKeys('zones', where, { field: 'APPROVED_YEAR', direction: 'ASC' });
    const expectedAsc = await api.executor.read(
      `MATCH (z:Zone) WHERE NOT z.key CONTAINS '-test-' AND z.approvedYear >= 1900
       RETURN z.key AS key ORDER BY z.approvedYear, z.key`,
    );
    expect(asc).toEqual(expectedAsc.map((r) => r.key));
    expect(asc[0]).toBe('zhongguancun');
    const desc = await allKeys('zones', where, { field: 'APPROVED_YEAR', direction: 'DESC' });
    expect(desc).toEqual([...asc].reverse());
  });

  it('by a relation count: COMPANIES_COUNT DESC puts Shenzhen first, then Zhongguancun, then Changsha', async () => {
    const p = await page('zones', {
      where: SEEDED_ONLY,
      orderBy: { field: 'COMPANIES_COUNT', direction: 'DESC' },
      first: 3,
    });
    expect(keysOf(p)).toEqual(['shenzhen', 'zhongguancun', 'changsha']);
  });

  it('by name descending within a filter', async () => {
    const keys = await allKeys('zones', IN_GUANGDONG, { field: 'NAME', direction: 'DESC' });
    expect(keys).toEqual([...GUANGDONG_ZONES].reverse());
  });
});

describe('paging', () => {
  it('gives a first page with its pageInfo', async () => {
    const p = await page('zones', { where: IN_GUANGDONG, first: 5 });
    expect(keysOf(p)).toEqual(GUANGDONG_ZONES.slice(0, 5));
    expect(p.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: p.edges[0]!.cursor,
      endCursor: p.edges[4]!.cursor,
    });
    expect(p.totalCount).toBe(14);
  });

  it('walks all pages with after: every zone once, in order, and totalCount equals what was walked', async () => {
    const keys: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    let hasNextPage = true;
    let total = -1;
    while (hasNextPage) {
      const p = await page('zones', { where: IN_GUANGDONG, first: 5, after });
      keys.push(...keysOf(p));
      sizes.push(p.edges.length);
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      ({ hasNextPage } = p.pageInfo);
      after = p.pageInfo.endCursor;
      total = p.totalCount;
    }
    expect(sizes).toEqual([5, 5, 4]);
    expect(keys).toEqual(GUANGDONG_ZONES);
    expect(total).toBe(keys.length);
  });

  it('walks backwards with last/before: the same set, reversed', async () => {
    const keys: string[] = [];
    let before: string | null = null;
    let hasPreviousPage = true;
    while (hasPreviousPage) {
      const p = await page('zones', { where: IN_GUANGDONG, last: 5, before });
      // Each page is itself in list order; pages come from the end.
      keys.push(...keysOf(p).reverse());
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      ({ hasPreviousPage } = p.pageInfo);
      before = p.pageInfo.startCursor;
    }
    expect(keys).toEqual([...GUANGDONG_ZONES].reverse());
  });

  it('walks all 177 seeded zones by a property with many ties (approvedYear, some missing): each once, in order', async () => {
    const orderBy = { field: 'APPROVED_YEAR', direction: 'ASC' };
    const walked = await allKeys('zones', SEEDED_ONLY, orderBy, 13);
    const single = await allKeys('zones', SEEDED_ONLY, orderBy, 100);
    expect(walked).toHaveLength(177);
    expect(new Set(walked).size).toBe(177);
    expect(walked).toEqual(single);
    // Missing values come last in either direction: the 31 zones without a year close both walks.
    const desc = await allKeys('zones', SEEDED_ONLY, { ...orderBy, direction: 'DESC' }, 17);
    const [dated, undated] = [walked.slice(0, 146), walked.slice(146)];
    expect(desc).toEqual([...[...dated].reverse(), ...[...undated].reverse()]);
  });

  it('past the end gives no edges and hasNextPage false', async () => {
    const last = await page('zones', { where: IN_GUANGDONG, last: 1 });
    expect(keysOf(last)).toEqual(['zhuhai']);
    const past = await page('zones', { where: IN_GUANGDONG, first: 5, after: last.pageInfo.endCursor });
    expect(past.edges).toEqual([]);
    expect(past.pageInfo.hasNextPage).toBe(false);
    expect(past.pageInfo.endCursor).toBeNull();
  });

  it('first: 0 gives no edges but still counts', async () => {
    const p = await page('zones', { where: IN_GUANGDONG, first: 0 });
    expect(p.edges).toEqual([]);
    expect(p.totalCount).toBe(14);
    expect(p.pageInfo.startCursor).toBeNull();
  });

  it('pages relation-count orders too (COMPANIES_COUNT DESC, then the zones without companies by key)', async () => {
    const orderBy = { field: 'COMPANIES_COUNT', direction: 'DESC' };
    const walked = await allKeys('zones', IN_GUANGDONG, orderBy, 4);
    expect(walked[0]).toBe('shenzhen');
    expect([...walked].sort()).toEqual([...GUANGDONG_ZONES].sort());
    expect(walked.slice(1)).toEqual(
      GUANGDONG_ZONES.filter((k) => k !== 'shenzhen')
        .sort()
        .reverse(),
    );
  });

  it('honours before together with first (or refuses the pair): never returns the cursor node or later ones', async () => {
    // guangzhou is the 3rd Guangdong zone by name; before it are dongguan-songshan-lake and foshan.
    const third = await page('zones', { where: IN_GUANGDONG, first: 3 });
    const result = await api.gql(
      `query($after: String) { zones(where: { province: { key: { eq: "guangdong" } } }, first: 5, before: $after) {
        edges { node { key } } } }`,
      { after: third.pageInfo.endCursor },
    );
    if (result.errors) {
      expect(result.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } else {
      expect(keysOf(result.data.zones)).toEqual(['dongguan-songshan-lake', 'foshan']);
    }
  });

  it('honours after together with last (or refuses the pair): never returns the cursor node or earlier ones', async () => {
    const third = await page('zones', { where: IN_GUANGDONG, first: 3 });
    const result = await api.gql(
      `query($after: String) { zones(where: { province: { key: { eq: "guangdong" } } }, last: 12, after: $after) {
        edges { node { key } } } }`,
      { after: third.pageInfo.endCursor },
    );
    if (result.errors) {
      expect(result.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } else {
      expect(keysOf(result.data.zones)).toEqual(GUANGDONG_ZONES.slice(3));
    }
  });
});

describe('paging errors', () => {
  const zonesAfter = (after: string, orderBy?: unknown) =>
    api.gql(
      'query($after: String, $orderBy: ZoneOrderBy) { zones(first: 2, after: $after, orderBy: $orderBy) { edges { cursor } } }',
      {
        after,
        orderBy,
      },
    );

  it('refuses a forged cursor with BAD_USER_INPUT and a clear message', async () => {
    for (const forged of [
      'garbage',
      Buffer.from('["name", {"a": 1}, "x"]').toString('base64url'),
      Buffer.from('["name", "x"]').toString('base64url'),
      Buffer.from('not json').toString('base64url'),
    ]) {
      const result = await zonesAfter(forged);
      // A request error, refused before execution (issue 13): no parent nulled, no partial answer.
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions?.code, forged).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message, forged).toMatch(/cursor/i);
    }
  });

  it('refuses a cursor whose sort value has the wrong type for its order, instead of an empty page', async () => {
    // Forged with the right list and order, but a number where name sorts as text (and text where
    // approvedYear sorts as a number): compared in Cypher, either would match no row at all.
    const byName = Buffer.from(JSON.stringify(['Query.zones', 'name ASC', 5, 'x'])).toString('base64url');
    const byYear = Buffer.from(JSON.stringify(['Query.zones', 'approvedYear ASC', '1991', 'x'])).toString(
      'base64url',
    );
    for (const [forged, orderBy, kind] of [
      [byName, undefined, 'text'],
      [byYear, { field: 'APPROVED_YEAR' }, 'number'],
    ] as const) {
      const result = await zonesAfter(forged, orderBy);
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(new RegExp(`Invalid cursor .*sorts by ${kind}`));
    }
  });

  it('refuses a cursor from another orderBy, and says so', async () => {
    const byYear = await page('zones', { orderBy: { field: 'APPROVED_YEAR' }, first: 1 });
    const result = await zonesAfter(byYear.pageInfo.endCursor!);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/ordered by approvedYear ASC, not by name ASC/);
    // The same cursor with its own order pages on.
    const onward = await zonesAfter(byYear.pageInfo.endCursor!, { field: 'APPROVED_YEAR' });
    expect(onward.errors).toBeUndefined();
  });

  it('refuses a cursor made for the other direction: it would page from the wrong end', async () => {
    const ascending = await page('zones', {
      orderBy: { field: 'APPROVED_YEAR', direction: 'ASC' },
      first: 2,
    });
    const result = await zonesAfter(ascending.pageInfo.endCursor!, {
      field: 'APPROVED_YEAR',
      direction: 'DESC',
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/ordered by approvedYear ASC, not by approvedYear DESC/);
  });

  it('refuses first or last above the maximum of 100, and negative ones, with a clear message', async () => {
    for (const args of ['first: 101', 'last: 101', 'first: -1', 'last: -5']) {
      const result = await api.gql(`{ zones(${args}) { edges { cursor } } }`);
      expect(result.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message, args).toMatch(/must be between 0 and 100/);
    }
    const atMax = await page('zones', { first: 100 });
    expect(atMax.edges).toHaveLength(100);
  });

  it('refuses first and last together', async () => {
    const result = await api.gql('{ zones(first: 2, last: 2) { edges { cursor } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/first or last/);
  });
});
