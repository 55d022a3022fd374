/**
 * Attack corpus, input size and shape (issue 12, items 2, 12 and 13): oversized search texts, oversized
 * keys and id lists, and curation input that makes no sense. Each is refused with a typed error that
 * says what is allowed (BAD_USER_INPUT on queries, InvalidInputError in the schema of a mutation),
 * before any Cypher runs; and what is within the limits still gets an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/http/yoga.ts';
import { createLogger } from '../../../src/logger.ts';
import { schema } from '../../../src/schema/index.ts';
import { globalId, useApi } from '../../support/graphql.ts';
import { uniqueKey } from '../../support/neo4j.ts';

const api = useApi();
const made = new Set<string>();

function key(prefix: string): string {
  const k = uniqueKey(prefix);
  made.add(k);
  return k;
}

const SOURCE = key('input-size-source');
const ZONE = key('input-size-zone');
const COMPANY = key('input-size-company');

afterAll(async () => {
  await api.executor.write('MATCH (n) WHERE n.key IN $keys DETACH DELETE n', { keys: [...made] });
});

/** Runs a request as the editor and counts the Cypher statements it sent. */
async function send(query: string, variables: Record<string, unknown> = {}) {
  let statements = 0;
  const stop = api.executor.onStatement(() => {
    statements++;
  });
  try {
    const result = await api.gql(query, variables);
    return { ...result, statements, size: JSON.stringify(result).length };
  } finally {
    stop();
  }
}

/** Expects one BAD_USER_INPUT matching `message`, no Cypher, and no echo of a huge input. */
async function refused(query: string, variables: Record<string, unknown>, message: RegExp) {
  const result = await send(query, variables);
  // 400 when refused before execution (the request-wide input limits), 200 when by the field itself.
  expect([200, 400]).toContain(result.status);
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  const [error] = result.errors!;
  expect(error?.extensions?.code, error?.message.slice(0, 300)).toBe('BAD_USER_INPUT');
  expect(error?.message).toMatch(message);
  expect(result.statements).toBe(0);
  expect(result.size).toBeLessThan(2_000);
  return error!;
}

const SEARCH = 'query($text: String!) { search(text: $text, first: 5) { score entity { key } } }';

describe('search text (item 2)', () => {
  const LENGTH = /search text .*at most 200 characters.*SEARCH_MAX_LENGTH/i;

  it.each([
    ['200 KB of "ab "', 'ab '.repeat(66_666)],
    ['100 KB of words', 'zhongguancun torch '.repeat(5_300)],
    [
      '~1 KB of ordinary text (114 distinct words)',
      Array.from({ length: 114 }, (_, i) => `word${i}`).join(' '),
    ],
    ['one 5,000-character word', 'a'.repeat(5_000)],
    ['201 characters', 'z'.repeat(201)],
    ['201 Chinese characters', '中关村'.repeat(67)],
  ])('refuses %s, naming SEARCH_MAX_LENGTH, before any Cypher', async (_name, text) => {
    await refused(SEARCH, { text }, LENGTH);
  });

  it('refuses 1 MB of "ab " at the door: a 413 naming MAX_BODY_BYTES, before the body is parsed', async () => {
    const result = await send(SEARCH, { text: 'ab '.repeat(333_333) });
    expect(result.status).toBe(413);
    expect(result.errors?.[0]?.message).toMatch(/MAX_BODY_BYTES/);
    expect(result.statements).toBe(0);
  });

  it.each([
    ['17 distinct words', Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ')],
    [
      '40 one-letter words',
      'a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 0 ä ö ü ß',
    ],
  ])(
    'answers %s with its SEARCH_MAX_TERMS most distinctive words instead of failing',
    async (_name, text) => {
      const result = await send(SEARCH, { text });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(Array.isArray(result.data.search)).toBe(true);
    },
  );

  it('takes its limits from SEARCH_MAX_LENGTH and SEARCH_MAX_TERMS (as main.ts passes them on)', async () => {
    const search = { searchMaxLength: 20, searchMaxTerms: 2 };
    const app = createApp({
      schema,
      executor: api.executor,
      log: createLogger('silent'),
      limits: { maxPageSize: 100, ...search },
    });
    const ask = async (text: string) => {
      const response = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SEARCH, variables: { text } }),
      });
      return (await response.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
    };
    const long = await ask('zhongguancun science park');
    expect(long.errors?.[0]?.message).toMatch(/at most 20 characters \(SEARCH_MAX_LENGTH\)/);
    // Past SEARCH_MAX_TERMS the most distinctive words are searched: "zhongguancun" rather than "of".
    const many = await ask('of zhongguancun the');
    expect(many.errors).toBeUndefined();
    expect(many.data.search[0].entity.key).toBe('zhongguancun');
    expect((await ask('zhongguancun torch')).data.search.length).toBeGreaterThan(0);
  });

  it.each([
    [
      '16 distinct words',
      'zhongguancun torch program beijing shenzhen shanghai wuhan xi an chengdu hefei suzhou wuxi ningbo xiamen dalian',
    ],
    ['a 200-character word', 'zhong'.repeat(40)],
    ['200 Chinese characters', '中关村科技园区火炬计划高新技术产业开发区国家级'.repeat(8).slice(0, 200)],
    ['16 words of operators and quotes', '"a" (b) [c] {d} e~ f* g? h: i\\ j/ k+ l- m! n^ o&& p||'],
    ['a word repeated up to the length cap', 'zhongguancun '.repeat(15)],
  ])('answers %s (within the limits) with hits, never an error', async (_name, text) => {
    expect(text.length).toBeLessThanOrEqual(200);
    const result = await send(SEARCH, { text });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(Array.isArray(result.data.search)).toBe(true);
  });
});

