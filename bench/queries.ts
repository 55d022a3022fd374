/**
 * The fixed query set. Each query is written three times — our GraphQL, the hand-written Cypher a
 * raw neo4j-driver user would send, and the @neo4j/graphql query against bench/contenders/
 * peer-typedefs.ts — with one normaliser per contender that reduces an answer to the same plain shape
 * (keys in order), so that answers are compared before anything is timed.
 */
import neo4j from 'neo4j-driver';
import { LABELS } from '../src/graph/ontology.ts';
import { namedQuery } from '../src/neo4j/named-queries.ts';
import { enumName } from '../src/schema/entity.ts';
import type { Picks } from './generate.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are untyped JSON
type Data = Record<string, any>;

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export interface FixedQuery {
  name: string;
  title: string;
  /** Counts toward the targets (the calibration query does not). */
  targeted: boolean;
  ours: GraphQLRequest;
  /** Null when @neo4j/graphql cannot express the query. */
  peer: GraphQLRequest | null;
  /** How the peer answers it, where that is not its generated API. */
  peerNote?: string;
  raw: { cypher: string; params: Record<string, unknown> };
  normalise: {
    ours: (data: Data) => Json;
    peer: (data: Data) => Json;
    raw: (rows: Data[]) => Json;
  };
}

/** Label of our EntityType enum value (INDUSTRY_CLUSTER → IndustryCluster). */
const LABEL_OF_ENUM = new Map<string, string>(LABELS.map((l) => [enumName(l), l]));
const label = (value: string) => LABEL_OF_ENUM.get(value) ?? value;

const DOMAIN_TYPES =
  'LOCATED_IN|PART_OF|ISSUED_BY|LAUNCHED_BY|APPROVED_BY|ESTABLISHED_UNDER|LED_TO|DESIGNATED_AS|PARTICIPATES_IN|ORIGINATED_IN|SPECIALIZES_IN|INVOLVES|MEASURES';
const PROVINCE_KINDS = ['province', 'autonomous-region', 'municipality'];

const edgesOf = (connection: Data): Data[] => (connection.edges as Data[]).map((e) => e.node as Data);
const keyName = (n: Data): Json => ({ key: n.key, name: n.name });
const sorted = (items: string[]) => [...items].sort();

