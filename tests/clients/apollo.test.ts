/**
 * Apollo Client 4 against the server, set up exactly as the README says (its block is imported as it
 * is): overlapping queries over Zone.companies, Zone.cityEdge and Query.stats, paging with fetchMore,
 * and abstract types (Node, Entity) read through possibleTypes — with no cache warning at all. A
 * bare InMemoryCache over the same queries does warn: the check would see it.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { importReadmeBlock } from './readme.ts';
import { keys, useServer } from './server.ts';

const server = useServer();

type Apollo = typeof import('@apollo/client');
let apollo: Apollo;
let createApolloClient: (uri: string) => InstanceType<Apollo['ApolloClient']>;

beforeAll(async () => {
  // Apollo's development checks (the cache's data-loss warnings among them) run when __DEV__ is set.
  (globalThis as { __DEV__?: boolean }).__DEV__ = true;
  apollo = await import('@apollo/client');
  const dev = await import('@apollo/client/dev');
  dev.loadErrorMessages();
  dev.loadDevMessages();
  ({ createApolloClient } = await importReadmeBlock<{ createApolloClient: typeof createApolloClient }>(
    'apollo',
  ));
});

const warnings: unknown[][] = [];
afterEach(() => {
  vi.restoreAllMocks();
  warnings.length = 0;
});
function recordWarnings() {
  for (const level of ['warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      warnings.push(args);
    });
  }
}

const queries = () => {
  const { gql } = apollo;
  return [
    gql`
      query ZoneOverview {
        zone(key: "zhongguancun") {
          id
          name
          companies(first: 2) {
            edges {
              node {
                id
                name
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
          cityEdge {
            since
            node {
              id
              name
            }
          }
        }
        stats {
          nodesByLabel {
            name
            count
          }
        }
      }
    `,
    gql`
      query ZoneDetails {
        zone(key: "zhongguancun") {
          id
          key
          companies(first: 2) {
            totalCount
            edges {
              since
              node {
                id
                key
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
          cityEdge {
            evidence {
              quote
            }
            node {
              id
              key
            }
          }
        }
        stats {
          relationshipsByType {
            name
            count
          }
        }
      }
    `,
  ];
};

describe('Apollo Client with InMemoryCache', () => {
  it('a bare cache warns about lost data on these queries (so the check below can fail)', async () => {
    recordWarnings();
    const client = new apollo.ApolloClient({
      link: new apollo.HttpLink({ uri: server.url }),
      cache: new apollo.InMemoryCache(),
    });
    for (const query of queries()) await client.query({ query });
    expect(warnings.map((w) => String(w[0])).join('\n')).toMatch(/Cache data may be lost/);
  });

  it('the README setup: overlapping queries, paging and abstract types, with no warning', async () => {
    recordWarnings();
    const client = createApolloClient(server.url);
    const [overview, details] = queries();
    await client.query({ query: overview! });
    await client.query({ query: details! });
    // Both queries are answered from one cache entry per entity, nothing lost.
    const cached = await client.query({ query: overview!, fetchPolicy: 'cache-only' });
    expect((cached.data as any).zone.cityEdge.node.name).toBeTruthy();
    expect((cached.data as any).stats.nodesByLabel.length).toBeGreaterThan(3);
    const again = await client.query({ query: details!, fetchPolicy: 'cache-only' });
    expect((again.data as any).zone.companies.totalCount).toBeGreaterThan(1);

    // The next page (fetchMore sends the same) is appended to the cached list (relayStylePagination).
    const { gql } = apollo;
    const list = gql`
      query Companies($after: String) {
        zone(key: "zhongguancun") {
          id
          companies(first: 1, after: $after) {
            edges {
              cursor
              node {
                id
                key
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    `;
    const first = await client.query({ query: list });
    await client.query({
      query: list,
      variables: { after: (first.data as any).zone.companies.pageInfo.endCursor },
      // As fetchMore does: from the server, whatever the cache holds (its read gives the whole list).
      fetchPolicy: 'network-only',
    });
    const merged = client.readQuery({ query: list }) as any;
    const direct = await client.query({
      query: gql`
        {
          zone(key: "zhongguancun") {
            id
            all: companies(first: 2) {
              edges {
                node {
                  id
                  key
                }
              }
            }
          }
        }
      `,
    });
    expect(keys(merged.zone.companies)).toHaveLength(2);
    expect(keys(merged.zone.companies)).toEqual(keys((direct.data as any).zone.all));

    // Interfaces: node(id:) and Entity fragments, matched through possibleTypes.
    const node = await client.query({
      query: gql`
        query Node($id: ID!) {
          node(id: $id) {
            id
            ... on Entity {
              key
              name
            }
          }
        }
      `,
      variables: { id: (cached.data as any).zone.id },
    });
    expect((node.data as any).node.key).toBe('zhongguancun');
    expect(warnings).toEqual([]);
  });
});
