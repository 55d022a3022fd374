/**
 * The abusive requests of issue 12, as an attacker sends them: each once took the server or Neo4j
 * down, froze the event loop, read a file, or kept two cores busy for minutes. `npm run loadtest --
 * --attack` sends them in a loop beside an ordinary load; the test suite's attack corpus
 * (tests/integration/attacks, tests/e2e/attacks) checks each answer in detail.
 */

export interface Attack {
  name: string;
  /** Sent as the request's body (JSON unless `contentType` says otherwise). */
  body: () => string;
  /** Which key the attacker holds for it; an attacker with no key sends none. */
  key?: 'analyst' | 'editor';
  /** Bytes announced but not all sent are not tested here: the body is always complete. */
  contentType?: string;
  /** More headers, e.g. a forged Neo4j-Bookmark. */
  headers?: Record<string, string>;
}

function throughEntity(levels: number, root = 'zones(first: 2) { edges { node { # } } }'): string {
  let inner = 'key';
  for (let i = 0; i < levels; i++) inner = `key relations(first: 2) { edges { node { ${inner} } } }`;
  return `{ ${root.replace('#', inner)} }`;
}

const gql =
  (query: string, variables: Record<string, unknown> = {}) =>
  () =>
    JSON.stringify({ query, variables });

function deepAnd(levels: number): Record<string, unknown> {
  let where: Record<string, unknown> = { name: { eq: 'x' } };
  for (let i = 0; i < levels; i++) where = { AND: [where] };
  return where;
}

export const ATTACKS: Attack[] = [
  { name: '25 levels through Entity (2 KB)', body: gql(throughEntity(25)) },
  {
    name: '4 levels through Entity within the depth limit (a graphql-jit compile bomb)',
    body: gql(throughEntity(4, 'entity(key: "zhongguancun") { # }')),
  },
  {
    name: 'search text of 200 KB',
    body: gql('query($t: String!) { search(text: $t) { score } }', { t: 'ab '.repeat(66_000) }),
  },
  {
    name: 'search with one 5,000-character word',
    body: gql('query($t: String!) { search(text: $t) { score } }', { t: 'x'.repeat(5_000) }),
  },
  {
    name: 'OR of 5,000 contains in variables',
    body: gql('query($w: ZoneWhere) { zones(where: $w) { totalCount } }', {
      w: { OR: Array.from({ length: 5_000 }, (_, i) => ({ name: { contains: `x${i}` } })) },
    }),
  },
  {
    name: 'AND nested 2,000 deep in variables',
    body: gql('query($w: ZoneWhere) { zones(where: $w) { totalCount } }', { w: deepAnd(2_000) }),
  },
  {
    name: 'request body of 20 MB',
    body: () => JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(20_000_000) }),
  },
  { name: 'subscription', body: gql('subscription { __typename }') },
  { name: 'text/plain body', body: () => 'query', contentType: 'text/plain' },
  {
    name: 'forged Neo4j-Bookmark of a future transaction',
    body: gql('{ zone(key: "zhongguancun") { name } }'),
    headers: { 'neo4j-bookmark': 'FB:kcwQAAAAAAAAAAAAAAAAAAAAAAAAkA==' },
  },
  {
    name: 'multipart body with a broken map',
    body: () =>
      '--XyZ\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{__typename}"}\r\n--XyZ\r\nContent-Disposition: form-data; name="map"\r\n\r\n[1,2]\r\n--XyZ--\r\n',
    contentType: 'multipart/form-data; boundary=XyZ',
  },
  {
    name: 'key of 100 KB',
    body: gql('query($k: String!) { zone(key: $k) { name } }', { k: 'k'.repeat(100_000) }),
  },
  {
    name: 'LOAD CSV of /proc/self/environ',
    key: 'analyst',
    body: gql(
      '{ cypher(query: "WITH \'file:///proc/self/environ\' AS u LOAD CSV FROM u AS l RETURN l") { rows } }',
    ),
  },
  {
    name: 'LOAD CSV behind a control character',
    key: 'analyst',
    body: gql('query($q: String!) { cypher(query: $q) { rows } }', {
      q: "LOAD\u001cCSV FROM 'file:///etc/passwd' AS l RETURN l",
    }),
  },
  {
    name: 'RETURN range(1, 20000000)',
    key: 'analyst',
    body: gql('{ cypher(query: "RETURN range(1, 20000000) AS r") { rows } }'),
  },
  {
    name: 'CPU-heavy Cypher past its timeout',
    key: 'analyst',
    body: gql(
      '{ cypher(query: "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 100 RETURN count(*) AS n") { rows } }',
    ),
  },
  {
    name: 'CALL { } IN TRANSACTIONS',
    key: 'analyst',
    body: gql(
      '{ cypher(query: "CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN count(*) AS n") { rows } }',
    ),
  },
  {
    name: 'curation with a 30 KB name',
    key: 'editor',
    body: gql(
      'mutation($n: String!) { createZone(input: { key: "attack-zone", name: $n, evidence: [{ source: "https://example.org", quote: "q" }] }) { __typename } }',
      { n: 'n'.repeat(30_000) },
    ),
  },
];
