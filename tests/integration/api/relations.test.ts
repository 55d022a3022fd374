/**
 * Relation fields in both directions, the properties and evidence their edges carry, the `<name>Edge` of
 * to-one relations, and where/orderBy/paging on relation connections. All against the seeded graph.
 */
import { describe, expect, it } from 'vitest';
import { keysOf, SEEDED_ONLY, useApi } from '../../support/graphql.ts';

const api = useApi();

const sortedKeys = (connection: { edges: { node: { key: string } }[] }) => [...keysOf(connection)].sort();

describe('Zone relations', () => {
  it('city, province and location: a municipality is its own city and province; Shenzhen lies in Guangdong', async () => {
    const data = await api.ok(`{
      zhongguancun: zone(key: "zhongguancun") { city { key kind } province { key kind } location { key } }
      shenzhen: zone(key: "shenzhen") { city { key kind } province { key kind } location { key } }
    }`);
    expect(data.zhongguancun).toEqual({
      city: { key: 'beijing', kind: 'municipality' },
      province: { key: 'beijing', kind: 'municipality' },
      location: { key: 'beijing' },
    });
    expect(data.shenzhen).toEqual({
      city: { key: 'shenzhen-place', kind: 'city' },
      province: { key: 'guangdong', kind: 'province' },
      location: { key: 'shenzhen-place' },
    });
  });

  it('clusters, companies, designations and programs of Zhongguancun', async () => {
    const data = await api.ok(`{ zone(key: "zhongguancun") {
      clusters { totalCount edges { node { __typename key } } }
      companies { totalCount edges { node { __typename key } } }
      designations { edges { node { key } } }
      programs { edges { node { key } } }
      approvedBy { edges { year date node { key } } }
      ledFrom { edges { node { key } } }
    } }`);
    const zone = data.zone;
    expect(zone.clusters).toEqual({
      totalCount: 1,
      edges: [{ node: { __typename: 'IndustryCluster', key: 'zhongguancun-chip-design' } }],
    });
    expect(zone.companies.totalCount).toBe(2);
    expect(keysOf(zone.companies)).toEqual(['baidu', 'lenovo']);
    expect(zone.companies.edges[0].node.__typename).toBe('Company');
    expect(keysOf(zone.designations)).toEqual(['national-hi-tech-zone', 'zhongguancun-nidz']);
    expect(keysOf(zone.programs)).toEqual(['national-hi-tech-zones', 'torch-program']);
    expect(zone.approvedBy.edges).toEqual([{ year: 1988, date: '1988-05', node: { key: 'state-council' } }]);
    expect(keysOf(zone.ledFrom)).toEqual(['electronics-avenue-report-1987']);
  });

  it('designation edges carry since, until and date', async () => {
    const data = await api.ok(`{
      zhongguancun: zone(key: "zhongguancun") { designations { edges { since until date node { key } } } }
      yangling: zone(key: "yangling") { designations { edges { since until node { key } } } }
    }`);
    expect(data.zhongguancun.designations.edges).toEqual([
      { since: 1988, until: null, date: '1988-05-10', node: { key: 'national-hi-tech-zone' } },
      // The demonstration-zone table dates it (2009-03-13) in its own statement (issue 15).
      { since: 2009, until: null, date: '2009-03-13', node: { key: 'zhongguancun-nidz' } },
    ]);
    // Yangling was a provincial zone until it was raised to national in 1997.
    expect(data.yangling.designations.edges).toContainEqual({
      since: null,
      until: 1997,
      node: { key: 'provincial-hi-tech-zone' },
    });
  });

  it('program edges say which relationship joins them, with its year', async () => {
    const data = await api.ok(`{ zone(key: "zhongguancun") {
      programs { edges { year node { key } statements { type year } } }
    } }`);
    const torch = data.zone.programs.edges.find((e: any) => e.node.key === 'torch-program');
    expect(torch).toEqual({
      year: 1988,
      node: { key: 'torch-program' },
      statements: [{ type: 'ESTABLISHED_UNDER', year: 1988 }],
    });
    const system = data.zone.programs.edges.find((e: any) => e.node.key === 'national-hi-tech-zones');
    expect(system.statements.map((s: any) => s.type)).toEqual(['PART_OF']);
  });

  it('event edges carry the role the zone plays', async () => {
    const data = await api.ok(`{ zone(key: "zhongguancun") {
      events(where: { key: { eq: "beijing-zone-approved-1988" } }) { edges { role node { key year } } }
    } }`);
    expect(data.zone.events.edges).toEqual([
      { role: 'approved-zone', node: { key: 'beijing-zone-approved-1988', year: 1988 } },
    ]);
  });

  it('an edge that two sources state has one node, two statements and the evidence of both', async () => {
    const data = await api.ok(`{ zone(key: "zhongguancun") {
      companies(where: { key: { eq: "lenovo" } }) { edges {
        node { key }
        evidence { source { key } quote note }
        statements { type evidence { source { key } quote } }
      } }
    } }`);
    const [lenovo] = data.zone.companies.edges;
    expect(data.zone.companies.edges).toHaveLength(1);
    expect(lenovo.evidence.map((e: any) => e.source.key).sort()).toEqual([
      'web-744595b1ad',
      'web-9bf44df871',
    ]);
    // Issue 15: the company's name is not a quote. One page is quoted (the gatehouse at 中关村科学院南路2号);
    // the other, with no words found that place it, says so in a note.
    expect(lenovo.evidence.filter((e: any) => e.quote).map((e: any) => e.quote)).toEqual([
      expect.stringContaining('中关村科学院南路2'),
    ]);
    expect(lenovo.evidence.some((e: any) => e.quote === '联想集团')).toBe(false);
    expect(lenovo.statements).toHaveLength(2);
    expect(lenovo.statements.every((s: any) => s.type === 'ORIGINATED_IN')).toBe(true);
  });
});