export function fixedQueries(picks: Picks): FixedQuery[] {
  return [
    {
      name: 'calibration',
      title: 'Calibration: `{ __typename }` (raw: `RETURN 1`)',
      targeted: false,
      ours: { query: '{ __typename }', variables: {} },
      peer: { query: '{ __typename }', variables: {} },
      raw: { cypher: 'RETURN 1 AS one', params: {} },
      normalise: { ours: () => 'ok', peer: () => 'ok', raw: () => 'ok' },
    },
    {
      name: 'lookup',
      title: 'Lookup by key (a company)',
      targeted: true,
      ours: {
        query: 'query($key: String!) { company(key: $key) { key name nameZh foundedYear } }',
        variables: { key: picks.companyKey },
      },
      peer: {
        query:
          'query($key: String!) { companies(where: { key: { eq: $key } }) { key name nameZh foundedYear } }',
        variables: { key: picks.companyKey },
      },
      raw: {
        cypher:
          'MATCH (c:Company {key: $key}) RETURN c.key AS key, c.name AS name, c.nameZh AS nameZh, c.foundedYear AS foundedYear',
        params: { key: picks.companyKey },
      },
      normalise: {
        ours: (d) => d.company as Json,
        peer: (d) => (d.companies as Data[])[0] as Json,
        raw: (rows) => rows[0] as Json,
      },
    },
    {
      name: 'page',
      title: 'Page of 20 zones, filtered (approvedYear ≥ Y) and ordered by name',
      targeted: true,
      ours: {
        query: `query($year: Int!) {
  zones(first: 20, where: { approvedYear: { gte: $year } }, orderBy: { field: NAME, direction: ASC }) {
    edges { node { key name approvedYear } }
  }
}`,
        variables: { year: picks.minApprovedYear },
      },
      peer: {
        query: `query($year: Int!) {
  zonesConnection(first: 20, where: { approvedYear: { gte: $year } }, sort: [{ name: ASC }, { key: ASC }]) {
    edges { node { key name approvedYear } }
  }
}`,
        variables: { year: picks.minApprovedYear },
      },
      raw: {
        cypher: `MATCH (z:Zone) WHERE z.approvedYear >= $year
RETURN z.key AS key, z.name AS name, z.approvedYear AS approvedYear ORDER BY z.name, z.key LIMIT 20`,
        params: { year: neo4j.int(picks.minApprovedYear) },
      },
      normalise: {
        ours: (d) => edgesOf(d.zones) as Json,
        peer: (d) => edgesOf(d.zonesConnection) as Json,
        raw: (rows) => rows as Json,
      },
    },
    {
      name: 'nested',
      title: 'Nested depth 3: zones → clusters → technologies (20 × 10 × 10)',
      targeted: true,
      ours: {
        query: `{
  zones(first: 20, orderBy: { field: KEY, direction: ASC }) {
    edges { node { key name
      clusters(first: 10) { edges { node { key name
        technologies(first: 10) { edges { node { key name } } }
      } } }
    } }
  }
}`,
        variables: {},
      },
      peer: {
        query: `{
  zonesConnection(first: 20, sort: [{ key: ASC }]) {
    edges { node { key name
      clustersConnection(first: 10, sort: [{ node: { key: ASC } }]) { edges { node { key name
        technologiesConnection(first: 10, sort: [{ node: { key: ASC } }]) { edges { node { key name } } }
      } } }
    } }
  }
}`,
        variables: {},
      },
      raw: {
        cypher: `MATCH (z:Zone) WITH z ORDER BY z.key LIMIT 20
CALL (z) {
  MATCH (z)<-[:LOCATED_IN]-(c:IndustryCluster)
  WITH DISTINCT c ORDER BY c.key LIMIT 10
  CALL (c) {
    MATCH (c)-[:SPECIALIZES_IN]->(t:Technology)
    WITH DISTINCT t ORDER BY t.key LIMIT 10
    RETURN collect({key: t.key, name: t.name}) AS technologies
  }
  RETURN collect({key: c.key, name: c.name, technologies: technologies}) AS clusters
}
RETURN z.key AS key, z.name AS name, clusters`,
        params: {},
      },
      normalise: {
        ours: (d) =>
          edgesOf(d.zones).map((z) => ({
            ...(keyName(z) as object),
            clusters: edgesOf(z.clusters).map((c) => ({
              ...(keyName(c) as object),
              technologies: edgesOf(c.technologies).map(keyName),
            })),
          })) as Json,
        peer: (d) =>
          edgesOf(d.zonesConnection).map((z) => ({
            ...(keyName(z) as object),
            clusters: edgesOf(z.clustersConnection).map((c) => ({
              ...(keyName(c) as object),
              technologies: edgesOf(c.technologiesConnection).map(keyName),
            })),
          })) as Json,
        raw: (rows) => rows as Json,
      },
    },
    {
      name: 'zoneCompanies',
      title: "One zone's first 100 companies (a relation page of 100, ordered by key)",
      targeted: true,
      ours: {
        query: `query($key: String!) {
  zone(key: $key) {
    companies(first: 100, orderBy: { field: KEY, direction: ASC }) {
      edges { node { key name nameZh foundedYear } }
    }
  }
}`,
        variables: { key: picks.zoneKey },
      },
      peer: {
        query: `query($key: String!) {
  zones(where: { key: { eq: $key } }) {
    companies(limit: 100, sort: [{ key: ASC }]) { key name nameZh foundedYear }
  }
}`,
        variables: { key: picks.zoneKey },
      },
      peerNote:
        'generated relationship field; its connection field (companiesConnection) lists a company stated by two sources twice',
      raw: {
        // A company stated by two sources has two ORIGINATED_IN relationships: each company once.
        cypher: `MATCH (:Zone {key: $key})<-[:ORIGINATED_IN]-(c:Company)
WITH DISTINCT c ORDER BY c.key LIMIT 100
RETURN c.key AS key, c.name AS name, c.nameZh AS nameZh, c.foundedYear AS foundedYear`,
        params: { key: picks.zoneKey },
      },
      normalise: {
        ours: (d) => edgesOf(d.zone.companies) as Json,
        peer: (d) => (d.zones as Data[])[0]?.companies as Json,
        raw: (rows) => rows as Json,
      },
    },
    // Search is not here: since issue 14 it ranks its candidates in our code (names, aliases, pinyin,
    // quotes), so neither the peer nor hand-written Cypher gives the same answer to check. `npm run
    // bench:search` measures it (relevance and latency, against another version of the code).
    {
      name: 'neighbourhood',
      title: 'Neighbourhood depth 2 of a company (all domain relation types)',
      targeted: true,
      ours: {
        query: `query($key: String!) {
  neighborhood(key: $key, depth: 2, limit: 1000) {
    truncated
    nodes { key type name }
    edges { type from { key type } to { key type } }
  }
}`,
        variables: { key: picks.neighbourhoodKey },
      },
      peer: {
        query: `query($key: String!) {
  neighborhood(key: $key) { nodes { key type name } edges { type fromKey fromType toKey toType } }
}`,
        variables: { key: picks.neighbourhoodKey },
      },
      peerNote: '@cypher query field (no traversal API)',
      raw: {
        cypher: `MATCH (s:Company {key: $key})
OPTIONAL MATCH (s)-[:${DOMAIN_TYPES}]-(m1)
WITH s, collect(DISTINCT m1) AS level1
UNWIND [s] + level1 AS x
MATCH (x)-[r:${DOMAIN_TYPES}]-(y)
WITH DISTINCT x, y, startNode(r) AS a, type(r) AS type, endNode(r) AS b
RETURN collect(DISTINCT type + ':' + [l IN labels(a) WHERE l <> 'Entity'][0] + ':' + a.key + '->' + [l IN labels(b) WHERE l <> 'Entity'][0] + ':' + b.key) AS edges,
       [n IN collect(DISTINCT x) + collect(DISTINCT y) | {key: n.key, type: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name}] AS nodes`,
        params: { key: picks.neighbourhoodKey },
      },
      normalise: {
        ours: (d) => {
          const g = d.neighborhood as Data;
          if (g.truncated) throw new Error('our neighbourhood was truncated: pick a smaller start');
          return {
            nodes: sorted((g.nodes as Data[]).map((n) => `${label(n.type)}:${n.key}`)),
            edges: sorted(
              (g.edges as Data[]).map(
                (e) => `${e.type}:${label(e.from.type)}:${e.from.key}->${label(e.to.type)}:${e.to.key}`,
              ),
            ),
          };
        },
        peer: (d) => {
          const g = d.neighborhood as Data;
          return {
            nodes: sorted([...new Set((g.nodes as Data[]).map((n) => `${n.type}:${n.key}`))]),
            edges: sorted(
              (g.edges as Data[]).map((e) => `${e.type}:${e.fromType}:${e.fromKey}->${e.toType}:${e.toKey}`),
            ),
          };
        },
        raw: (rows) => ({
          nodes: sorted([...new Set(((rows[0]?.nodes ?? []) as Data[]).map((n) => `${n.type}:${n.key}`))]),
          edges: sorted((rows[0]?.edges ?? []) as string[]),
        }),
      },
    },
    {
      name: 'path',
      title: 'Shortest path between two companies (at most 4 hops)',
      targeted: true,
      ours: {
        query: `query($from: String!, $to: String!) {
  paths(fromKey: $from, toKey: $to, maxLength: 4, limit: 1) { length nodes { key type } }
}`,
        variables: { from: picks.pathFrom, to: picks.pathTo },
      },
      peer: {
        query:
          'query($from: String!, $to: String!) { shortestPath(fromKey: $from, toKey: $to) { key type } }',
        variables: { from: picks.pathFrom, to: picks.pathTo },
      },
      peerNote: '@cypher query field (no path API)',
      raw: {
        cypher: `MATCH (a:Company {key: $from}), (b:Company {key: $to})
MATCH p = SHORTEST 1 (a)-[:${DOMAIN_TYPES}]-{1,4}(b)
RETURN [n IN nodes(p) | {key: n.key, type: [l IN labels(n) WHERE l <> 'Entity'][0]}] AS nodes`,
        params: { from: picks.pathFrom, to: picks.pathTo },
      },
      // Paths of equal length may differ between two statements: compare length and ends.
      normalise: {
        ours: (d) => {
          const nodes = ((d.paths as Data[])[0]?.nodes ?? []) as Data[];
          return pathShape(nodes.map((n) => `${label(n.type)}:${n.key}`));
        },
        peer: (d) => pathShape((d.shortestPath as Data[]).map((n) => `${n.type}:${n.key}`)),
        raw: (rows) => pathShape(((rows[0]?.nodes ?? []) as Data[]).map((n) => `${n.type}:${n.key}`)),
      },
    },
    {
      name: 'perProvince',
      title: 'Zones per province, with counts, most first',
      targeted: true,
      ours: { query: '{ stats { zonesPerProvince { place { key name } zones } } }', variables: {} },
      peer: {
        query: `query($kinds: [String!]!) {
  places(where: { kind: { in: $kinds }, zoneCount: { gt: 0 } }, sort: [{ zoneCount: DESC }, { key: ASC }]) {
    key name zoneCount
  }
}`,
        variables: { kinds: PROVINCE_KINDS },
      },
      peerNote:
        'generated list, filtered and sorted on a @cypher count field (PART_OF*0..3 is no relationship field)',
      raw: { cypher: namedQuery('stats-zones-per-province'), params: { asOf: null } },
      normalise: {
        ours: (d) =>
          (d.stats.zonesPerProvince as Data[]).map((r) => ({
            key: r.place.key,
            name: r.place.name,
            zones: r.zones,
          })),
        peer: (d) => (d.places as Data[]).map((p) => ({ key: p.key, name: p.name, zones: p.zoneCount })),
        raw: (rows) => rows.map((r) => ({ key: r.place.key, name: r.place.name, zones: Number(r.zones) })),
      },
    },
    {
      name: 'relationCount',
      title: 'Zones ordered by number of companies (relation-count order), first 20',
      targeted: true,
      ours: {
        query: `{
  zones(first: 20, orderBy: { field: COMPANIES_COUNT, direction: DESC }) { edges { node { key name } } }
}`,
        variables: {},
      },
      peer: {
        query: `{
  zonesConnection(first: 20, sort: [{ companyCount: DESC }, { key: DESC }]) { edges { node { key name } } }
}`,
        variables: {},
      },
      peerNote: 'no relation-count order in @neo4j/graphql 7: sorted on a @cypher count field',
      raw: {
        cypher: `MATCH (z:Zone)
WITH z, COUNT { MATCH (z)<-[:ORIGINATED_IN]-(c:Company) RETURN DISTINCT c } AS companies
ORDER BY companies DESC, z.key DESC LIMIT 20
RETURN z.key AS key, z.name AS name`,
        params: {},
      },
      normalise: {
        ours: (d) => edgesOf(d.zones).map(keyName),
        peer: (d) => edgesOf(d.zonesConnection).map(keyName),
        raw: (rows) => rows as Json,
      },
    },
  ];
}

function pathShape(nodes: string[]): Json {
  return { length: Math.max(0, nodes.length - 1), from: nodes[0] ?? null, to: nodes.at(-1) ?? null };
}
