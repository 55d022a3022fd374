/** Root lookups by key, `entity(key:)`, Relay global IDs (`node`, `nodes`) and node evidence. */
import { describe, expect, it } from 'vitest';
import { globalId, useApi } from '../../support/graphql.ts';

const api = useApi();

/** One seeded entity per root lookup field, with a property that proves the right node came back. */
const LOOKUPS: { field: string; type: string; key: string; check: string; expected: unknown }[] = [
  { field: 'zone', type: 'Zone', key: 'zhongguancun', check: 'approvedYear', expected: 1988 },
  { field: 'program', type: 'Program', key: 'torch-program', check: 'year', expected: 1988 },
  { field: 'policy', type: 'Policy', key: 'decision-1985', check: 'year', expected: 1985 },
  { field: 'company', type: 'Company', key: 'huawei', check: 'nameZh', expected: '华为技术有限公司' },
  {
    field: 'industryCluster',
    type: 'IndustryCluster',
    key: 'zhongguancun-chip-design',
    check: 'name',
    expected: 'Chip design cluster in Zhongguancun',
  },
  {
    field: 'organization',
    type: 'Organization',
    key: 'state-council',
    check: 'kind',
    expected: 'government',
  },
  { field: 'place', type: 'Place', key: 'guangdong', check: 'kind', expected: 'province' },
  { field: 'designation', type: 'Designation', key: 'zhongguancun-nidz', check: 'year', expected: 2009 },
  { field: 'technology', type: 'Technology', key: 'chip-design', check: 'name', expected: 'Chip design' },
  { field: 'event', type: 'Event', key: 'torch-program-launched-1988', check: 'year', expected: 1988 },
  { field: 'indicator', type: 'Indicator', key: 'rd-funds-2012', check: 'unit', expected: 'billion yuan' },
  {
    field: 'source',
    type: 'Source',
    key: 'hi-tech-zones-overview',
    check: 'url',
    expected: 'http://houston.china-consulate.org/eng/st/t1108038.htm',
  },
];

const ENUM_TYPE: Record<string, string> = {
  IndustryCluster: 'INDUSTRY_CLUSTER',
};
const enumOf = (type: string) => ENUM_TYPE[type] ?? type.toUpperCase();

describe('root lookups by key', () => {
  it.each(LOOKUPS)('$field(key:) returns the seeded $type "$key" and null for an unknown key', async (l) => {
    const data = await api.ok(
      `query($key: String!) {
        found: ${l.field}(key: $key) { __typename id key name type ${l.check} }
        missing: ${l.field}(key: "no-such-key-test-lookup") { key }
      }`,
      { key: l.key },
    );
    expect(data.found).toMatchObject({
      __typename: l.type,
      key: l.key,
      type: enumOf(l.type),
      [l.check]: l.expected,
      id: globalId(l.type, l.key),
    });
    expect(data.found.name).toEqual(expect.any(String));
    expect(data.missing).toBeNull();
  });

  it('does not find a key of another type (zone(key:) with a company key is null)', async () => {
    const data = await api.ok('{ zone(key: "huawei") { key } company(key: "zhongguancun") { key } }');
    expect(data).toEqual({ zone: null, company: null });
  });
});

describe('entity(key:)', () => {
  it('finds any type by key and says which with __typename', async () => {
    const data = await api.ok(`{
      program: entity(key: "torch-program") { __typename key type }
      place: entity(key: "guangdong") { __typename key type ... on Place { kind } }
      company: entity(key: "huawei") { __typename key ... on Company { foundedYear } }
      source: entity(key: "hi-tech-zones-overview") { __typename key }
      missing: entity(key: "no-such-key-test-entity") { key }
    }`);
    expect(data.program).toEqual({ __typename: 'Program', key: 'torch-program', type: 'PROGRAM' });
    expect(data.place).toEqual({ __typename: 'Place', key: 'guangdong', type: 'PLACE', kind: 'province' });
    expect(data.company).toEqual({ __typename: 'Company', key: 'huawei', foundedYear: 1987 });
    expect(data.source).toEqual({ __typename: 'Source', key: 'hi-tech-zones-overview' });
    expect(data.missing).toBeNull();
  });
});