describe('the other direction and the other types', () => {
  it('Company.originZone and Company.city', async () => {
    const data = await api.ok(`{
      huawei: company(key: "huawei") { originZone { __typename key } city { __typename key } }
      lenovo: company(key: "lenovo") { originZone { key } city { key } }
      alibaba: company(key: "alibaba") { originZone { key } city { key } }
    }`);
    expect(data.huawei).toEqual({
      originZone: { __typename: 'Zone', key: 'shenzhen' },
      city: { __typename: 'Place', key: 'shenzhen-place' },
    });
    expect(data.lenovo).toEqual({ originZone: { key: 'zhongguancun' }, city: { key: 'beijing' } });
    // No source says where Alibaba started: the to-one relation is null, not an error.
    expect(data.alibaba).toEqual({ originZone: null, city: { key: 'hangzhou-place' } });
  });

  it('Policy.issuedBy (every issuer, with its edge) and Policy.ledTo (any type)', async () => {
    const data = await api.ok(`{
      decision: policy(key: "decision-1985") {
        issuedBy { edges { year node { key name } evidence { source { key } quote paragraph } } }
      }
      report: policy(key: "electronics-avenue-report-1987") { ledTo { edges { node { __typename key } } } }
      strategic: policy(key: "hi-tech-zones-strategic-decision") {
        issuedBy { edges { node { key } } }
        ledTo { edges { node { __typename key } } }
      }
    }`);
    expect(data.decision.issuedBy.edges).toEqual([
      {
        year: 1985,
        node: { key: 'cpc-central-committee', name: expect.any(String) },
        evidence: [
          {
            source: { key: 'hi-tech-zones-overview' },
            quote: expect.stringContaining('the Central Party Committee issued the Decision'),
            paragraph: expect.any(Number),
          },
        ],
      },
    ]);
    expect(data.report.ledTo.edges).toEqual([{ node: { __typename: 'Zone', key: 'zhongguancun' } }]);
    expect(data.strategic.ledTo.edges).toEqual([
      { node: { __typename: 'Program', key: 'national-hi-tech-zones' } },
    ]);
    // Issued by two bodies, and both show (issue 15: issuedBy was to-one and hid the State Council).
    expect(data.strategic.issuedBy.edges.map((e: any) => e.node.key).sort()).toEqual([
      'cpc-central-committee',
      'state-council',
    ]);
  });

  it('Program.zones, approvedBy and launchedBy', async () => {
    const data = await api.ok(
      `query($seeded: ZoneWhere) {
        torch: program(key: "torch-program") {
          zones { edges { year node { key } } }
          approvedBy { edges { year node { key } } }
          launchedBy { edges { node { key } } }
        }
        system: program(key: "national-hi-tech-zones") { zones(where: $seeded, first: 0) { totalCount } }
      }`,
      { seeded: SEEDED_ONLY },
    );
    expect(data.torch.zones.edges).toEqual([{ year: 1988, node: { key: 'zhongguancun' } }]);
    expect(data.torch.approvedBy.edges).toEqual([{ year: 1988, node: { key: 'state-council' } }]);
    expect(keysOf(data.torch.launchedBy)).toEqual(['state-council']);
    expect(data.system.zones.totalCount).toBe(177);
  });

  it('Place.zones reaches the zones of the cities within a province; Place.companies, partOf and parts', async () => {
    const data = await api.ok(
      `query($seeded: ZoneWhere) {
        guangdong: place(key: "guangdong") {
          zones(where: $seeded, first: 100) { totalCount edges { node { key } } }
          parts(where: { key: { eq: "shenzhen-place" } }) { edges { node { key kind } } }
        }
        shenzhen: place(key: "shenzhen") {
          zones { edges { node { key } } }
          companies { edges { node { key } } }
          partOf { key }
        }
      }`,
      { seeded: SEEDED_ONLY },
    );
    expect(data.guangdong.zones.totalCount).toBe(14);
    expect(data.guangdong.zones.edges).toHaveLength(14);
    expect(keysOf(data.guangdong.zones)).toEqual(expect.arrayContaining(['shenzhen', 'guangzhou', 'zhuhai']));
    // The city's key is shenzhen-place (the zone has shenzhen); its former key still finds it above.
    expect(data.guangdong.parts.edges).toEqual([{ node: { key: 'shenzhen-place', kind: 'city' } }]);
    expect(keysOf(data.shenzhen.zones)).toEqual(['shenzhen']);
    expect(keysOf(data.shenzhen.companies)).toEqual(['huawei', 'tencent', 'zte']);
    expect(data.shenzhen.partOf).toEqual({ key: 'guangdong' });
  });

  it('Indicator.measures (any type, with a role where the source gives one)', async () => {
    const data = await api.ok(`{
      funds: indicator(key: "rd-funds-2012") { measures { edges { node { __typename key } } } }
      benchmark: indicator(key: "invention-patents-per-10000-professionals-national-2012") {
        measures { edges { role node { key } } }
      }
    }`);
    expect(data.funds.measures.edges).toEqual([
      { node: { __typename: 'Program', key: 'national-hi-tech-zones' } },
    ]);
    // The national average measures the country, not the zones (issue 15).
    expect(data.benchmark.measures.edges).toEqual([{ role: 'national-benchmark', node: { key: 'china' } }]);
  });

  it('Designation.zones, partOf, parts and approvedBy', async () => {
    const data = await api.ok(
      `query($seeded: ZoneWhere) {
        nidz: designation(key: "zhongguancun-nidz") {
          zones { edges { since node { key } } }
          partOf { key }
          approvedBy { edges { year date node { key } } }
        }
        national: designation(key: "national-hi-tech-zone") { zones(where: $seeded, first: 0) { totalCount } }
        umbrella: designation(key: "national-innovation-demonstration-zone") {
          parts(first: 100) { edges { node { key } } }
        }
      }`,
      { seeded: SEEDED_ONLY },
    );
    expect(data.nidz.zones.edges).toEqual([{ since: 2009, node: { key: 'zhongguancun' } }]);
    expect(data.nidz.partOf).toEqual({ key: 'national-innovation-demonstration-zone' });
    expect(data.nidz.approvedBy.edges).toEqual([
      { year: 2009, date: '2009-03-13', node: { key: 'state-council' } },
    ]);
    expect(data.national.zones.totalCount).toBe(177);
    expect(keysOf(data.umbrella.parts)).toEqual(
      expect.arrayContaining(['zhongguancun-nidz', 'wuhan-east-lake-nidz', 'shanghai-zhangjiang-nidz']),
    );
  });

  it('IndustryCluster.zone and technologies; Technology.clusters and programs', async () => {
    const data = await api.ok(`{
      cluster: industryCluster(key: "zhongguancun-chip-design") {
        zone { key }
        technologies { edges { node { key } evidence { source { key } quote } } }
      }
      chips: technology(key: "chip-design") { clusters { edges { node { key } } } }
      ev: technology(key: "new-energy-vehicles") { programs { edges { node { key } } } }
      computing: technology(key: "high-performance-computing") { programs { edges { role node { key } } } }
    }`);
    expect(data.cluster.zone).toEqual({ key: 'zhongguancun' });
    expect(data.cluster.technologies.edges).toEqual([
      {
        node: { key: 'chip-design' },
        evidence: [
          {
            source: { key: 'hi-tech-zones-overview' },
            quote: "chip design in Beijing's Zhongguancun Hi-tech Zone",
          },
        ],
      },
    ]);
    expect(keysOf(data.chips.clusters)).toEqual(['zhongguancun-chip-design']);
    expect(keysOf(data.ev.programs)).toEqual(['electric-vehicle-pilot']);
    expect(data.computing.programs.edges).toEqual([
      { role: 'breakthrough', node: { key: 'national-hi-tech-zones' } },
    ]);
  });

  it('Event.involves gives entities of any type, each with its role', async () => {
    const data = await api.ok(`{ event(key: "torch-program-launched-1988") {
      involves { edges { role node { __typename key } } }
    } }`);
    expect(data.event.involves.edges).toEqual([
      { role: 'main-focus', node: { __typename: 'Program', key: 'national-hi-tech-zones' } },
      { role: 'approver', node: { __typename: 'Organization', key: 'state-council' } },
      { role: 'program', node: { __typename: 'Program', key: 'torch-program' } },
    ]);
  });

  it('Organization.issued, approved and launched', async () => {
    const data = await api.ok(`{ organization(key: "state-council") {
      issued { edges { node { key } } }
      approved(where: { key: { in: ["torch-program", "zhongguancun", "zhongguancun-nidz"] } }) {
        edges { node { __typename key } }
      }
      all: approved { totalCount }
      launched { edges { node { __typename key } } }
    } }`);
    const org = data.organization;
    expect(keysOf(org.issued)).toEqual(
      expect.arrayContaining(['advice-2009', 'hi-tech-zones-strategic-decision']),
    );
    expect(org.approved.edges).toEqual(
      expect.arrayContaining([
        { node: { __typename: 'Program', key: 'torch-program' } },
        { node: { __typename: 'Zone', key: 'zhongguancun' } },
        { node: { __typename: 'Designation', key: 'zhongguancun-nidz' } },
      ]),
    );
    // Every zone and demonstration zone is approved by it (issue 15), besides the Torch Program.
    expect(org.all.totalCount).toBeGreaterThan(199);
    expect(org.launched.edges).toEqual([{ node: { __typename: 'Program', key: 'torch-program' } }]);
  });

  it('Source.citedBy gives the entities a source states, with the quotes as the edge evidence', async () => {
    const data = await api.ok(`{ source(key: "hi-tech-zones-overview") {
      citedBy(where: { key: { eq: "zhongguancun" } }) {
        totalCount
        edges { node { __typename key } evidence { source { key } quote } }
      }
    } }`);
    const cited = data.source.citedBy;
    expect(cited.totalCount).toBe(1);
    expect(cited.edges[0].node).toEqual({ __typename: 'Zone', key: 'zhongguancun' });
    expect(cited.edges[0].evidence).toContainEqual({
      source: { key: 'hi-tech-zones-overview' },
      quote: 'Zhongguancun in Beijing',
    });
  });

  it('Source.citedBy reaches every type the source is evidence for', async () => {
    const data = await api.ok(`{ source(key: "hi-tech-zones-overview") {
      citedBy(first: 100, where: { key: { in: ["zhongguancun", "torch-program", "chip-design", "state-council"] } }) {
        edges { node { __typename key } }
      }
    } }`);
    expect(data.source.citedBy.edges.map((e: any) => `${e.node.__typename}:${e.node.key}`).sort()).toEqual([
      'Organization:state-council',
      'Program:torch-program',
      'Technology:chip-design',
      'Zone:zhongguancun',
    ]);
  });
});

