/**
 * Curation through the API: create, update and delete for several types, each typed error, linking with
 * properties and evidence (read back through the relation fields), statements per source, unlinking,
 * and atomicity (checked in Neo4j itself). Every node here has a key of its own (uniqueKey) and is
 * removed after the file; no seeded node is changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, useApi } from '../../support/graphql.ts';
import { uniqueKey } from '../../support/neo4j.ts';

const api = useApi();
const made = new Set<string>();

/** A key this file owns, removed with its node after the file. */
function key(prefix: string): string {
  const k = uniqueKey(prefix);
  made.add(k);
  return k;
}

/** The source this file's facts cite: its own, so that what the seeded sources state stays as seeded. */
const SOURCE = key('curation-source');

beforeAll(async () => {
  await createSource(SOURCE);
});

afterAll(async () => {
  await api.executor.write('MATCH (n) WHERE n.key IN $keys DETACH DELETE n', { keys: [...made] });
});

/** Selects every result type of a curation field. */
const RESULT = `
  __typename
  ... on Error { message }
  ... on NotFoundError { ref }
  ... on DuplicateKeyError { key type }
  ... on InvalidInputError { problems { path message } }
  ... on RelationNotAllowedError { relationType from to }`;

async function count(cypher: string, params: Record<string, unknown>): Promise<number> {
  const [row] = await api.executor.read(`${cypher} RETURN count(*) AS n`, params);
  return Number(row?.n ?? 0);
}

async function createSource(k: string, extra = ''): Promise<void> {
  const data = await api.ok(
    `mutation($key: String!) { createSource(input: { key: $key, name: "Test source" ${extra} }) { ${RESULT} } }`,
    { key: k },
  );
  expect(data.createSource.__typename).toBe('MutationCreateSourceSuccess');
}

async function createZone(k: string, source = SOURCE): Promise<void> {
  const data = await api.ok(
    `mutation($key: String!, $source: String!) { createZone(input: {
      key: $key, name: "Test zone", approvedYear: 2020, evidence: [{ source: $source, quote: "a test zone" }]
    }) { ${RESULT} } }`,
    { key: k, source },
  );
  expect(data.createZone.__typename).toBe('MutationCreateZoneSuccess');
}

async function createCompany(k: string, source = SOURCE): Promise<void> {
  const data = await api.ok(
    `mutation($key: String!, $source: String!) { createCompany(input: {
      key: $key, name: "Test company", evidence: [{ source: $source, quote: "a test company" }]
    }) { ${RESULT} } }`,
    { key: k, source },
  );
  expect(data.createCompany.__typename).toBe('MutationCreateCompanySuccess');
}

const LINK = `mutation($input: LinkInput!) { linkEntities(input: $input) {
  ${RESULT}
  ... on MutationLinkEntitiesSuccess { data { type since until year date role evidence { source { key } quote paragraph } } }
} }`;
const UNLINK = `mutation($input: UnlinkInput!) { unlinkEntities(input: $input) {
  ${RESULT}
  ... on MutationUnlinkEntitiesSuccess { data { removed } }
} }`;

const originatedIn = (company: string, zone: string) => ({
  type: 'ORIGINATED_IN',
  from: { type: 'COMPANY', key: company },
  to: { type: 'ZONE', key: zone },
});

