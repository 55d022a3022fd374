/**
 * Issue 15, the model half: the analyst's questions about disagreeing sources (item 1), keys that
 * name one thing (item 4) and views that do not mislead (item 9), asked through the API of the seeded
 * graph; and the model checks of the data-quality report (src/graph/quality/model-checks.ts).
 */
import { describe, expect, it } from 'vitest';
import { migrateEntityKeys } from '../../src/graph/key-migration.ts';
import { entitiesByKey } from '../../src/graph/lookup.ts';
import { modelChecks } from '../../src/graph/quality/model-checks.ts';
import { TEST_KEYS, testApp } from '../support/graphql.ts';
import { uniqueKey, useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const gql = testApp(executor);

const claimsOf = async (query: string) => {
  const { data, errors } = await gql(query);
  expect(errors).toBeUndefined();
  return data;
};

describe('item 1: a property the sources disagree on keeps every sourced value', () => {
  it('when did Shenzhen become a national zone, and who says otherwise? (1991 from the State Council lists, 1996 in China Daily)', async () => {
    const data = await claimsOf(`{ zone(key: "shenzhen") { approvedYear
      claims(property: "approvedYear") { value headline kind basis quote note source { url } } } }`);
    expect(data.zone.approvedYear).toBe(1991);
    const claims = data.zone.claims;
    expect(claims.map((c: any) => [c.value, c.headline])).toEqual([
      ['1991', true],
      ['1996', false],
    ]);
    expect(claims[1].quote).toMatch(/^1996: Shenzhen/);
    expect(claims[1].kind).toBe('press');
    expect(claims[1].source.url).toMatch(/chinadaily/);
    // a15 defect 3: the page is an aggregator's, and the year an inference stated as such
    expect(claims[0].kind).toBe('aggregator');
    expect(claims[0].source.url).toMatch(/renwuwiki/);
    expect(claims[0].basis).toMatch(/elimination/);
  });

  it('Zhongshan: the 1991 headline is an aggregator’s page, unquoted, its basis saying so (a15 defect 3)', async () => {
    const data = await claimsOf(
      `{ zone(key: "zhongshan-torch") { approvedYear claims(property: "approvedYear") { value headline kind basis quote note } } }`,
    );
    expect(data.zone.approvedYear).toBe(1991);
    const [headline] = data.zone.claims;
    expect(headline).toMatchObject({ value: '1991', headline: true, kind: 'aggregator', quote: null });
    expect(headline.basis).toMatch(/unquoted.*国发〔1991〕12号/);
    expect(headline.note).toMatch(/no quote/);
  });

  it('Taiyuan: 1991 (China Daily) or 1992 (the State Council reply)? The official text is the headline', async () => {
    const data = await claimsOf(
      `{ zone(key: "taiyuan") { approvedYear claims(property: "approvedYear") { value headline kind basis } } }`,
    );
    expect(data.zone.approvedYear).toBe(1992);
    expect(data.zone.claims).toEqual([
      {
        value: '1992',
        headline: true,
        kind: 'aggregator',
        basis: expect.stringMatching(/国函〔1992〕169号/),
      },
      { value: '1991', headline: false, kind: 'press', basis: null },
    ]);
  });

  it('when was Huawei founded? 1987 by three press sources, 1988 by one: both kept, 1987 the headline', async () => {
    const data = await claimsOf(
      `{ companies(where: { key: { eq: "huawei" } }) { edges { node { foundedYear claims { property value headline } } } } }`,
    );
    const huawei = data.companies.edges[0].node;
    expect(huawei.foundedYear).toBe(1987);
    const values = huawei.claims.map((c: any) => `${c.property}=${c.value}${c.headline ? '*' : ''}`);
    expect(values.filter((v: string) => v === 'foundedYear=1987*')).toHaveLength(3);
    expect(values).toContain('foundedYear=1988');
  });

  it('Zhongshan (1991 notice vs 2001 "launched") and Chengde (2012-08 vs 2012-09) keep both values', async () => {
    const data = await claimsOf(`{ a: zone(key: "zhongshan-torch") { approvedYear claims { value headline } }
      b: zone(key: "chengde") { approvedDate claims(property: "approvedDate") { value headline } } }`);
    expect(data.a.approvedYear).toBe(1991);
    expect(data.a.claims.map((c: any) => c.value)).toEqual(['1991', '2001']);
    // a15 defect 5: the 2012-08 rests on the table's row alone (its hebei.com.cn page was not seen).
    expect(data.b.approvedDate).toBe('2012-09');
    expect(data.b.claims).toEqual([
      { value: '2012-09', headline: true },
      { value: '2012-08', headline: false },
    ]);
  });

  it('asking for the claims of a property the type does not have is an error naming the property', async () => {
    const { errors } = await gql('{ zone(key: "shenzhen") { claims(property: "foundedYear") { value } } }');
    expect(errors?.[0]?.message).toMatch(/foundedYear/);
  });
});

describe('item 4: one key names one thing', () => {
  it('the city of Shenzhen can be a starting point: shenzhen is the zone, shenzhen-place the city, and the old key still finds the city by its type', async () => {
    const data = await claimsOf(`{ zone: entity(key: "shenzhen") { __typename key }
      city: entity(key: "shenzhen-place") { __typename key formerKeys }
      old: place(key: "shenzhen") { key }
      around: neighborhood(key: "shenzhen-place", depth: 1) { nodes { __typename key } } }`);
    expect(data.zone).toEqual({ __typename: 'Zone', key: 'shenzhen' });
    expect(data.city).toEqual({ __typename: 'Place', key: 'shenzhen-place', formerKeys: ['shenzhen'] });
    expect(data.old.key).toBe('shenzhen-place');
    const around = data.around.nodes.map((n: any) => `${n.__typename}:${n.key}`);
    expect(around[0]).toBe('Place:shenzhen-place');
    expect(around).toContain('Zone:shenzhen');
    expect(around).toContain('Place:guangdong');
  });

  it('the 1991-1992 approvals: the Event keeps its key, the Indicator is zones-approved-1991-1992-indicator', async () => {
    const data = await claimsOf(`{ e: entity(key: "zones-approved-1991-1992") { __typename }
      i: entity(key: "zones-approved-1991-1992-indicator") { __typename ... on Indicator { value } }
      paths(fromKey: "zones-approved-1991-1992-indicator", toKey: "shenzhen-place", maxLength: 4) { length } }`);
    expect(data.e.__typename).toBe('Event');
    expect(data.i).toEqual({ __typename: 'Indicator', value: 51 });
    expect(data.paths.length).toBeGreaterThan(0);
  });

  it('a new entity cannot take a key another type holds: createPlace "shenzhen" names the Zone that has it', async () => {
    const { data } = await gql(
      `mutation { createPlace(input: { key: "shenzhen", name: "Shenzhen", kind: "city",
        evidence: [{ source: "hi-tech-zones-overview" }] }) {
        __typename ... on DuplicateKeyError { key type message } } }`,
      {},
      TEST_KEYS.editor,
    );
    expect(data.createPlace).toMatchObject({
      __typename: 'DuplicateKeyError',
      key: 'shenzhen',
      type: 'ZONE',
    });
    expect(data.createPlace.message).toMatch(/shenzhen-place/);
  });

  it('no key names two nodes in the whole graph (the Entity constraint), and every node is an Entity', async () => {
    const [row] = await executor.read(
      'SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE labelsOrTypes = ["Entity"] RETURN type, properties',
    );
    expect(row).toEqual({ type: 'UNIQUENESS', properties: ['key'] });
    const [clash] = await executor.read(
      'MATCH (n:Entity) WITH n.key AS key, count(*) AS c WHERE c > 1 RETURN count(key) AS clashes',
    );
    expect(clash?.clashes).toBe(0);
  });

  it('a store written before keys were unique is migrated at start, and a second run changes nothing', async () => {
    const key = uniqueKey('clash');
    // The old shape: a zone and a place of one key, without the Entity label, a relation between them.
    await executor.write(
      `CREATE (z:Zone {key: $key, name: 'Clash zone'})-[:LOCATED_IN {sourceKey: 'hi-tech-zones-overview'}]->
              (p:Place {key: $key, name: 'Clash city'})`,
      { key },
    );
    try {
      const first = await migrateEntityKeys(executor);
      expect(first.renamed).toContain(`Place:${key} → ${key}-place`);
      const second = await migrateEntityKeys(executor);
      expect(second).toEqual({ labelled: 0, renamed: [] });
      const [row] = await executor.read(
        `MATCH (z:Zone:Entity {key: $key})-[:LOCATED_IN]->(p:Place:Entity) RETURN p.key AS key, p.formerKeys AS former`,
        { key },
      );
      expect(row).toEqual({ key: `${key}-place`, former: [key] });
      // The bare key is the zone's; the place is found by its new key.
      expect((await entitiesByKey(executor, key)).map((e) => e.__label)).toEqual(['Zone']);
      expect((await entitiesByKey(executor, `${key}-place`)).map((e) => e.__label)).toEqual(['Place']);
    } finally {
      await executor.write('MATCH (n) WHERE n.key IN [$key, $key + "-place"] DETACH DELETE n', { key });
    }
  });
});

describe('item 9: views that do not mislead', () => {
  it('the timeline tells the 1985 Decision, the Torch Program and the 2009 Advice once each', async () => {
    const { timeline } = await claimsOf('{ timeline(fromYear: 1985, toYear: 2009) { year title } }');
    const titles = timeline.map((e: any) => e.title);
    expect(titles.filter((t: string) => /Decision on the Reform|1985 Decision/.test(t))).toHaveLength(1);
    expect(titles.filter((t: string) => /Torch Program/.test(t))).toHaveLength(1);
    expect(titles.filter((t: string) => /2009 Advice|Advice on Relying/.test(t))).toHaveLength(1);
    expect(titles.some((t: string) => t.startsWith('Issued: Decision'))).toBe(false);
  });

  it('the timeline tells each zone becoming national once: Ningbo 2007, Zhongguancun 1988, Maoming 2018 (a15 defect 2)', async () => {
    const { timeline } = await claimsOf(`{ timeline { year title entities { __typename
      ... on Entity { key } ... on Zone { approvedYear } } } }`);
    const tellers = (key: string, year: number) =>
      timeline
        .filter((e: any) => e.year === year)
        .filter((e: any) => e.entities.some((x: any) => x.key === key && x.approvedYear === year))
        .filter((e: any) => !(e.entities[0].__typename === 'Zone' && e.entities.length > 1))
        .map((e: any) => e.title);
    expect(tellers('ningbo', 2007)).toEqual(['Ningbo zone given national status']);
    expect(tellers('zhongguancun', 1988)).toHaveLength(1);
    expect(tellers('zhongguancun', 1988)[0]).toMatch(/Beijing New Technology/);
    for (const [key, year] of [
      ['maoming', 2018],
      ['qianjiang', 2018],
      ['yongchuan', 2018],
      ['lianyungang', 2015],
      ['chuzhou', 2022],
      ['xuchang', 2022],
    ] as const) {
      const told = tellers(key, year);
      expect(told, `${key} ${year}`).toHaveLength(1);
    }
    expect(timeline.some((e: any) => e.title === 'Becomes a national hi-tech zone: Maoming')).toBe(false);
  });

  it('as of 1991, Changsha holds no undated designation (DESIGNATED_AS changzhutan-nidz has no since) (a15 defect 6)', async () => {
    const { neighborhood } = await claimsOf(`{ neighborhood(key: "changsha", asOf: 1991, limit: 1000) {
      edges { type from { key } to { key } since } } }`);
    const designations = neighborhood.edges.filter((e: any) => e.type === 'DESIGNATED_AS');
    expect(designations.map((e: any) => e.to.key)).not.toContain('changzhutan-nidz');
    for (const edge of designations) expect(edge.since, edge.to.key).not.toBeNull();
  });

  it('as of 1991, Zhongguancun’s surroundings hold no undated zone, event or indicator (the 2009 demonstration-zone event is gone)', async () => {
    const { neighborhood } =
      await claimsOf(`{ neighborhood(key: "zhongguancun", depth: 2, asOf: 1991, limit: 1000) {
      nodes { __typename key ... on Zone { approvedYear } ... on Event { year } ... on Indicator { year } } } }`);
    const nodes = neighborhood.nodes;
    expect(nodes.map((n: any) => n.key)).not.toContain('demonstration-zones-approved');
    const undated = nodes.filter(
      (n: any) => ['Zone', 'Event', 'Indicator'].includes(n.__typename) && (n.approvedYear ?? n.year) == null,
    );
    expect(undated).toEqual([]);
    const later = nodes.filter((n: any) => (n.approvedYear ?? n.year ?? 0) > 1991);
    expect(later).toEqual([]);
    // Timeless entities stay: the city and the province.
    expect(nodes.some((n: any) => n.__typename === 'Place')).toBe(true);
  });

  it('how many zones were national in 2009? The listed count, the undated zones, and where it departs from the stated 105', async () => {
    const { stats, zones } = await claimsOf(`{ stats { zoneCountAsOf(year: 2009) { year count undated departs
      stated { value difference indicator { key } } } } zones(asOf: 2009) { totalCount } }`);
    const answer = stats.zoneCountAsOf;
    expect(answer.count).toBe(zones.totalCount);
    const [row] = await executor.read(
      'MATCH (z:Zone) RETURN count(CASE WHEN z.approvedYear <= 2009 THEN 1 END) AS counted, count(CASE WHEN z.approvedYear IS NULL THEN 1 END) AS undated',
    );
    expect(answer.count).toBe(row?.counted);
    expect(answer.undated).toBe(row?.undated);
    expect(answer.stated).toEqual([
      { value: 105, difference: 105 - answer.count, indicator: { key: 'national-zones-total-2009' } },
    ]);
    expect(answer.departs).toBe(true);
    const { stats: earlier } = await claimsOf(
      '{ stats { zoneCountAsOf(year: 1992) { stated { value } departs } } }',
    );
    expect(earlier.zoneCountAsOf).toEqual({ stated: [], departs: false });
  });

  it('how many "originated in" links are there, and how many statements of them? Facts and statements apart', async () => {
    const { stats } = await claimsOf('{ stats { relationshipsByType { name count statements facts } } }');
    const originated = stats.relationshipsByType.find((c: any) => c.name === 'ORIGINATED_IN');
    const [row] = await executor.read(
      'MATCH (a)-[r:ORIGINATED_IN]->(b) RETURN count(r) AS statements, count(DISTINCT [a.key, b.key]) AS facts',
    );
    expect(originated).toEqual({
      name: 'ORIGINATED_IN',
      count: row?.statements,
      statements: row?.statements,
      facts: row?.facts,
    });
    expect(originated.facts).toBeLessThan(originated.statements);
    expect(stats.relationshipsByType.map((c: any) => c.name)).toContain('STATED_IN');
  });

  it('which zones have no Chinese name? isNull answers; eq: null is refused instead of returning every zone', async () => {
    const missing = await claimsOf(
      '{ zones(where: { nameZh: { isNull: true } }) { totalCount edges { node { nameZh } } } }',
    );
    const all = await claimsOf('{ zones { totalCount } }');
    const [row] = await executor.read('MATCH (z:Zone) WHERE z.nameZh IS NULL RETURN count(z) AS n');
    expect(missing.zones.totalCount).toBe(row?.n);
    expect(missing.zones.totalCount).toBeLessThan(all.zones.totalCount);
    expect(missing.zones.edges.every((e: any) => e.node.nameZh === null)).toBe(true);
    const { errors } = await gql('{ zones(where: { nameZh: { eq: null } }) { totalCount } }');
    expect(errors?.[0]?.message).toMatch(/isNull/);
  });
});

describe('the model checks of the data-quality report', () => {
  it('pass on the seeded graph: keys unique, no timeline duplicates, disagreements kept', async () => {
    const results = await modelChecks(executor);
    // Other files build deliberately broken keys meanwhile on the shared Neo4j (key-conflicts.test.ts:
    // one former key on two nodes), all with "-test-" keys: the seeded graph is what is checked here.
    const seeded = (problems: string[]) => problems.filter((p) => !p.includes('-test-'));
    expect(results.map((r) => [r.name, seeded(r.problems)])).toEqual([
      ['keys unique across labels', []],
      ['no duplicate timeline entries', []],
      ['every disagreement kept as separate sourced values', []],
    ]);
  });
});

describe('claims(property:) takes the properties of the type only', () => {
  it('refuses names every JavaScript object has (constructor, __proto__, toString, valueOf, hasOwnProperty) as it refuses "nope"', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
      const { data, errors } = await gql(
        `{ zone(key: "shenzhen") { claims(property: "${name}") { value } } }`,
      );
      expect(errors?.[0]?.message, name).toBe(
        `claims(property: "${name}"): Zone has no property ${name}; ask for one of the fields of Zone`,
      );
      expect(data?.zone ?? null, name).toBeNull();
    }
  });
});