describe('to-one relations and their <name>Edge', () => {
  it('gives the same node as the plain field, plus the relationship evidence', async () => {
    const data = await api.ok(`{
      zone(key: "zhongguancun") {
        city { key }
        cityEdge { node { key } evidence { source { key } quote } statements { type } }
        provinceEdge { node { key } }
      }
      company(key: "huawei") {
        originZone { key }
        originZoneEdge { node { key name } evidence { source { key } quote } }
      }
      industryCluster(key: "zhongguancun-chip-design") { zoneEdge { node { key } evidence { quote } } }
    }`);
    expect(data.zone.cityEdge.node).toEqual(data.zone.city);
    expect(data.zone.cityEdge.evidence).toEqual(
      expect.arrayContaining([
        { source: { key: 'hi-tech-zones-overview' }, quote: 'Zhongguancun in Beijing' },
      ]),
    );
    expect(data.zone.cityEdge.statements.every((s: any) => s.type === 'LOCATED_IN')).toBe(true);
    expect(data.zone.provinceEdge.node).toEqual({ key: 'beijing' });
    expect(data.company.originZoneEdge.node).toMatchObject(data.company.originZone);
    expect(data.company.originZoneEdge.evidence.map((e: any) => e.source.key).sort()).toEqual([
      'web-a41aa4c806',
      'web-f2d9b17753',
    ]);
    // Issue 15: the quote is the page's words that credit the zone, not the company's Chinese name.
    expect(data.company.originZoneEdge.evidence.map((e: any) => e.quote)).toContain(
      '培育出华为、腾讯、中兴、比亚迪、迈瑞等知名企业的深圳高新区扩区了',
    );
    expect(data.industryCluster.zoneEdge).toEqual({
      node: { key: 'zhongguancun' },
      evidence: [{ quote: "chip design in Beijing's Zhongguancun Hi-tech Zone" }],
    });
  });

  it('is null when there is no relation', async () => {
    const data = await api.ok(
      '{ company(key: "alibaba") { originZone { key } originZoneEdge { node { key } } } }',
    );
    expect(data.company).toEqual({ originZone: null, originZoneEdge: null });
  });
});

