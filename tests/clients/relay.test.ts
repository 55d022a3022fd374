/**
 * Relay against the server: relay-compiler compiles the fragments of relay/src/operations.ts against
 * schema/schema.graphql (refetchable fragments, @connection on a root list and on a nested list), and
 * relay-runtime runs the generated operations over HTTP, paging forwards and backwards with the
 * generated pagination queries; the pages Relay's connection handler merges equal the server's list.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type ConcreteRequest,
  createOperationDescriptor,
  type Environment,
  fetchQuery,
  getSelector,
  type ReaderFragment,
  type SingularReaderSelector,
} from 'relay-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { importReadmeBlock, readmeBlock } from './readme.ts';
import { keys, useServer } from './server.ts';

const server = useServer();
const dir = fileURLToPath(new URL('./relay/', import.meta.url));
const artifacts: Record<string, ConcreteRequest & ReaderFragment> = {};

beforeAll(async () => {
  rmSync(`${dir}__generated__`, { recursive: true, force: true });
  mkdirSync(`${dir}__generated__`);
  const bin = fileURLToPath(new URL('../../node_modules/.bin/relay-compiler', import.meta.url));
  execFileSync(bin, [], { cwd: dir, stdio: 'pipe' });
  for (const name of [
    'operationsZonePageQuery',
    'operationsZoneListPaginationQuery',
    'operationsZoneCompaniesPaginationQuery',
    'operationsZoneList_query',
    'operationsZoneCompanies_zone',
  ]) {
    // A file URL and @vite-ignore: the artifacts do not exist when vite transforms this file.
    const file = pathToFileURL(`${dir}__generated__/${name}.graphql.ts`).href;
    const module = (await import(/* @vite-ignore */ file)) as { default: never };
    artifacts[name] = module.default;
  }
}, 60_000);

let environment: (url: string) => Environment;

beforeAll(async () => {
  ({ createRelayEnvironment: environment } = await importReadmeBlock<{
    createRelayEnvironment: typeof environment;
  }>('relay'));
});

const artifact = (name: string) => artifacts[name] as ConcreteRequest & ReaderFragment;

/** Reads a fragment's data from the store, as useFragment would. */
function read(env: Environment, fragment: string, ref: unknown) {
  const selector = getSelector(artifact(fragment), ref) as SingularReaderSelector;
  return env.lookup(selector).data as any;
}

async function direct(query: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: any }).data;
}

describe('Relay', () => {
  it("compiles with the README's relay.config.json", () => {
    expect(JSON.parse(readFileSync(`${dir}relay.config.json`, 'utf8'))).toEqual(
      JSON.parse(readmeBlock('relay-config')),
    );
  });

  it('pages a root list and a nested list forwards: the merged pages are the server list, no gaps', async () => {
    const env = environment(server.url);
    const vars = { key: 'zhongguancun', first: 1, last: null };
    const query = artifact('operationsZonePageQuery');
    await fetchQuery(env, query, vars).toPromise();
    const root = env.lookup(createOperationDescriptor(query, vars).fragment).data as any;
    let list = read(env, 'operationsZoneList_query', root);
    let zone = read(env, 'operationsZoneCompanies_zone', root.zone);
    expect(keys(list.zones)).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      await fetchQuery(env, artifact('operationsZoneListPaginationQuery'), {
        first: 1,
        after: list.zones.pageInfo.endCursor,
      }).toPromise();
      await fetchQuery(env, artifact('operationsZoneCompaniesPaginationQuery'), {
        id: zone.id,
        first: 1,
        after: zone.companies.pageInfo.endCursor,
      }).toPromise();
      list = read(env, 'operationsZoneList_query', root);
      zone = read(env, 'operationsZoneCompanies_zone', root.zone);
    }
    const expected = await direct(
      '{ zones(first: 3) { edges { node { key } } } zone(key: "zhongguancun") { companies(first: 3) { edges { node { key } } } } }',
    );
    expect(keys(list.zones)).toEqual(keys(expected.zones));
    expect(keys(zone.companies)).toEqual(keys(expected.zone.companies));
    expect(keys(list.zones)).toHaveLength(3);
    expect(keys(zone.companies).length).toBeGreaterThan(1);
  });

  it('pages both lists backwards from the end with last/before', async () => {
    const env = environment(server.url);
    const vars = { key: 'zhongguancun', first: null, last: 1 };
    const query = artifact('operationsZonePageQuery');
    await fetchQuery(env, query, vars).toPromise();
    const root = env.lookup(createOperationDescriptor(query, vars).fragment).data as any;
    let list = read(env, 'operationsZoneList_query', root);
    let zone = read(env, 'operationsZoneCompanies_zone', root.zone);
    await fetchQuery(env, artifact('operationsZoneListPaginationQuery'), {
      last: 1,
      before: list.zones.pageInfo.startCursor,
    }).toPromise();
    await fetchQuery(env, artifact('operationsZoneCompaniesPaginationQuery'), {
      id: zone.id,
      last: 1,
      before: zone.companies.pageInfo.startCursor,
    }).toPromise();
    list = read(env, 'operationsZoneList_query', root);
    zone = read(env, 'operationsZoneCompanies_zone', root.zone);
    const expected = await direct(
      '{ zones(last: 2) { edges { node { key } } } zone(key: "zhongguancun") { companies(last: 2) { edges { node { key } } } } }',
    );
    expect(keys(list.zones)).toEqual(keys(expected.zones));
    expect(keys(zone.companies)).toEqual(keys(expected.zone.companies));
    expect(keys(zone.companies)).toHaveLength(2);
    expect(list.zones.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refetches a Node fragment through node(id:)', async () => {
    const env = environment(server.url);
    const vars = { key: 'zhongguancun', first: 1, last: null };
    await fetchQuery(env, artifact('operationsZonePageQuery'), vars).toPromise();
    const zoneId = env.lookup(createOperationDescriptor(artifact('operationsZonePageQuery'), vars).fragment)
      .data as any;
    const refetched = (await fetchQuery(env, artifact('operationsZoneCompaniesPaginationQuery'), {
      id: read(env, 'operationsZoneCompanies_zone', zoneId.zone).id,
      first: 1,
    }).toPromise()) as any;
    expect(refetched.node).toBeTruthy();
    expect(read(env, 'operationsZoneCompanies_zone', refetched.node).name).toMatch(/Zhongguancun/);
  });
});
