/** Analyst tools against the seeded graph: neighbourhoods, paths, timeline, aggregates, as-of views, Cypher. */
import { describe, expect, it } from 'vitest';
import { AnalystStore } from '../../src/graph/analyst-store.ts';
import { TEST_KEYS, testApp } from '../support/graphql.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
// A timeout no busy machine trips; the runaway test below has its own short one.
const gql = testApp(executor, { cypherMaxRows: 50, cypherTimeoutMs: 30_000 });
const hasty = testApp(executor, { cypherMaxRows: 50, cypherTimeoutMs: 2_000 });

describe('neighborhood', () => {
  it('holds the entity, its neighbours and the relations between them, each once', async () => {
    const { data } = await gql(`{ neighborhood(key: "zhongguancun") {
      truncated nodes { __typename key } edges { id type from { key } to { key } evidence { source { key } } } } }`);
    const keys = data.neighborhood.nodes.map((n: any) => n.key);
    expect(keys[0]).toBe('zhongguancun');
    expect(keys).toEqual(
      expect.arrayContaining(['lenovo', 'baidu', 'beijing', 'torch-program', 'zhongguancun-chip-design']),
    );
    expect(new Set(keys).size).toBe(keys.length);
    const ids = data.neighborhood.edges.map((e: any) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('ORIGINATED_IN:Company:lenovo->Zone:zhongguancun');
    expect(data.neighborhood.edges.every((e: any) => e.evidence.length > 0)).toBe(true);
    expect(data.neighborhood.truncated).toBe(false);
  });

  it('of an entity with no domain relation (a source): the entity alone, at any depth', async () => {
    const { data, errors } = await gql(`{
      one: neighborhood(key: "hi-tech-zones-overview", depth: 1) { truncated nodes { key type } edges { id } }
      two: neighborhood(key: "hi-tech-zones-overview", depth: 2) { nodes { key } edges { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.one).toEqual({
      truncated: false,
      nodes: [{ key: 'hi-tech-zones-overview', type: 'SOURCE' }],
      edges: [],
    });
    expect(data.two).toEqual({ nodes: [{ key: 'hi-tech-zones-overview' }], edges: [] });
  });

  it('sends only the parameters its statements use (every one given is packed and sent)', async () => {
    const sent: string[][] = [];
    const stop = executor.onStatement((event) => sent.push(Object.keys(event.params ?? {}).sort()));
    try {
      const { data } = await gql(`{
        all: neighborhood(key: "zhongguancun", depth: 2) { nodes { key } }
        some: neighborhood(key: "zhongguancun", types: ["ORIGINATED_IN"], labels: [COMPANY], asOf: 2020) { nodes { key } }
      }`);
      expect(data.all.nodes.length).toBeGreaterThan(1);
      expect(data.some.nodes.length).toBeGreaterThan(1);
    } finally {
      stop();
    }
    expect(sent).toHaveLength(2);
    expect(sent).toContainEqual(['cap', 'key']);
    expect(sent).toContainEqual(['asOf', 'cap', 'key', 'labels', 'types']);
  });

  it('grows with depth, says when limit cut it, and filters by type and label', async () => {
    const { data } = await gql(`{
      one: neighborhood(key: "zhongguancun", depth: 1) { nodes { key } }
      two: neighborhood(key: "zhongguancun", depth: 2) { nodes { key } }
      cut: neighborhood(key: "zhongguancun", depth: 3, limit: 10) { truncated nodes { key } }
      companies: neighborhood(key: "zhongguancun", types: ["ORIGINATED_IN"]) { nodes { key } edges { type } }
      places: neighborhood(key: "zhongguancun", labels: [PLACE]) { nodes { __typename } }
    }`);
    expect(data.two.nodes.length).toBeGreaterThan(data.one.nodes.length);
    expect(data.cut).toMatchObject({ truncated: true });
    expect(data.cut.nodes).toHaveLength(10);
    expect(data.companies.nodes.map((n: any) => n.key).sort()).toEqual(['baidu', 'lenovo', 'zhongguancun']);
    expect(new Set(data.companies.edges.map((e: any) => e.type))).toEqual(new Set(['ORIGINATED_IN']));
    expect(new Set(data.places.nodes.map((n: any) => n.__typename))).toEqual(new Set(['Zone', 'Place']));
  });

  it('keeps the first neighbours by relation type and key when limit cuts it, however many rows there are', async () => {
    // 200-odd neighbours: limit 2 leaves more rows than the statement's cap (20 × limit), limit 30 fewer.
    const { data } = await gql(`{
      all: neighborhood(key: "national-hi-tech-zone", limit: 2000) { truncated nodes { key } }
      two: neighborhood(key: "national-hi-tech-zone", limit: 2) { truncated nodes { key } }
      thirty: neighborhood(key: "national-hi-tech-zone", limit: 30) { truncated nodes { key } }
    }`);
    const all = data.all.nodes.map((n: any) => n.key);
    expect(data.all.truncated).toBe(false);
    expect(all.length).toBeGreaterThan(150);
    expect(data.two).toEqual({ truncated: true, nodes: all.slice(0, 2).map((key: string) => ({ key })) });
    expect(data.thirty).toEqual({ truncated: true, nodes: all.slice(0, 30).map((key: string) => ({ key })) });
  });

  it('two and three levels deep: the nodes within that many relations, cut at limit in the same order', async () => {
    for (const depth of [2, 3]) {
      const { data } = await gql(`{ neighborhood(key: "zhongguancun", depth: ${depth}, limit: 2000) {
        truncated nodes { key type } edges { id } } }`);
      const all = data.neighborhood.nodes.map((n: any) => `${n.type}:${n.key}`);
      // The reference: every node within `depth` domain relations, by plain Cypher.
      const reference = await executor.read(
        `MATCH (s:Zone {key: 'zhongguancun'})-[rs*0..${depth}]-(x)
         WHERE all(r IN rs WHERE NOT type(r) IN ['SOURCED_FROM', 'STATED_IN'])
         RETURN collect(DISTINCT x.key) AS keys`,
      );
      expect(data.neighborhood.truncated).toBe(false);
      expect(new Set(data.neighborhood.nodes.map((n: any) => n.key))).toEqual(
        new Set(reference[0]?.keys as string[]),
      );
      expect(new Set(data.neighborhood.edges.map((e: any) => e.id)).size).toBe(
        data.neighborhood.edges.length,
      );
      // A smaller limit keeps a prefix of the same order, whether a level fits its cap (20 × limit,
      // one statement for levels 1 and 2) or not (level by level, sorted in Neo4j).
      for (const limit of [3, 12, 40, Math.floor(all.length / 2)]) {
        const cut = await gql(`{ neighborhood(key: "zhongguancun", depth: ${depth}, limit: ${limit}) {
          truncated nodes { key type } } }`);
        expect(cut.data.neighborhood.truncated, `depth ${depth}, limit ${limit}`).toBe(true);
        expect(cut.data.neighborhood.nodes.map((n: any) => `${n.type}:${n.key}`)).toEqual(
          all.slice(0, limit),
        );
      }
    }
  });

  it('a cut neighbourhood keeps the edges between the nodes it kept, in the whole one’s order', async () => {
    // Levels 1 and 2 in one statement (both within their cap, 20 × limit rows: zhongguancun's level 2
    // has about 1,200, Huawei's about 40, Zhejiang's places a few dozen): an edge is kept when both
    // its ends are, and an edge of level 2 only when level 1 fitted whole (the walk stops at the level
    // that fills it: Zhejiang's places cut at 6 to 8 keep two of its level-1 places joined by PART_OF,
    // but not that edge).
    const edges = 'edges { id from { key } to { key } statements { type since evidence { quote } } }';
    const cases: [string, string, number[]][] = [
      ['zhongguancun', '', [60, 100, 159]],
      ['huawei', '', [2, 3, 4, 6, 10]],
      ['zhejiang', ', types: ["LOCATED_IN", "PART_OF"]', [6, 7, 8, 12]],
    ];
    for (const [key, types, limits] of cases) {
      const whole = await gql(`{ neighborhood(key: "${key}", depth: 2, limit: 2000${types}) {
        truncated nodes { key } ${edges} } }`);
      const first = await gql(
        `{ neighborhood(key: "${key}", depth: 1, limit: 2000${types}) { nodes { key } } }`,
      );
      const firstLevel = first.data.neighborhood.nodes.length;
      const all = whole.data.neighborhood;
      expect(all.truncated).toBe(false);
      expect(all.edges.every((e: any) => e.statements.length > 0)).toBe(true);
      // Some limits cut level 1.
      if (key !== 'zhongguancun') expect(Math.min(...limits)).toBeLessThan(firstLevel);
      for (const limit of limits) {
        const { data } = await gql(`{ neighborhood(key: "${key}", depth: 2, limit: ${limit}${types}) {
          truncated nodes { key } ${edges} } }`);
        expect(data.neighborhood.truncated).toBe(true);
        const kept = new Set(data.neighborhood.nodes.map((n: any) => n.key));
        const ofStart = (e: any) => e.from.key === key || e.to.key === key;
        expect(data.neighborhood.edges, `${key}, limit ${limit}`).toEqual(
          all.edges.filter(
            (e: any) => kept.has(e.from.key) && kept.has(e.to.key) && (firstLevel <= limit || ofStart(e)),
          ),
        );
      }
    }
  });

  it('reads only what the query selects, and answers as a selection through fragments does', async () => {
    const lean = await gql(`{ neighborhood(key: "zhongguancun", depth: 2) {
      nodes { key name type } edges { id type from { key } to { key } } } }`);
    const full = await gql(`{ neighborhood(key: "zhongguancun", depth: 2) {
      nodes { ... on Entity { key name type } }
      edges { id type from { key } to { key } ... on Relation { evidence { quote } } } } }`);
    expect(full.data.neighborhood.nodes).toEqual(lean.data.neighborhood.nodes);
    expect(full.data.neighborhood.edges.map(({ evidence, ...edge }: any) => edge)).toEqual(
      lean.data.neighborhood.edges,
    );
    expect(full.data.neighborhood.edges.every((e: any) => e.evidence.length > 0)).toBe(true);

    const store = new AnalystStore(executor);
    const subgraph = await store.neighborhood({
      key: 'zhongguancun',
      depth: 1,
      limit: 100,
      select: { properties: ['name'], statements: false },
    });
    expect(subgraph.nodes.every((n) => Object.keys(n).sort().join() === '__label,key,name')).toBe(true);
    expect(subgraph.edges.every((e) => e.statements.length === 0)).toBe(true);
    const everything = await store.neighborhood({ key: 'zhongguancun', depth: 1, limit: 100 });
    expect(everything.nodes.map((n) => n.key)).toEqual(subgraph.nodes.map((n) => n.key));
    expect(everything.nodes[0]).toMatchObject({ approvedYear: 1988 });
    expect(everything.edges.every((e) => e.statements.length > 0)).toBe(true);
  });

  it('answers as of a year: Baidu (2000) and the 2009 demonstration zone are not there in 1990', async () => {
    const { data } = await gql(`{
      then: neighborhood(key: "zhongguancun", asOf: 1990) { nodes { key } }
      now: neighborhood(key: "zhongguancun") { nodes { key } } }`);
    const then = data.then.nodes.map((n: any) => n.key);
    expect(then).toContain('lenovo');
    expect(then).not.toContain('baidu');
    expect(then).not.toContain('zhongguancun-nidz');
    expect(data.now.nodes.map((n: any) => n.key)).toContain('zhongguancun-nidz');
  });

  it('refuses bad input with a clear error', async () => {
    for (const [query, message] of [
      ['{ neighborhood(key: "no-such-key") { truncated } }', /No entity has the key "no-such-key"/],
      ['{ neighborhood(key: "zhongguancun", depth: 4) { truncated } }', /depth must be 1, 2 or 3/],
      ['{ neighborhood(key: "zhongguancun", types: ["NOPE"]) { truncated } }', /Unknown relation type NOPE/],
    ] as const) {
      const { errors } = await gql(query);
      expect(errors?.[0]?.message).toMatch(message);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('paths', () => {
  it('finds how Huawei connects to the Torch Program, shortest first, in path order with directions kept', async () => {
    const { data } = await gql(`{ paths(fromKey: "huawei", toKey: "torch-program", limit: 3) {
      length nodes { key } edges { type from { key } to { key } } } }`);
    const paths = data.paths;
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.map((p: any) => p.length)).toEqual([...paths.map((p: any) => p.length)].sort());
    for (const path of paths) {
      expect(path.nodes[0].key).toBe('huawei');
      expect(path.nodes.at(-1).key).toBe('torch-program');
      expect(path.edges).toHaveLength(path.length);
      path.edges.forEach((edge: any, i: number) => {
        // Each edge joins consecutive nodes, in its own direction.
        expect([edge.from.key, edge.to.key].sort()).toEqual(
          [path.nodes[i].key, path.nodes[i + 1].key].sort(),
        );
      });
    }
    const signatures = paths.map((p: any) =>
      p.edges.map((e: any) => `${e.type}${e.from.key}${e.to.key}`).join(),
    );
    expect(new Set(signatures).size).toBe(signatures.length);
  });

  it('reads the edges’ statements when asked, and counts a hop two sources state once', async () => {
    // Lenovo → Zhongguancun (ORIGINATED_IN) and Lenovo → Beijing are each stated by two sources in the
    // seed: of the 5 shortest database paths only 2 differ in more than the source, so 5 distinct
    // paths take a second, larger search.
    const { data } = await gql(`{
      lean: paths(fromKey: "lenovo", toKey: "torch-program", limit: 5) { length nodes { key } edges { id } }
      full: paths(fromKey: "lenovo", toKey: "torch-program", limit: 5) {
        length nodes { ... on Entity { key description } } edges { id since evidence { quote source { key } } } }
    }`);
    expect(data.lean).toHaveLength(5);
    expect(data.full.map((p: any) => p.edges.map((e: any) => e.id))).toEqual(
      data.lean.map((p: any) => p.edges.map((e: any) => e.id)),
    );
    const signatures = data.lean.map((p: any) => p.edges.map((e: any) => e.id).join('|'));
    expect(new Set(signatures).size).toBe(signatures.length);
    for (const path of data.full) {
      for (const edge of path.edges) expect(edge.evidence.length).toBeGreaterThan(0);
    }
  });

  it('returns simple paths only: no node twice (Shenzhen → Guangdong → Shenzhen → Huawei was given)', async () => {
    const { data } = await gql(
      '{ paths(fromKey: "shenzhen-place", toKey: "huawei", limit: 5) { nodes { ... on Entity { key } } } }',
    );
    expect(data.paths.length).toBeGreaterThan(0);
    for (const path of data.paths) {
      const keys = path.nodes.map((n: any) => n.key);
      expect(new Set(keys).size, keys.join(' → ')).toBe(keys.length);
    }
  });

  it('gives a direct relation as a path of length 1', async () => {
    const { data } = await gql(
      '{ paths(fromKey: "lenovo", toKey: "zhongguancun") { length edges { type } } }',
    );
    expect(data.paths[0]).toEqual({ length: 1, edges: [{ type: 'ORIGINATED_IN' }] });
  });
});

describe('timeline', () => {
  it('lists dated facts in order: the 1985 Decision, the 1988 zone, the 2009 demonstration zone', async () => {
    const { data } = await gql('{ timeline { year date title entities { key } } }');
    const years = data.timeline.map((e: any) => e.year);
    expect(years).toEqual([...years].sort((a: number, b: number) => a - b));
    const titles = data.timeline.map((e: any) => e.title).join('\n');
    expect(titles).toMatch(/Decision on the Reform of the System for Managing Science and Technology/);
    const nidz = data.timeline.find((e: any) => e.date === '2009-03-13');
    expect(nidz.entities.map((e: any) => e.key)).toContain('zhongguancun');
  });

  it('narrows by years and by the types of entity involved', async () => {
    const { data } = await gql('{ timeline(fromYear: 1985, toYear: 1988, labels: [POLICY]) { year title } }');
    expect(data.timeline.length).toBeGreaterThan(0);
    expect(data.timeline.every((e: any) => e.year >= 1985 && e.year <= 1988)).toBe(true);
    const { errors } = await gql('{ timeline(fromYear: 2000, toYear: 1990) { year } }');
    expect(errors?.[0]?.message).toMatch(/fromYear \(2000\) is after toYear \(1990\)/);
  });
});

describe('stats and as-of views', () => {
  /** Approved years of the zones other test files create meanwhile (their keys hold "-test-"). */
  const testZoneYears = async () =>
    (
      await executor.read(
        `MATCH (z:Zone) WHERE z.key CONTAINS '-test-' AND z.approvedYear IS NOT NULL
         RETURN z.approvedYear AS year ORDER BY year`,
      )
    ).map((r) => Number(r.year));

  it('counts zones per province, per year with the running total, and indicators by metric', async () => {
    // Files share this Neo4j and some create zones while this runs: read the stats between two equal
    // readings of those zones, and count them in (a zone created and deleted in between is in neither).
    let stats: any;
    let extra: number[] = [];
    for (let attempt = 0; ; attempt++) {
      const before = await testZoneYears();
      stats = (
        await gql(`{ stats {
          zonesPerProvince { place { key } zones }
          zonesApprovedPerYear { year approved total }
          indicatorsByMetric { metric year count indicators { value unit } } } }`)
      ).data.stats;
      const after = await testZoneYears();
      extra = after;
      if (before.join() === after.join() || attempt === 20) break;
    }
    const extraIn = (year: number) => extra.filter((y) => y === year).length;
    const extraBy = (year: number) => extra.filter((y) => y <= year).length;
    const provinces = Object.fromEntries(stats.zonesPerProvince.map((p: any) => [p.place.key, p.zones]));
    expect(provinces.guangdong).toBe(14);
    const years = stats.zonesApprovedPerYear;
    expect(years.find((y: any) => y.year === 1988)).toEqual({
      year: 1988,
      approved: 1 + extraIn(1988),
      total: 1 + extraBy(1988),
    });
    expect(years.find((y: any) => y.year === 1992)).toEqual({
      year: 1992,
      approved: 25 + extraIn(1992),
      total: 52 + extraBy(1992),
    });
    expect(years.at(-1).total).toBe(146 + extra.length);
    const rnd = stats.indicatorsByMetric.find(
      (m: any) => m.year === 2012 && m.indicators.some((i: any) => i.value === 274.91),
    );
    expect(rnd).toBeDefined();
  });

  it('answers zones(asOf:) with the national zones of that year: 1 in 1988, 52 in 1992', async () => {
    const { data } = await gql(`{ a: zones(asOf: 1988) { totalCount edges { node { key } } }
      b: zones(asOf: 1992) { totalCount } c: zones(asOf: 1997, where: { key: { eq: "yangling" } }) { totalCount }
      d: zones(asOf: 1996, where: { key: { eq: "yangling" } }) { totalCount } }`);
    expect(data.a.totalCount).toBe(1);
    expect(data.a.edges[0].node.key).toBe('zhongguancun');
    expect(data.b.totalCount).toBe(52);
    expect(data.c.totalCount).toBe(1);
    expect(data.d.totalCount).toBe(0);
  });
});

describe('cypher', () => {
  const run = (query: string, key: string = TEST_KEYS.analyst, params?: unknown) =>
    gql(
      'query($q: String!, $p: JSON) { cypher(query: $q, params: $p) { columns rows truncated } }',
      { q: query, p: params },
      key,
    );

  it('runs a read-only query with parameters, serialising nodes with labels, key and properties', async () => {
    const { data } = await run(
      'MATCH (z:Zone {key: $key}) RETURN z, z.approvedYear AS year',
      TEST_KEYS.analyst,
      {
        key: 'zhongguancun',
      },
    );
    expect(data.cypher.columns).toEqual(['z', 'year']);
    expect(data.cypher.rows[0].year).toBe(1988);
    // Every node of the ontology is also an Entity (src/graph/entity-keys.ts); raw Cypher shows both.
    expect([...data.cypher.rows[0].z.labels].sort()).toEqual(['Entity', 'Zone']);
    expect(data.cypher.rows[0].z).toMatchObject({
      key: 'zhongguancun',
      properties: { approvedYear: 1988 },
    });
  });

  it('keeps integers beyond 2^53 exact: as decimal strings, where a JSON number would round them', async () => {
    const { data } = await run(
      'RETURN 9223372036854775807 AS largest, 9007199254740993 AS pastSafe, -9007199254740993 AS negative, 9007199254740991 AS safe, [toInteger($big)] AS fromParam',
      TEST_KEYS.analyst,
      { big: '9007199254740995' },
    );
    expect(data.cypher.rows[0]).toEqual({
      largest: '9223372036854775807',
      pastSafe: '9007199254740993',
      negative: '-9007199254740993',
      safe: 9007199254740991,
      fromParam: ['9007199254740995'],
    });
  });

  it('caps the rows and says so', async () => {
    const { data } = await run('UNWIND range(1, 500) AS i RETURN i');
    expect(data.cypher.rows).toHaveLength(50);
    expect(data.cypher.truncated).toBe(true);
  });

  it('refuses writes (both layers), LOAD CSV and procedures outside the allow-list, explaining why', async () => {
    const cases: [string, RegExp][] = [
      ['CREATE (n:Zone {key: "cypher-test-x"}) RETURN n', /Queries must start with MATCH/],
      [
        'MATCH (z:Zone {key: "zhongguancun"}) SET z.name = "x" RETURN z',
        /Only read-only queries are allowed/,
      ],
      ['MATCH (z:Zone {key: "zhongguancun"}) DETACH DELETE z', /Only read-only queries are allowed/],
      ['CREATE INDEX x IF NOT EXISTS FOR (n:Zone) ON (n.x)', /CREATE is not allowed/],
      // Starts like a read, writes later: the EXPLAIN layer refuses it.
      [
        'MATCH (z:Zone {key: "zhongguancun"}) WITH z CREATE (:Zone {key: "cypher-test-y"})',
        /Only read-only queries are allowed/,
      ],
      ['LOAD CSV FROM "file:///etc/passwd" AS line RETURN line', /LOAD CSV is not allowed/],
      ['CALL dbms.listConfig() YIELD name RETURN name', /dbms\.listConfig is not allowed/],
    ];
    for (const [query, message] of cases) {
      const { errors } = await run(query);
      expect(errors?.[0]?.message, query).toMatch(message);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const [row] = await executor.read("MATCH (z:Zone {key: 'zhongguancun'}) RETURN z.name AS name");
    expect(row?.name).toBe('Zhongguancun Science Park');
  });

  it('stops a runaway query at the timeout with a clear error, and leaves no transaction running', async () => {
    const started = Date.now();
    const runaway = 'MATCH (a), (b), (c) WHERE a.key < b.key AND b.key < c.key RETURN count(*)';
    const { errors } = await hasty(
      'query($q: String!) { cypher(query: $q) { rows } }',
      { q: runaway },
      TEST_KEYS.analyst,
    );
    expect(errors?.[0]?.message).toMatch(/ran past the 2 s limit/);
    // Within the timeout plus a margin (a generous bound: these machines are shared).
    expect(Date.now() - started).toBeLessThan(15_000);
    // The worker's transaction is terminated as the error is answered; Neo4j drops it soon after.
    const deadline = Date.now() + 30_000;
    let left: unknown[] = [];
    do {
      const rows = await executor.read(
        'SHOW TRANSACTIONS YIELD currentQuery, metaData WHERE metaData.kind = $kind AND currentQuery = $query RETURN currentQuery',
        { kind: 'analyst-cypher', query: runaway },
      );
      left = rows.map((r) => r.currentQuery);
      if (left.length) await new Promise((resolve) => setTimeout(resolve, 250));
    } while (left.length && Date.now() < deadline);
    // Only this query's: other test files run analyst queries on the same Neo4j.
    expect(left).toEqual([]);
  });

  it('needs an analyst key: none, a wrong one and an editor key are refused', async () => {
    expect((await run('RETURN 1', '')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await run('RETURN 1', 'wrong-key')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await run('RETURN 1', TEST_KEYS.editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('curation needs an editor key', () => {
  it('refuses a mutation without one, and writes nothing', async () => {
    const mutation = `mutation { createTechnology(input: { key: "guard-test-tech", name: "x",
      evidence: [{ source: "hi-tech-zones-overview" }] }) { __typename } }`;
    expect((await gql(mutation)).errors?.[0]?.message).toMatch(/Curation needs an editor key/);
    expect((await gql(mutation, {}, TEST_KEYS.analyst)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [row] = await executor.read("MATCH (t:Technology {key: 'guard-test-tech'}) RETURN count(t) AS n");
    expect(row?.n).toBe(0);
  });
});