describe('where, orderBy and paging on relation connections', () => {
  it('filters a relation connection, and totalCount follows the filter', async () => {
    const data = await api.ok(`{ zone(key: "shenzhen") {
      all: companies { totalCount }
      t: companies(where: { name: { startsWith: "t" } }) { totalCount edges { node { key } } }
      notHuawei: companies(where: { NOT: { key: { eq: "huawei" } } }) { edges { node { key } } }
      founded: companies(where: { foundedYear: { lt: 1990 } }) { edges { node { key foundedYear } } }
    } }`);
    expect(data.zone.all.totalCount).toBe(3);
    expect(data.zone.t).toEqual({ totalCount: 1, edges: [{ node: { key: 'tencent' } }] });
    expect(keysOf(data.zone.notHuawei)).toEqual(['tencent', 'zte']);
    const [row] = await api.executor.read(
      "MATCH (c:Company)-[:ORIGINATED_IN]->(:Zone {key: 'shenzhen'}) WHERE c.foundedYear < 1990 RETURN collect(DISTINCT c.key) AS keys",
    );
    expect(sortedKeys(data.zone.founded)).toEqual([...((row?.keys as string[]) ?? [])].sort());
  });

  it('orders a relation connection by a property, both ways', async () => {
    const data = await api.ok(`{ zone(key: "shenzhen") {
      asc: companies(orderBy: { field: NAME }) { edges { node { name key } } }
      desc: companies(orderBy: { field: NAME, direction: DESC }) { edges { node { key } } }
    } }`);
    expect(keysOf(data.zone.asc)).toEqual(['huawei', 'tencent', 'zte']);
    expect(keysOf(data.zone.desc)).toEqual(['zte', 'tencent', 'huawei']);
  });

  it('filters a relation connection by a relation of its nodes (some, count)', async () => {
    const data = await api.ok(`{ place(key: "guangdong") {
      huawei: zones(where: { companies: { some: { key: { eq: "huawei" } } } }) { edges { node { key } } }
      withCompanies: zones(where: { companies: { count: { gte: 1 } } }) { edges { node { key } } }
      noCompanies: zones(where: { companies: { count: { eq: 0 } }, NOT: { key: { contains: "-test-" } } }) {
        totalCount
      }
    } }`);
    expect(keysOf(data.place.huawei)).toEqual(['shenzhen']);
    expect(keysOf(data.place.withCompanies)).toEqual(['shenzhen']);
    expect(data.place.noCompanies.totalCount).toBe(13);
  });

  it('orders a relation connection by a relation count', async () => {
    const data = await api.ok(`{ place(key: "guangdong") {
      zones(first: 2, orderBy: { field: COMPANIES_COUNT, direction: DESC }) { edges { node { key } } }
    } }`);
    expect(keysOf(data.place.zones)[0]).toBe('shenzhen');
  });

  it('pages a relation connection: all zones of a designation, each once, with after', async () => {
    const keys: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await api.ok(
        `query($after: String, $seeded: ZoneWhere) { designation(key: "national-hi-tech-zone") {
          zones(first: 40, after: $after, where: $seeded) { pageInfo { hasNextPage endCursor } edges { node { key } } }
        } }`,
        { after, seeded: SEEDED_ONLY },
      );
      const zones = data.designation.zones;
      keys.push(...keysOf(zones));
      if (!zones.pageInfo.hasNextPage) break;
      after = zones.pageInfo.endCursor;
    }
    expect(keys).toHaveLength(177);
    expect(new Set(keys).size).toBe(177);
    expect(keys).toEqual([...keys].sort());
  });

  it('pages a relation connection backwards with last/before', async () => {
    const data = await api.ok(`{ zone(key: "shenzhen") {
      last: companies(last: 2) { pageInfo { hasPreviousPage hasNextPage startCursor } edges { node { key } } }
    } }`);
    expect(keysOf(data.zone.last)).toEqual(['tencent', 'zte']);
    expect(data.zone.last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await api.ok(
      `query($before: String) { zone(key: "shenzhen") { companies(last: 2, before: $before) { edges { node { key } } } } }`,
      { before: data.zone.last.pageInfo.startCursor },
    );
    expect(keysOf(before.zone.companies)).toEqual(['huawei']);
  });

  it('gives each parent its own page when many parents share one relation field', async () => {
    const data =
      await api.ok(`{ zones(where: { key: { in: ["shenzhen", "zhongguancun", "changsha", "foshan"] } }) {
      edges { node { key companies(first: 2) { totalCount edges { node { key } } pageInfo { hasNextPage } } } }
    } }`);
    const byZone = Object.fromEntries(data.zones.edges.map((e: any) => [e.node.key, e.node.companies]));
    expect(byZone.shenzhen).toEqual({
      totalCount: 3,
      edges: [{ node: { key: 'huawei' } }, { node: { key: 'tencent' } }],
      pageInfo: { hasNextPage: true },
    });
    expect(keysOf(byZone.zhongguancun)).toEqual(['baidu', 'lenovo']);
    expect(byZone.zhongguancun.pageInfo.hasNextPage).toBe(false);
    expect(keysOf(byZone.changsha)).toEqual(['zoomlion']);
    expect(byZone.foshan).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('pages Entity.relations with after: every relation of Zhongguancun once, in order', async () => {
    const query = `query($after: String) { zone(key: "zhongguancun") {
      relations(first: 3, after: $after) { edges { type direction node { key } } pageInfo { hasNextPage endCursor } }
    } }`;
    const all = await api.ok(
      '{ zone(key: "zhongguancun") { relations(first: 100) { edges { type direction node { key } } } } }',
    );
    const walked: unknown[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const { zone } = await api.ok(query, { after });
      walked.push(...zone.relations.edges);
      if (!zone.relations.pageInfo.hasNextPage) break;
      after = zone.relations.pageInfo.endCursor;
    }
    expect(all.zone.relations.edges.length).toBeGreaterThan(3);
    expect(walked).toEqual(all.zone.relations.edges);
  });

  it('refuses a bad cursor or page size on a relation connection with BAD_USER_INPUT', async () => {
    for (const args of ['first: 101', 'after: "garbage"', 'first: -1']) {
      const result = await api.gql(
        `{ zone(key: "shenzhen") { companies(${args}) { edges { node { key } } } } }`,
      );
      expect(result.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });
});