describe('create, update, delete', () => {
  it('Company: creates with evidence, reads back, updates (null removes, evidence adds), deletes', async () => {
    const k = key('acme');
    const created = await api.ok(
      `mutation($key: String!) { createCompany(input: {
        key: $key, name: "Acme Test Co.", nameZh: "阿克米", aliases: ["Acme"], foundedYear: 1999,
        evidence: [{ source: "${SOURCE}", quote: "Acme was founded", paragraph: 2 }]
      }) {
        ${RESULT}
        ... on MutationCreateCompanySuccess { data { __typename id key name nameZh aliases foundedYear
          evidence { source { key } quote paragraph } } }
      } }`,
      { key: k },
    );
    expect(created.createCompany).toEqual({
      __typename: 'MutationCreateCompanySuccess',
      data: {
        __typename: 'Company',
        id: Buffer.from(`Company:${k}`).toString('base64'),
        key: k,
        name: 'Acme Test Co.',
        nameZh: '阿克米',
        aliases: ['Acme'],
        foundedYear: 1999,
        evidence: [{ source: { key: SOURCE }, quote: 'Acme was founded', paragraph: 2 }],
      },
    });
    const read = await api.ok(`{ company(key: "${k}") { name foundedYear } }`);
    expect(read.company).toEqual({ name: 'Acme Test Co.', foundedYear: 1999 });

    const updated = await api.ok(
      `mutation($key: String!) { updateCompany(key: $key, input: {
        name: "Acme Renamed", nameZh: null, foundedYear: 2001,
        evidence: [{ source: "${SOURCE}", quote: "Acme was renamed" }]
      }) {
        ${RESULT}
        ... on MutationUpdateCompanySuccess { data { name nameZh aliases foundedYear evidence { quote } } }
      } }`,
      { key: k },
    );
    expect(updated.updateCompany.data).toEqual({
      name: 'Acme Renamed',
      nameZh: null,
      aliases: ['Acme'],
      foundedYear: 2001,
      evidence: expect.arrayContaining([{ quote: 'Acme was founded' }, { quote: 'Acme was renamed' }]),
    });
    expect(updated.updateCompany.data.evidence).toHaveLength(2);
    const [row] = await api.executor.read(
      'MATCH (c:Company {key: $k}) RETURN c.name AS name, c.nameZh AS nameZh',
      {
        k,
      },
    );
    expect(row).toEqual({ name: 'Acme Renamed', nameZh: null });

    const deleted = await api.ok(
      `mutation($key: String!) { deleteCompany(key: $key) {
        ${RESULT} ... on MutationDeleteCompanySuccess { data { key type } }
      } }`,
      { key: k },
    );
    expect(deleted.deleteCompany).toEqual({
      __typename: 'MutationDeleteCompanySuccess',
      data: { key: k, type: 'COMPANY' },
    });
    expect((await api.ok(`{ company(key: "${k}") { key } }`)).company).toBeNull();
    expect(await count('MATCH (c:Company {key: $k})', { k })).toBe(0);
  });

  it('Zone: creates, is found by lists and filters, updates its year, deletes', async () => {
    const k = key('zone');
    const created = await api.ok(
      `mutation($key: String!) { createZone(input: {
        key: $key, name: "Test Hi-tech Zone", kind: "national-hi-tech-zone", approvedYear: 2021,
        approvedDate: "2021-06", evidence: [{ source: "${SOURCE}", quote: "a zone" }]
      }) { ${RESULT} ... on MutationCreateZoneSuccess { data { key approvedYear approvedDate kind type } } } }`,
      { key: k },
    );
    expect(created.createZone.data).toEqual({
      key: k,
      approvedYear: 2021,
      approvedDate: '2021-06',
      kind: 'national-hi-tech-zone',
      type: 'ZONE',
    });
    const listed = await api.ok(`{ zones(where: { key: { eq: "${k}" }, approvedYear: { eq: 2021 } }) {
      totalCount edges { node { key } } } }`);
    expect(listed.zones).toEqual({ totalCount: 1, edges: [{ node: { key: k } }] });

    const updated = await api.ok(
      `mutation($key: String!) { updateZone(key: $key, input: { approvedYear: 2022, approvedDate: null }) {
        ${RESULT} ... on MutationUpdateZoneSuccess { data { approvedYear approvedDate name } } } }`,
      { key: k },
    );
    expect(updated.updateZone.data).toEqual({
      approvedYear: 2022,
      approvedDate: null,
      name: 'Test Hi-tech Zone',
    });

    const deleted = await api.ok(`mutation { deleteZone(key: "${k}") { ${RESULT} } }`);
    expect(deleted.deleteZone.__typename).toBe('MutationDeleteZoneSuccess');
    expect(await count('MATCH (z:Zone {key: $k})', { k })).toBe(0);
  });

  it('Technology: creates, updates its description, deletes', async () => {
    const k = key('tech');
    const created = await api.ok(
      `mutation($key: String!) { createTechnology(input: {
        key: $key, name: "Test Technology", evidence: [{ source: "${SOURCE}" }]
      }) { ${RESULT} ... on MutationCreateTechnologySuccess { data { key name description evidence { quote source { key } } } } } }`,
      { key: k },
    );
    expect(created.createTechnology.data).toEqual({
      key: k,
      name: 'Test Technology',
      description: null,
      evidence: [{ quote: null, source: { key: SOURCE } }],
    });
    const updated = await api.ok(
      `mutation($key: String!) { updateTechnology(key: $key, input: { description: "What it is." }) {
        ${RESULT} ... on MutationUpdateTechnologySuccess { data { description } } } }`,
      { key: k },
    );
    expect(updated.updateTechnology.data).toEqual({ description: 'What it is.' });
    expect((await api.ok(`{ technology(key: "${k}") { description } }`)).technology).toEqual({
      description: 'What it is.',
    });
    const deleted = await api.ok(`mutation { deleteTechnology(key: "${k}") { ${RESULT} } }`);
    expect(deleted.deleteTechnology.__typename).toBe('MutationDeleteTechnologySuccess');
    expect(await count('MATCH (t:Technology {key: $k})', { k })).toBe(0);
  });

  it('Source: creates without evidence, updates (null removes), deletes', async () => {
    const k = key('source');
    const created = await api.ok(
      `mutation($key: String!) { createSource(input: {
        key: $key, name: "A test source", title: "Title", publisher: "Publisher", year: 2012, url: "https://example.org/t"
      }) { ${RESULT} ... on MutationCreateSourceSuccess { data { key title publisher year url evidence { quote } } } } }`,
      { key: k },
    );
    expect(created.createSource).toEqual({
      __typename: 'MutationCreateSourceSuccess',
      data: {
        key: k,
        title: 'Title',
        publisher: 'Publisher',
        year: 2012,
        url: 'https://example.org/t',
        evidence: [],
      },
    });
    const updated = await api.ok(
      `mutation($key: String!) { updateSource(key: $key, input: { title: "New title", publisher: null }) {
        ${RESULT} ... on MutationUpdateSourceSuccess { data { title publisher year } } } }`,
      { key: k },
    );
    expect(updated.updateSource.data).toEqual({ title: 'New title', publisher: null, year: 2012 });
    const deleted = await api.ok(`mutation { deleteSource(key: "${k}") { ${RESULT} } }`);
    expect(deleted.deleteSource.__typename).toBe('MutationDeleteSourceSuccess');
    expect(await count('MATCH (s:Source {key: $k})', { k })).toBe(0);
  });

  it('deleting an entity removes its relations too', async () => {
    const zone = key('zone');
    const company = key('acme');
    await createZone(zone);
    await createCompany(company);
    const linked = await api.ok(LINK, {
      input: { ...originatedIn(company, zone), evidence: { source: SOURCE, quote: 'started there' } },
    });
    expect(linked.linkEntities.__typename).toBe('MutationLinkEntitiesSuccess');
    await api.ok(`mutation { deleteCompany(key: "${company}") { ${RESULT} } }`);
    const data = await api.ok(`{ zone(key: "${zone}") { companies { totalCount } } }`);
    expect(data.zone.companies.totalCount).toBe(0);
    expect(await count('MATCH (:Zone {key: $zone})<-[r:ORIGINATED_IN]-()', { zone })).toBe(0);
  });
});