const HUGE = 'x'.repeat(100_000);
const KEY_RULE = /lowercase slug of at most 100 characters/;

describe('keys and ids (item 12)', () => {
  it.each([
    ['zone(key:)', 'query($k: String!) { zone(key: $k) { key } }'],
    ['company(key:)', 'query($k: String!) { company(key: $k) { key } }'],
    ['entity(key:)', 'query($k: String!) { entity(key: $k) { key } }'],
    ['neighborhood(key:)', 'query($k: String!) { neighborhood(key: $k) { truncated } }'],
    ['paths(fromKey:)', 'query($k: String!) { paths(fromKey: $k, toKey: "zhongguancun") { length } }'],
    ['paths(toKey:)', 'query($k: String!) { paths(fromKey: "zhongguancun", toKey: $k) { length } }'],
  ])('%s refuses a 100 KB key, and one that is no slug, before any Cypher', async (_name, query) => {
    await refused(query, { k: HUGE }, KEY_RULE);
    await refused(query, { k: 'Zhongguancun Park' }, KEY_RULE);
  });

  it('node(id:) refuses the id of a 100 KB key before any Cypher', async () => {
    await refused('query($id: ID!) { node(id: $id) { id } }', { id: globalId('Zone', HUGE) }, KEY_RULE);
  });

  it('nodes(ids:) refuses 10,000 ids, 101 ids, and one id of a 100 KB key, before any Cypher', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => globalId('Zone', `zone-${i}`));
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    await refused(query, { ids: ids(10_000) }, /MAX_INPUT_VALUES/);
    await refused(query, { ids: ids(101) }, /at most 100 ids.*MAX_PAGE_SIZE/);
    await refused(query, { ids: [globalId('Company', HUGE)] }, KEY_RULE);
  });

  it('nodes(ids:) with one id of a 100 KB key beside a good one: that id errs at its position only (issue 13)', async () => {
    const good = globalId('Zone', 'zhongguancun');
    const result = await send('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [good, globalId('Company', HUGE)],
    });
    expect(result.data).toEqual({ nodes: [{ id: good }, null] });
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['nodes', 1], 'BAD_USER_INPUT'],
    ]);
    expect(result.errors?.[0]?.message).toMatch(KEY_RULE);
    expect(result.size).toBeLessThan(2_000);
  });

  it('still answers well-formed keys: null for an unknown one', async () => {
    const result = await send(
      '{ zone(key: "no-such-zone-test-size") { key } entity(key: "zhongguancun") { key } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ zone: null, entity: { key: 'zhongguancun' } });
  });
});

/** Selects every result type of a curation field. */
const RESULT = `__typename ... on Error { message } ... on InvalidInputError { problems { path message } }`;

type Problem = { path: string; message: string };

