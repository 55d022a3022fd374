/**
 * Cypher and full-text metacharacters in every string argument: the graph does not change, nothing
 * answers 500, and no Cypher or Lucene syntax error reaches the client.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { schema } from '../../src/schema/index.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const app = createApp({ schema, executor, log: createLogger('silent') });

const PAYLOADS = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  "x'}) DETACH DELETE n RETURN n //",
  '`) DETACH DELETE n //',
  '$key',
  '\\',
  '"',
  'AND OR NOT (',
  '*:*',
  'name:*',
  '~',
  '[a TO z]',
  '{',
  '\u0000',
  'Zone` DETACH DELETE n //',
  '1} RETURN 1 UNION MATCH (n) DETACH DELETE n //',
];

const QUERIES: [string, string][] = [
  ['key lookup', 'query($p: String!) { zone(key: $p) { key } }'],
  ['entity lookup', 'query($p: String!) { entity(key: $p) { key } }'],
  [
    'string filter',
    'query($p: String!) { zones(where: { name: { contains: $p } }, first: 3) { totalCount } }',
  ],
  [
    'relation filter',
    'query($p: String!) { zones(where: { province: { key: { eq: $p } } }, first: 3) { totalCount } }',
  ],
  ['search', 'query($p: String!) { search(text: $p) { entity { key } } }'],
  [
    'relation types',
    'query($p: String!) { zone(key: "zhongguancun") { relations(types: [$p]) { edges { type } } } }',
  ],
  [
    'neighbourhood types',
    'query($p: String!) { neighborhood(key: "zhongguancun", types: [$p]) { truncated } }',
  ],
  ['neighbourhood key', 'query($p: String!) { neighborhood(key: $p) { truncated } }'],
  ['paths', 'query($p: String!) { paths(fromKey: $p, toKey: "zhongguancun") { length } }'],
  ['cursor', 'query($p: String!) { zones(first: 2, after: $p) { totalCount } }'],
];

/** The seeded graph's size; other test files add and remove their own nodes (keys with "test", "example-"). */
async function graphSize() {
  const own = (v: string) => `(${v}.key CONTAINS 'test' OR ${v}.key STARTS WITH 'example-')`;
  const [row] = await executor.read(
    `MATCH (n) WHERE NOT ${own('n')} WITH count(n) AS nodes
     MATCH (a)-[r]->(b) WHERE NOT ${own('a')} AND NOT ${own('b')}
     RETURN nodes, count(r) AS rels`,
  );
  return row;
}

describe('injection', () => {
  it('changes nothing, never answers 500, and leaks no syntax error', async () => {
    const before = await graphSize();
    for (const [name, query] of QUERIES) {
      for (const payload of PAYLOADS) {
        const response = await app.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables: { p: payload } }),
        });
        const text = await response.text();
        expect(response.status, `${name} with ${JSON.stringify(payload)}`).toBeLessThan(500);
        expect(text, `${name} with ${JSON.stringify(payload)}`).not.toMatch(
          /SyntaxError|Invalid input|ParseException|Lucene|Neo\.ClientError|Unexpected error/,
        );
      }
    }
    expect(await graphSize()).toEqual(before);
  });
});