describe('typed errors', () => {
  it('NotFoundError: update, delete or link something that is not there, or cite a missing source', async () => {
    const missing = key('missing');
    const data = await api.ok(
      `mutation($missing: String!, $link: LinkInput!) {
        update: updateCompany(key: $missing, input: { name: "x" }) { ${RESULT} }
        delete: deleteZone(key: $missing) { ${RESULT} }
        create: createTechnology(input: { key: $missing, name: "x", evidence: [{ source: $missing }] }) { ${RESULT} }
        link: linkEntities(input: $link) { ${RESULT} }
      }`,
      {
        missing,
        link: { ...originatedIn('huawei', missing), evidence: { source: SOURCE } },
      },
    );
    expect(data.update).toEqual({
      __typename: 'NotFoundError',
      message: `Nothing found for Company:${missing}.`,
      ref: `Company:${missing}`,
    });
    expect(data.delete).toMatchObject({ __typename: 'NotFoundError', ref: `Zone:${missing}` });
    expect(data.create).toMatchObject({ __typename: 'NotFoundError', ref: `Source:${missing}` });
    expect(data.link).toMatchObject({ __typename: 'NotFoundError', ref: `Zone:${missing}` });
    expect(data.link.message).toContain(missing);
  });

  it('DuplicateKeyError: a key taken by a seeded or a new entity', async () => {
    const k = key('tech');
    const create = `mutation($key: String!) { createTechnology(input: {
      key: $key, name: "Second", evidence: [{ source: "${SOURCE}" }] }) { ${RESULT} } }`;
    expect((await api.ok(create, { key: k })).createTechnology.__typename).toBe(
      'MutationCreateTechnologySuccess',
    );
    const again = await api.ok(create, { key: k });
    expect(again.createTechnology).toEqual({
      __typename: 'DuplicateKeyError',
      message: `A Technology with key "${k}" exists already: choose another key, or update that one.`,
      key: k,
      type: 'TECHNOLOGY',
    });
    const seeded = await api.ok(create, { key: 'chip-design' });
    expect(seeded.createTechnology).toMatchObject({ __typename: 'DuplicateKeyError', key: 'chip-design' });
    // The seeded node is left as it was.
    const [row] = await api.executor.read("MATCH (t:Technology {key: 'chip-design'}) RETURN t.name AS name");
    expect(row?.name).toBe('Chip design');
  });

  it('RelationNotAllowedError: a relationship type the ontology does not allow between those types', async () => {
    const zone = key('zone');
    const company = key('acme');
    const event = key('event');
    await createZone(zone);
    await createCompany(company);
    const created = await api.ok(
      `mutation($key: String!) { createEvent(input: { key: $key, name: "Test event", year: 2020,
        evidence: [{ source: "${SOURCE}" }] }) { ${RESULT} } }`,
      { key: event },
    );
    expect(created.createEvent.__typename).toBe('MutationCreateEventSuccess');
    const data = await api.ok(
      `mutation($wrongWay: LinkInput!, $toSource: LinkInput!) {
        wrongWay: linkEntities(input: $wrongWay) { ${RESULT} }
        toSource: linkEntities(input: $toSource) { ${RESULT} }
      }`,
      {
        wrongWay: {
          type: 'ORIGINATED_IN',
          from: { type: 'ZONE', key: zone },
          to: { type: 'COMPANY', key: company },
          evidence: { source: SOURCE },
        },
        toSource: {
          type: 'INVOLVES',
          from: { type: 'EVENT', key: event },
          to: { type: 'SOURCE', key: SOURCE },
          evidence: { source: SOURCE },
        },
      },
    );
    expect(data.wrongWay).toEqual({
      __typename: 'RelationNotAllowedError',
      message: expect.stringMatching(/^ORIGINATED_IN may not join Zone to Company/),
      relationType: 'ORIGINATED_IN',
      from: 'ZONE',
      to: 'COMPANY',
    });
    expect(data.toSource).toMatchObject({
      __typename: 'RelationNotAllowedError',
      from: 'EVENT',
      to: 'SOURCE',
    });
    expect(
      await count('MATCH (n)-[r]->() WHERE n.key IN [$zone, $event] AND type(r) <> "SOURCED_FROM"', {
        zone,
        event,
      }),
    ).toBe(0);
  });

  it('MissingEvidenceError: an entity with no source, a link whose source is empty', async () => {
    const k = key('acme');
    const zone = key('zone');
    const company = key('acme');
    await createZone(zone);
    await createCompany(company);
    const data = await api.ok(
      `mutation($key: String!, $link: LinkInput!) {
        create: createCompany(input: { key: $key, name: "No source", evidence: [] }) { ${RESULT} }
        link: linkEntities(input: $link) { ${RESULT} }
      }`,
      { key: k, link: { ...originatedIn(company, zone), evidence: { source: '' } } },
    );
    expect(data.create).toEqual({
      __typename: 'MissingEvidenceError',
      message: expect.stringMatching(/needs at least one source/),
    });
    expect(data.link.__typename).toBe('MissingEvidenceError');
    expect(await count('MATCH (c:Company {key: $k})', { k })).toBe(0);
    expect(await count('MATCH (:Company {key: $company})-[r:ORIGINATED_IN]->()', { company })).toBe(0);
  });

  it('InvalidInputError: a bad key, a bad date, removing the name, an overlong quote; each with its problems', async () => {
    const zone = key('zone');
    const company = key('acme');
    const tech = key('tech');
    await createZone(zone);
    await createCompany(company);
    const data = await api.ok(
      `mutation($zone: String!, $tech: String!, $longQuote: String!, $link: LinkInput!) {
        badKey: createCompany(input: { key: "Not A Slug", name: "x", evidence: [{ source: "${SOURCE}" }] }) { ${RESULT} }
        badDate: updateZone(key: $zone, input: { approvedDate: "May 2021" }) { ${RESULT} }
        noName: updateZone(key: $zone, input: { name: null }) { ${RESULT} }
        longQuote: createTechnology(input: { key: $tech, name: "x", evidence: [{ source: "${SOURCE}", quote: $longQuote }] }) { ${RESULT} }
        badLink: linkEntities(input: $link) { ${RESULT} }
      }`,
      {
        zone,
        tech,
        longQuote: 'q'.repeat(401),
        link: { ...originatedIn(company, zone), evidence: { source: SOURCE, quote: 'q'.repeat(401) } },
      },
    );
    expect(data.badKey).toEqual({
      __typename: 'InvalidInputError',
      message: expect.stringMatching(/^Invalid input: key: must be a lowercase slug/),
      problems: [{ path: 'key', message: expect.stringMatching(/lowercase slug/) }],
    });
    expect(data.badDate.__typename).toBe('InvalidInputError');
    expect(data.badDate.problems).toEqual([
      { path: 'properties.approvedDate', message: expect.stringMatching(/YYYY, YYYY-MM or YYYY-MM-DD/) },
    ]);
    expect(data.noName).toMatchObject({ __typename: 'InvalidInputError', problems: [{ path: 'name' }] });
    expect(data.longQuote.__typename).toBe('InvalidInputError');
    expect(data.longQuote.problems[0].path).toMatch(/^evidence\.0\.quote/);
    expect(data.badLink.__typename).toBe('InvalidInputError');
    // Nothing was changed by the refused updates.
    const [row] = await api.executor.read(
      'MATCH (z:Zone {key: $zone}) RETURN z.name AS name, z.approvedDate AS d',
      {
        zone,
      },
    );
    expect(row).toEqual({ name: 'Test zone', d: null });
    expect(await count('MATCH (t:Technology {key: $tech})', { tech })).toBe(0);
    expect(await count('MATCH (:Company {key: $company})-[r:ORIGINATED_IN]->()', { company })).toBe(0);
  });

  it('curation without the editor key is refused, and writes nothing', async () => {
    const k = key('acme');
    const anonymous = testApp(api.executor);
    const result = await anonymous(
      `mutation($key: String!) { createCompany(input: { key: $key, name: "x", evidence: [{ source: "${SOURCE}" }] }) { __typename } }`,
      { key: k },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await count('MATCH (c:Company {key: $k})', { k })).toBe(0);
  });
});