/** Expects an InvalidInputError whose problems include `path` with `message`, sent before any Cypher. */
async function invalid(
  field: string,
  query: string,
  variables: Record<string, unknown>,
  path: string | RegExp,
  message: RegExp,
) {
  const result = await send(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const data = result.data[field];
  expect(data.__typename, JSON.stringify(data).slice(0, 300)).toBe('InvalidInputError');
  const problem = (data.problems as Problem[]).find((p) =>
    typeof path === 'string' ? p.path === path : path.test(p.path),
  );
  expect(problem, JSON.stringify(data.problems).slice(0, 500)).toBeDefined();
  expect(problem?.message).toMatch(message);
  expect(result.statements).toBe(0);
  expect(result.size).toBeLessThan(3_000);
  return data;
}

const CREATE_ZONE = `mutation($input: CreateZoneInput!) { createZone(input: $input) { ${RESULT} } }`;
const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { ${RESULT} } }`;
const CREATE_SOURCE = `mutation($input: CreateSourceInput!) { createSource(input: $input) { ${RESULT} } }`;
const UPDATE_ZONE = `mutation($key: String!, $input: UpdateZoneInput!) { updateZone(key: $key, input: $input) { ${RESULT} } }`;
const DELETE_ZONE = `mutation($key: String!) { deleteZone(key: $key) { ${RESULT} } }`;
const LINK = `mutation($input: LinkInput!) { linkEntities(input: $input) { ${RESULT} } }`;
const UNLINK = `mutation($input: UnlinkInput!) { unlinkEntities(input: $input) { ${RESULT} } }`;

const zone = (extra: Record<string, unknown>) => ({
  input: { key: key('size-zone'), name: 'Test zone', evidence: [{ source: SOURCE }], ...extra },
});

describe('curation input (items 12 and 13)', () => {
  beforeAll(async () => {
    const source = await api.ok(CREATE_SOURCE, { input: { key: SOURCE, name: 'Input size source' } });
    expect(source.createSource.__typename).toBe('MutationCreateSourceSuccess');
    for (const [query, field, input] of [
      [CREATE_ZONE, 'createZone', { key: ZONE, name: 'Test zone', evidence: [{ source: SOURCE }] }],
      [
        `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { ${RESULT} } }`,
        'createCompany',
        { key: COMPANY, name: 'Test company', evidence: [{ source: SOURCE }] },
      ],
    ] as const) {
      const data = await api.ok(query, { input });
      expect(data[field].__typename).toMatch(/Success$/);
    }
  });

  it('refuses names that are blank or too large (a 30 KB name is no index error)', async () => {
    await invalid('createZone', CREATE_ZONE, zone({ name: '   ' }), 'name', /must not be blank/);
    await invalid('createZone', CREATE_ZONE, zone({ name: '\t\n' }), 'name', /must not be blank/);
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ name: 'n'.repeat(30_000) }),
      'name',
      /at most 300 characters/,
    );
    await invalid('createZone', CREATE_ZONE, zone({ nameZh: ' ' }), 'nameZh', /must not be blank/);
    await invalid(
      'updateZone',
      UPDATE_ZONE,
      { key: ZONE, input: { name: 'n'.repeat(30_000) } },
      'name',
      /at most 300/,
    );
    await invalid(
      'updateZone',
      UPDATE_ZONE,
      { key: ZONE, input: { name: '  ' } },
      'name',
      /must not be blank/,
    );
  });

  it('refuses a 100 KB or malformed key on create, update and delete, saying what a key is', async () => {
    await invalid('createZone', CREATE_ZONE, zone({ key: HUGE }), 'key', KEY_RULE);
    await invalid('updateZone', UPDATE_ZONE, { key: HUGE, input: { name: 'x' } }, 'key', KEY_RULE);
    await invalid('deleteZone', DELETE_ZONE, { key: HUGE }, 'key', KEY_RULE);
    await invalid('deleteZone', DELETE_ZONE, { key: 'Not A Slug' }, 'key', KEY_RULE);
  });

  it('refuses years out of range, in numbers and in dates', async () => {
    const years = /a year from 1900 to \d{4}/;
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ approvedYear: -99_999 }),
      'properties.approvedYear',
      years,
    );
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ establishedYear: 99_999 }),
      'properties.establishedYear',
      years,
    );
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ approvedDate: '0001-01-01' }),
      'properties.approvedDate',
      years,
    );
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ approvedDate: '2020-02-31' }),
      'properties.approvedDate',
      /date/,
    );
    await invalid(
      'updateZone',
      UPDATE_ZONE,
      { key: ZONE, input: { approvedYear: 3000 } },
      'properties.approvedYear',
      years,
    );
  });

  it('refuses a start after an end: an event ending before it began', async () => {
    const input = {
      key: key('size-event'),
      name: 'Test event',
      year: 2020,
      endYear: 1990,
      evidence: [{ source: SOURCE }],
    };
    await invalid(
      'createEvent',
      CREATE_EVENT,
      { input },
      'properties.endYear',
      /must not be before year \(2020\)/,
    );
  });

  it('refuses an update whose end would come before the start the entity keeps', async () => {
    const event = key('size-event');
    const input = { key: event, name: 'Test event', year: 2020, evidence: [{ source: SOURCE }] };
    expect((await api.ok(CREATE_EVENT, { input })).createEvent.__typename).toBe('MutationCreateEventSuccess');
    const UPDATE_EVENT = `mutation($key: String!, $input: UpdateEventInput!) { updateEvent(key: $key, input: $input) { ${RESULT} } }`;
    const data = await api.ok(UPDATE_EVENT, { key: event, input: { endYear: 1990 } });
    expect(data.updateEvent).toMatchObject({
      __typename: 'InvalidInputError',
      problems: [{ path: 'properties.endYear', message: 'must not be before year (2020); got 1990' }],
    });
    const [row] = await api.executor.read('MATCH (e:Event {key: $event}) RETURN e.endYear AS end', { event });
    expect(row).toEqual({ end: null });
    await api.executor.write('MATCH (e:Event {key: $event}) DETACH DELETE e', { event });
  });

  it('refuses oversized texts and lists: a 200 KB description, 51 and 20,000 aliases, a 5 KB alias, a 5 KB kind', async () => {
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ description: 'd'.repeat(200_000) }),
      'description',
      /at most 10000/,
    );
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);
    await invalid('createZone', CREATE_ZONE, zone({ aliases: aliases(51) }), 'aliases', /at most 50/);
    // 20,000 are refused for the whole request, before the mutation sees them.
    await refused(CREATE_ZONE, zone({ aliases: aliases(20_000) }), /MAX_INPUT_VALUES/);
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ aliases: ['ok', 'a'.repeat(5_000)] }),
      'aliases.1',
      /at most 300/,
    );
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ aliases: ['ok', '  '] }),
      'aliases.1',
      /must not be blank/,
    );
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ kind: 'k'.repeat(5_000) }),
      'properties.kind',
      /at most 1000/,
    );
    await invalid(
      'updateZone',
      UPDATE_ZONE,
      { key: ZONE, input: { aliases: aliases(51) } },
      'aliases',
      /at most 50/,
    );
  });

  it('refuses evidence that makes no sense: a blank or huge quote, paragraph 0, 1,000 sources', async () => {
    const ev = (e: object) => zone({ evidence: [{ source: SOURCE, ...e }] });
    await invalid('createZone', CREATE_ZONE, ev({ quote: '   ' }), 'evidence.0.quote', /must not be blank/);
    await invalid(
      'createZone',
      CREATE_ZONE,
      ev({ quote: 'q'.repeat(100_000) }),
      'evidence.0.quote',
      /at most 400/,
    );
    await invalid('createZone', CREATE_ZONE, ev({ paragraph: 0 }), 'evidence.0.paragraph', /from 1 to/);
    await invalid('createZone', CREATE_ZONE, ev({ source: HUGE }), 'evidence.0.source', KEY_RULE);
    const many = (n: number) => zone({ evidence: Array.from({ length: n }, () => ({ source: SOURCE })) });
    await invalid('createZone', CREATE_ZONE, many(21), 'evidence', /at most 20/);
    await refused(CREATE_ZONE, many(1_000), /MAX_INPUT_VALUES/);
  });

  it('refuses a URL that is not http(s)', async () => {
    for (const url of [
      'javascript:alert(1)',
      'not a url',
      'file:///etc/passwd',
      `https://x.org/${'p'.repeat(5_000)}`,
    ]) {
      const input = { key: key('size-source'), name: 'Test source', url };
      await invalid('createSource', CREATE_SOURCE, { input }, 'properties.url', /http\(s\) URL/);
    }
  });

  it('links: refuses since after until, years out of range, a huge role, a huge key', async () => {
    const link = (extra: Record<string, unknown>) => ({
      input: {
        type: 'ORIGINATED_IN',
        from: { type: 'COMPANY', key: COMPANY },
        to: { type: 'ZONE', key: ZONE },
        evidence: { source: SOURCE },
        ...extra,
      },
    });
    await invalid(
      'linkEntities',
      LINK,
      link({ since: 2020, until: 1990 }),
      'properties.until',
      /must not be before since \(2020\)/,
    );
    await invalid('linkEntities', LINK, link({ since: -99_999 }), 'properties.since', /a year from 1900/);
    await invalid(
      'linkEntities',
      LINK,
      link({ role: 'r'.repeat(30_000) }),
      'properties.role',
      /at most 1000/,
    );
    await invalid('linkEntities', LINK, link({ from: { type: 'COMPANY', key: HUGE } }), 'from.key', KEY_RULE);
    await invalid(
      'linkEntities',
      LINK,
      link({ evidence: { source: SOURCE, quote: ' ' } }),
      'evidence.quote',
      /blank/,
    );
    const unlink = (extra: Record<string, unknown>) => ({
      input: {
        type: 'ORIGINATED_IN',
        from: { type: 'COMPANY', key: COMPANY },
        to: { type: 'ZONE', key: ZONE },
        ...extra,
      },
    });
    await invalid('unlinkEntities', UNLINK, unlink({ to: { type: 'ZONE', key: HUGE } }), 'to.key', KEY_RULE);
    await invalid('unlinkEntities', UNLINK, unlink({ source: HUGE }), 'source', KEY_RULE);
  });

  it('refuses names that show nothing or disguise themselves: invisible, control and bidi characters', async () => {
    const INVISIBLE = /must not contain .*control characters.*invisible format characters/;
    for (const name of ['\u200b', '\u0000\u0001', '\u2060', '\u202eevil', 'Test\u2066 zone\u2069'])
      await invalid('createZone', CREATE_ZONE, zone({ name }), 'name', /U\+(200B|0000|2060|202E|2066)/);
    await invalid('createZone', CREATE_ZONE, zone({ name: '\u202eevil' }), 'name', INVISIBLE);
    await invalid('createZone', CREATE_ZONE, zone({ name: '...' }), 'name', /at least one letter or digit/);
    await invalid('createZone', CREATE_ZONE, zone({ nameZh: '\u3164' }), 'nameZh', /U\+3164/);
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ aliases: ['ok', 'T\u200bZ'] }),
      'aliases.1',
      /U\+200B at character 2/,
    );
    await invalid('createZone', CREATE_ZONE, zone({ kind: 'a\u0007b' }), 'properties.kind', INVISIBLE);
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ description: 'one\u202etwo' }),
      'description',
      /other than tabs and line breaks/,
    );
    await invalid('updateZone', UPDATE_ZONE, { key: ZONE, input: { name: '\u2060' } }, 'name', /U\+2060/);
    const source = { key: key('size-source'), name: 'Test source', title: '— ? —' };
    await invalid('createSource', CREATE_SOURCE, { input: source }, 'properties.title', /letter or digit/);
  });

  it('refuses years that contradict each other: approved before established, a date outside its year', async () => {
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ approvedYear: 1950, establishedYear: 2020 }),
      'properties.approvedYear',
      /must not be before establishedYear \(2020\); got 1950/,
    );
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ approvedYear: 1991, approvedDate: '2020-01-01' }),
      'properties.approvedDate',
      /must be in approvedYear \(1991\); got 2020-01-01/,
    );
    await invalid(
      'updateZone',
      UPDATE_ZONE,
      { key: ZONE, input: { approvedYear: 1991, approvedDate: '2020-01-01' } },
      'properties.approvedDate',
      /must be in approvedYear \(1991\)/,
    );
    await invalid(
      'updateZone',
      UPDATE_ZONE,
      { key: ZONE, input: { approvedYear: 1950, establishedYear: 2020 } },
      'properties.approvedYear',
      /establishedYear/,
    );
    const event = {
      key: key('size-event'),
      name: 'Test event',
      year: 1991,
      date: '1992-05',
      evidence: [{ source: SOURCE }],
    };
    await invalid(
      'createEvent',
      CREATE_EVENT,
      { input: event },
      'properties.date',
      /must be in year \(1991\)/,
    );
  });

  it('refuses the same alias twice, compared without case, width or spaces at the ends', async () => {
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ aliases: Array(50).fill('TZ') }),
      'aliases.1',
      /must differ from each other.*aliases\.0/,
    );
    await invalid(
      'createZone',
      CREATE_ZONE,
      zone({ aliases: ['Test Zone', ' ｔｅｓｔ ＺＯＮＥ '] }),
      'aliases.1',
      /must differ/,
    );
    await invalid(
      'updateZone',
      UPDATE_ZONE,
      { key: ZONE, input: { aliases: ['TZ', 'tz'] } },
      'aliases.1',
      /must differ/,
    );
  });

  it('refuses a share that is no fraction from 0 to 1', async () => {
    const CREATE_INDICATOR = `mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { ${RESULT} } }`;
    for (const share of [1e308, -5, 35.6]) {
      const input = { key: key('size-indicator'), name: 'Test share', share, evidence: [{ source: SOURCE }] };
      await invalid(
        'createIndicator',
        CREATE_INDICATOR,
        { input },
        'properties.share',
        /must be a fraction from 0 to 1/,
      );
    }
  });

  it('still accepts consistent values: a zone established before its approval, dated in its year', async () => {
    const good = zone({
      name: 'Test zone 中关村',
      aliases: ['TZ', 'Test Zone'],
      establishedYear: 1988,
      approvedYear: 1991,
      approvedDate: '1991-03-06',
      description: 'First line.\nSecond line.',
    });
    const result = await send(CREATE_ZONE, good);
    expect(result.data.createZone.__typename, JSON.stringify(result.data)).toBe('MutationCreateZoneSuccess');
    const [row] = await api.executor.read(
      'MATCH (z:Zone {key: $key}) RETURN z.approvedDate AS date, z.aliases AS aliases',
      { key: good.input.key },
    );
    expect(row).toEqual({ date: '1991-03-06', aliases: ['TZ', 'Test Zone'] });
    await api.executor.write('MATCH (z:Zone {key: $key}) DETACH DELETE z', { key: good.input.key });
  });

  it('wrote nothing for any refused input, and still accepts sensible values (trimmed)', async () => {
    const [row] = await api.executor.read(
      'MATCH (z:Zone {key: $zone}) RETURN z.name AS name, z.approvedYear AS year, z.aliases AS aliases',
      { zone: ZONE },
    );
    expect(row).toEqual({ name: 'Test zone', year: null, aliases: null });
    const result = await send(UPDATE_ZONE, {
      key: ZONE,
      input: { name: '  Test zone renamed ', approvedYear: 1991, aliases: [' TZ '] },
    });
    expect(result.data.updateZone.__typename).toBe('MutationUpdateZoneSuccess');
    const [after] = await api.executor.read(
      'MATCH (z:Zone {key: $zone}) RETURN z.name AS name, z.approvedYear AS year, z.aliases AS aliases',
      { zone: ZONE },
    );
    expect(after).toEqual({ name: 'Test zone renamed', year: 1991, aliases: ['TZ'] });
    const [{ n } = { n: -1 }] = await api.executor.read(
      "MATCH (n) WHERE n.key STARTS WITH 'size-' RETURN count(n) AS n",
    );
    expect(Number(n)).toBe(0);
  });
});

describe('keys in export URLs (item 12)', () => {
  const app = createApp({ schema, executor: api.executor, log: createLogger('silent') });

  it.each([
    ['a 16 KB key', `/export/neighborhood?key=${'k'.repeat(16_000)}`],
    ['a key that is no slug', '/export/neighborhood?key=%3Cscript%3E'],
    ['a 16 KB path end', `/export/paths?from=huawei&to=${'t'.repeat(16_000)}`],
  ])('%s gets a short 400 that says what a key is, before any Cypher', async (_name, path) => {
    let statements = 0;
    const stop = api.executor.onStatement(() => {
      statements++;
    });
    try {
      const response = await app.fetch(`http://yoga${path}`);
      const text = await response.text();
      expect(response.status).toBe(400);
      expect(JSON.parse(text).error).toMatch(/must be a lowercase slug/);
      expect(text.length).toBeLessThan(1_000);
      expect(statements).toBe(0);
    } finally {
      stop();
    }
  });
});