describe('Relay global IDs', () => {
  it('round-trips: each node of zones(first: 3) comes back from node(id:) with the same key and type', async () => {
    const data = await api.ok('{ zones(first: 3) { edges { node { __typename id key } } } }');
    const listed = data.zones.edges.map((e: any) => e.node);
    expect(listed).toHaveLength(3);
    for (const zone of listed) {
      const again = await api.ok('query($id: ID!) { node(id: $id) { __typename id ... on Zone { key } } }', {
        id: zone.id,
      });
      expect(again.node).toEqual({ __typename: 'Zone', id: zone.id, key: zone.key });
    }
  });

  it('node(id:) resolves every type, not only zones', async () => {
    for (const l of LOOKUPS) {
      const id = globalId(l.type, l.key);
      const data = await api.ok('query($id: ID!) { node(id: $id) { __typename id ... on Entity { key } } }', {
        id,
      });
      expect(data.node, l.type).toEqual({ __typename: l.type, id, key: l.key });
    }
  });

  it('makes IDs as base64 of "Type:key", never from Neo4j element ids', async () => {
    const data = await api.ok(`{
      zone(key: "zhongguancun") { id }
      company(key: "lenovo") { id }
      industryCluster(key: "zhongguancun-chip-design") { id }
      zones(first: 5) { edges { node { id key } } }
    }`);
    expect(data.zone.id).toBe(Buffer.from('Zone:zhongguancun').toString('base64'));
    expect(Buffer.from(data.company.id, 'base64').toString()).toBe('Company:lenovo');
    expect(Buffer.from(data.industryCluster.id, 'base64').toString()).toBe(
      'IndustryCluster:zhongguancun-chip-design',
    );
    const [row] = await api.executor.read(
      "MATCH (z:Zone {key: 'zhongguancun'}) RETURN elementId(z) AS elementId, id(z) AS id",
    );
    const decoded = Buffer.from(data.zone.id, 'base64').toString();
    expect(decoded).not.toContain(String(row?.elementId));
    expect(decoded).not.toMatch(/^Zone:\d+$/);
    for (const { node } of data.zones.edges) {
      expect(Buffer.from(node.id, 'base64').toString()).toBe(`Zone:${node.key}`);
    }
  });

  it('nodes(ids:) keeps the order asked for and gives null for an unknown but well-formed id', async () => {
    const ids = [
      globalId('Program', 'torch-program'),
      globalId('Zone', 'no-such-zone-test-relay'),
      globalId('Zone', 'zhongguancun'),
      globalId('Company', 'huawei'),
      globalId('Zone', 'shenzhen'),
    ];
    const data = await api.ok(
      'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Entity { key } } }',
      { ids },
    );
    expect(data.nodes).toEqual([
      { __typename: 'Program', id: ids[0], key: 'torch-program' },
      null,
      { __typename: 'Zone', id: ids[2], key: 'zhongguancun' },
      { __typename: 'Company', id: ids[3], key: 'huawei' },
      { __typename: 'Zone', id: ids[4], key: 'shenzhen' },
    ]);
  });

  it('gives null from node(id:) for an unknown key of a known type', async () => {
    const data = await api.ok('query($id: ID!) { node(id: $id) { id } }', {
      id: globalId('Company', 'no-such-company-test-relay'),
    });
    expect(data.node).toBeNull();
  });

  it('refuses a malformed id with an error, not a crash', async () => {
    const result = await api.gql('{ node(id: "not base64 at all!") { id } }');
    expect(result.status).toBe(200);
    expect(result.data?.node ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/global ID/i);
  });
});

describe('evidence on a node', () => {
  it('gives each source with its quote (and paragraph where known)', async () => {
    const data = await api.ok(`{ zone(key: "zhongguancun") {
      evidence { quote paragraph source { __typename key name url } }
    } }`);
    const evidence = data.zone.evidence;
    expect(evidence.length).toBeGreaterThanOrEqual(2);
    for (const e of evidence) {
      expect(e.source.__typename).toBe('Source');
      expect(e.source.key).toEqual(expect.any(String));
      expect(e.quote).toEqual(expect.any(String));
    }
    expect(evidence).toContainEqual({
      quote: 'Zhongguancun in Beijing',
      paragraph: 4,
      source: {
        __typename: 'Source',
        key: 'hi-tech-zones-overview',
        name: 'National Hi-tech Zones',
        url: 'http://houston.china-consulate.org/eng/st/t1108038.htm',
      },
    });
    // Every quote the graph holds for the zone, no more and no fewer.
    const rows = await api.executor.read(
      "MATCH (:Zone {key: 'zhongguancun'})-[e:SOURCED_FROM]->(s:Source) RETURN s.key AS source, e.quote AS quote",
    );
    expect(evidence.map((e: any) => `${e.source.key}|${e.quote}`).sort()).toEqual(
      rows.map((r) => `${r.source}|${r.quote}`).sort(),
    );
  });

  it('is there for every type, read through the Entity interface', async () => {
    const data = await api.ok(`{
      company(key: "huawei") { evidence { source { key } quote } }
      technology(key: "chip-design") { evidence { source { key } quote } }
      indicator(key: "rd-funds-2012") { evidence { source { key } quote } }
    }`);
    for (const [type, entity] of Object.entries<any>(data)) {
      expect(entity.evidence.length, type).toBeGreaterThan(0);
      expect(entity.evidence[0].source.key, type).toEqual(expect.any(String));
    }
    expect(data.technology.evidence).toContainEqual({
      source: { key: 'hi-tech-zones-overview' },
      quote: expect.stringContaining('chip design'),
    });
  });
});