describe('linking and unlinking', () => {
  it('links with properties and evidence, and the relation fields read it back in both directions', async () => {
    const zone = key('zone');
    const company = key('acme');
    await createZone(zone);
    await createCompany(company);
    const linked = await api.ok(LINK, {
      input: {
        ...originatedIn(company, zone),
        since: 2001,
        role: 'spin-off',
        evidence: { source: SOURCE, quote: 'Acme began in the test zone', paragraph: 9 },
      },
    });
    expect(linked.linkEntities).toEqual({
      __typename: 'MutationLinkEntitiesSuccess',
      data: {
        type: 'ORIGINATED_IN',
        since: 2001,
        until: null,
        year: null,
        date: null,
        role: 'spin-off',
        evidence: { source: { key: SOURCE }, quote: 'Acme began in the test zone', paragraph: 9 },
      },
    });
    const data = await api.ok(`{
      zone(key: "${zone}") { companies { edges { since role node { key } evidence { source { key } quote paragraph } } } }
      company(key: "${company}") { originZone { key } originZoneEdge { since node { key } evidence { quote } } }
    }`);
    expect(data.zone.companies.edges).toEqual([
      {
        since: 2001,
        role: 'spin-off',
        node: { key: company },
        evidence: [{ source: { key: SOURCE }, quote: 'Acme began in the test zone', paragraph: 9 }],
      },
    ]);
    expect(data.company).toEqual({
      originZone: { key: zone },
      originZoneEdge: {
        since: 2001,
        node: { key: zone },
        evidence: [{ quote: 'Acme began in the test zone' }],
      },
    });
  });

  it('linking again from the same source updates that statement; another source adds a second one', async () => {
    const zone = key('zone');
    const company = key('acme');
    const other = key('source');
    await createZone(zone);
    await createCompany(company);
    await createSource(other);
    const link = (source: string, since: number, quote: string) =>
      api.ok(LINK, { input: { ...originatedIn(company, zone), since, evidence: { source, quote } } });
    await link(SOURCE, 2001, 'first statement');
    await link(SOURCE, 2002, 'first statement');
    const edgeQuery = `{ zone(key: "${zone}") { companies { edges {
      node { key } statements { type since evidence { source { key } quote } } evidence { source { key } }
    } } } }`;
    let edge = (await api.ok(edgeQuery)).zone.companies.edges;
    expect(edge).toHaveLength(1);
    expect(edge[0].statements).toEqual([
      { type: 'ORIGINATED_IN', since: 2002, evidence: { source: { key: SOURCE }, quote: 'first statement' } },
    ]);

    await link(other, 2005, 'second statement');
    edge = (await api.ok(edgeQuery)).zone.companies.edges;
    expect(edge).toHaveLength(1);
    expect(edge[0].node.key).toBe(company);
    expect(edge[0].statements).toHaveLength(2);
    expect(edge[0].statements).toEqual(
      expect.arrayContaining([
        {
          type: 'ORIGINATED_IN',
          since: 2002,
          evidence: { source: { key: SOURCE }, quote: 'first statement' },
        },
        {
          type: 'ORIGINATED_IN',
          since: 2005,
          evidence: { source: { key: other }, quote: 'second statement' },
        },
      ]),
    );
    expect(edge[0].evidence.map((e: any) => e.source.key).sort()).toEqual([other, SOURCE].sort());
    expect(
      await count('MATCH (:Company {key: $company})-[r:ORIGINATED_IN]->(:Zone {key: $zone})', {
        company,
        zone,
      }),
    ).toBe(2);

    // Unlink one source's statement: the other stays.
    const one = await api.ok(UNLINK, { input: { ...originatedIn(company, zone), source: other } });
    expect(one.unlinkEntities).toEqual({ __typename: 'MutationUnlinkEntitiesSuccess', data: { removed: 1 } });
    edge = (await api.ok(edgeQuery)).zone.companies.edges;
    expect(edge[0].statements.map((s: any) => s.evidence.source.key)).toEqual([SOURCE]);

    // Unlink all: the relation is gone; unlinking again finds nothing.
    await link(other, 2005, 'second statement');
    const all = await api.ok(UNLINK, { input: originatedIn(company, zone) });
    expect(all.unlinkEntities.data).toEqual({ removed: 2 });
    expect((await api.ok(edgeQuery)).zone.companies.edges).toEqual([]);
    expect(
      (await api.ok(`{ company(key: "${company}") { originZone { key } } }`)).company.originZone,
    ).toBeNull();
    const again = await api.ok(UNLINK, { input: originatedIn(company, zone) });
    expect(again.unlinkEntities).toMatchObject({
      __typename: 'NotFoundError',
      ref: expect.stringContaining(zone),
    });
  });

  it('orders an edge’s statements by source, whatever order they were linked in, so since/until do not depend on it', async () => {
    // The edge's since is "the first statement that sets it (statements are ordered by source)".
    const sourceA = key('aaa-source');
    const sourceB = key('zzz-source');
    await createSource(sourceA);
    await createSource(sourceB);
    const results: { keys: string[]; since: number }[] = [];
    for (const order of [
      [sourceA, sourceB],
      [sourceB, sourceA],
    ]) {
      const zone = key('zone');
      const company = key('acme');
      await createZone(zone);
      await createCompany(company);
      for (const source of order) {
        await api.ok(LINK, {
          input: {
            ...originatedIn(company, zone),
            since: source === sourceA ? 1999 : 2001,
            evidence: { source },
          },
        });
      }
      const edge = (
        await api.ok(
          `{ zone(key: "${zone}") { companies { edges { since statements { evidence { source { key } } } } } } }`,
        )
      ).zone.companies.edges[0];
      results.push({ keys: edge.statements.map((s: any) => s.evidence.source.key), since: edge.since });
    }
    expect(results).toEqual([
      { keys: [sourceA, sourceB], since: 1999 },
      { keys: [sourceA, sourceB], since: 1999 },
    ]);
  });
});

describe('atomicity', () => {
  it('a create that fails leaves no node (one good source, one missing)', async () => {
    const k = key('acme');
    const data = await api.ok(
      `mutation($key: String!, $missing: String!) { createCompany(input: { key: $key, name: "x",
        evidence: [{ source: "${SOURCE}", quote: "good" }, { source: $missing }] }) { ${RESULT} } }`,
      { key: k, missing: key('missing') },
    );
    expect(data.createCompany.__typename).toBe('NotFoundError');
    expect(await count('MATCH (c:Company {key: $k})', { k })).toBe(0);
    expect(await count('MATCH (n {key: $k})', { k })).toBe(0);
  });

  it('an update that fails half-way changes nothing (the new name is rolled back with the missing source)', async () => {
    const company = key('acme');
    await createCompany(company);
    const data = await api.ok(
      `mutation($key: String!, $missing: String!) { updateCompany(key: $key, input: {
        name: "Should not stick", foundedYear: 1990, evidence: [{ source: $missing }] }) { ${RESULT} } }`,
      { key: company, missing: key('missing') },
    );
    expect(data.updateCompany.__typename).toBe('NotFoundError');
    const [row] = await api.executor.read(
      'MATCH (c:Company {key: $k}) RETURN c.name AS name, c.foundedYear AS year, COUNT { (c)-[:SOURCED_FROM]->() } AS sources',
      { k: company },
    );
    expect(row).toEqual({ name: 'Test company', year: null, sources: 1 });
  });

  it('a link that fails leaves no relationship', async () => {
    const zone = key('zone');
    const company = key('acme');
    await createZone(zone);
    await createCompany(company);
    const data = await api.ok(LINK, {
      input: { ...originatedIn(company, zone), since: 2000, evidence: { source: key('missing') } },
    });
    expect(data.linkEntities.__typename).toBe('NotFoundError');
    expect(await count('MATCH (:Company {key: $company})-[r]->(:Zone {key: $zone})', { company, zone })).toBe(
      0,
    );
  });

  it('deleting a Source that facts cite is refused, or leaves no evidence pointing at nothing', async () => {
    const source = key('source');
    const zone = key('zone');
    const company = key('acme');
    await createSource(source);
    await createZone(zone);
    await createCompany(company);
    await api.ok(LINK, { input: { ...originatedIn(company, zone), evidence: { source, quote: 'cited' } } });
    const deleted = await api.ok(`mutation { deleteSource(key: "${source}") { ${RESULT} } }`);
    const read = await api.gql(
      `{ zone(key: "${zone}") { companies { edges { node { key } evidence { source { key } } } } } }`,
    );
    if (deleted.deleteSource.__typename === 'MutationDeleteSourceSuccess') {
      // Deleted: what cited it must still read without errors.
      expect(read.errors).toBeUndefined();
      expect(read.data.zone).not.toBeNull();
    } else {
      expect(deleted.deleteSource.message).toMatch(/cite|evidence|source/i);
      expect(read.errors).toBeUndefined();
      expect(read.data.zone.companies.edges[0].evidence).toEqual([{ source: { key: source } }]);
    }
  });
});
