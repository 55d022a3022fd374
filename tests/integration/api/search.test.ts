/** search(text:, types:, first:): English, prefixes, Chinese, narrowing by type, and any text is safe. */
import { describe, expect, it } from 'vitest';
import { seedFacts } from '../../../src/graph/seed.ts';
import { createApp } from '../../../src/http/yoga.ts';
import { createLogger } from '../../../src/logger.ts';
import { schema } from '../../../src/schema/index.ts';
import { useApi } from '../../support/graphql.ts';

const api = useApi();

const SEARCH = `query($text: String!, $types: [EntityType!], $first: Int) {
  search(text: $text, types: $types, first: $first) { score entity { __typename key name } }
}`;

type Hit = { score: number; entity: { __typename: string; key: string; name: string } };

async function search(text: string, extra: { types?: string[]; first?: number } = {}): Promise<Hit[]> {
  const data = await api.ok(SEARCH, { text, ...extra });
  return data.search;
}

const refs = (hits: Hit[]) => hits.map((h) => `${h.entity.__typename}:${h.entity.key}`);

describe('search finds', () => {
  it('"Zhongguancun": the zone, best matches first', async () => {
    const hits = await search('Zhongguancun');
    expect(refs(hits).slice(0, 3)).toContain('Zone:zhongguancun');
    expect(hits.length).toBeGreaterThan(1);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(hits[0]!.entity.name.toLowerCase()).toContain('zhongguancun');
  });

  it('"Zhong" (a prefix): the zone Zhongguancun', async () => {
    const hits = await search('Zhong');
    expect(refs(hits)).toContain('Zone:zhongguancun');
  });

  it('"中关村" (Chinese): the zone Zhongguancun first', async () => {
    const hits = await search('中关村');
    expect(refs(hits)[0]).toBe('Zone:zhongguancun');
  });

  it('"torch": the Torch Program first, then what is named after it', async () => {
    const hits = await search('torch');
    expect(refs(hits)[0]).toBe('Program:torch-program');
    expect(refs(hits)).toEqual(expect.arrayContaining(['Event:torch-program-launched-1988']));
  });

  it('ignores case', async () => {
    expect(refs(await search('TORCH'))).toEqual(refs(await search('torch')));
  });
});

describe('search narrows and limits', () => {
  it('types: [ZONE] gives only zones', async () => {
    const hits = await search('Zhongguancun', { types: ['ZONE'] });
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.entity.__typename))).toEqual(new Set(['Zone']));
    expect(refs(hits)[0]).toBe('Zone:zhongguancun');
    const torch = await search('torch', { types: ['ZONE'] });
    expect(torch.every((h) => h.entity.__typename === 'Zone')).toBe(true);
    expect(refs(torch)).toEqual(expect.arrayContaining(['Zone:xiamen-torch', 'Zone:zhongshan-torch']));
  });

  it('types takes several types', async () => {
    const hits = await search('Zhongguancun', { types: ['ZONE', 'INDUSTRY_CLUSTER'], first: 20 });
    expect(new Set(hits.map((h) => h.entity.__typename))).toEqual(new Set(['Zone', 'IndustryCluster']));
  });

  it('first limits the hits, and is checked', async () => {
    expect(await search('zone', { first: 3 })).toHaveLength(3);
    expect(await search('Zhongguancun', { first: 1 })).toHaveLength(1);
    for (const first of [0, -1, 101]) {
      const result = await api.gql(SEARCH, { text: 'torch', first });
      expect(result.errors?.[0]?.extensions?.code, String(first)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/first must be between 1 and 100/);
    }
  });

  it('narrows by type before it limits: the best company for "Zhongguancun" is found with first: 1', async () => {
    // Zones, clusters, designations and events outrank companies for this text; narrowing after taking
    // the top few hits of every type would leave no company at all.
    const all = await search('Zhongguancun', { types: ['COMPANY'], first: 100 });
    expect(refs(all)).toEqual(expect.arrayContaining(['Company:baidu', 'Company:lenovo']));
    const one = await search('Zhongguancun', { types: ['COMPANY'], first: 1 });
    expect(refs(one)).toEqual(refs(all).slice(0, 1));
  });
});

describe('any text is safe', () => {
  const UNSAFE = [
    'AND OR (',
    '"',
    '\\',
    '*',
    'name:x',
    '~',
    '[',
    'NOT',
    'zhongguancun AND',
    'OR torch',
    '&& ||',
    '!torch',
    '+torch -zone',
    'torch^10',
    'torch~2',
    '/torch/',
    '{a TO z}',
    '[1988 TO 1992]',
    'name:(zhong*)',
    'key:zhongguancun',
    'zhong?guancun',
    '中关村 AND (torch',
    '"unclosed phrase',
    `${'zhongguancun '.repeat(200)}`,
  ];

  it.each(UNSAFE)(
    '%j gives results or a clear BAD_USER_INPUT, never a 500 or a Lucene error',
    async (text) => {
      const result = await api.gql(SEARCH, { text, first: 5 });
      expect(result.status).toBe(200);
      if (result.errors) {
        expect(result.errors).toHaveLength(1);
        const [error] = result.errors;
        expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(error?.message).toMatch(/search text/i);
        expect(error?.message).not.toMatch(/lucene|parse|syntax|fulltext|full-text|Neo\.|procedure/i);
      } else {
        expect(Array.isArray(result.data.search)).toBe(true);
      }
    },
  );

  it('keeps the words of a text with operators: "中关村 AND (torch" still finds Zhongguancun', async () => {
    const hits = await search('中关村 AND (torch', { first: 20 });
    expect(refs(hits)).toContain('Zone:zhongguancun');
  });

  it('a field prefix is no field: "name:zhongguancun" searches both words', async () => {
    const hits = await search('name:zhongguancun');
    expect(refs(hits)).toContain('Zone:zhongguancun');
  });

  it('refuses an empty text, or one of spaces only, with a clear message', async () => {
    for (const text of ['', '   ', '\t\n']) {
      const result = await api.gql(SEARCH, { text });
      expect(result.status).toBe(200);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(text)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/empty/);
    }
  });

  it('refuses a text of punctuation only, saying so', async () => {
    const result = await api.gql(SEARCH, { text: '*?~' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/no words/);
  });
});

const FULL = `query($text: String!, $types: [EntityType!], $first: Int) {
  search(text: $text, types: $types, first: $first) {
    score matchedIn
    entity { __typename key name }
    highlights { field text ranges { start end } }
    evidence { quote paragraph source { key url } }
    relation { type from { key } to { key } }
  }
}`;

async function searchFull(text: string, extra: { types?: string[]; first?: number } = {}) {
  return (await api.ok(FULL, { text, ...extra })).search as any[];
}

describe('ranking that knows names (issue 14)', () => {
  it('a zone by its full Chinese name, among zones: that zone first, for every zone', async () => {
    const zones = seedFacts().nodes.filter((n) => n.label === 'Zone' && n.nameZh);
    const wrong: string[] = [];
    for (const zone of zones) {
      const hits = await search(zone.nameZh as string, { types: ['ZONE'], first: 3 });
      if (hits[0]?.entity.key !== zone.key) wrong.push(`${zone.nameZh} → ${hits[0]?.entity.key}`);
    }
    expect(wrong).toEqual([]);
  });

  it('"Zhongguancun": the zone above the demonstration zone', async () => {
    expect(refs(await search('Zhongguancun'))[0]).toBe('Zone:zhongguancun');
  });

  it.each([
    ['北京市新技术产业开发试验区'],
    ['Beijing New Technology Industry Development Experimentation Zone'],
    ['zgc'],
    ['ZGC'],
    ['中关村'],
    ['zhongguancun kejiyuanqu'],
    ['zhong guan cun'],
  ])('%s: Zhongguancun first', async (text) => {
    expect(refs(await search(text))[0]).toBe('Zone:zhongguancun');
  });

  it.each([
    ['East Lake', 'Zone:wuhan-east-lake'],
    ['东湖', 'Zone:wuhan-east-lake'],
    ['Optics Valley', 'Zone:wuhan-east-lake'],
    ['Zhangjiang', 'Zone:shanghai-zhangjiang'],
    ['张江', 'Zone:shanghai-zhangjiang'],
    ['上海高新技术产业开发区', 'Zone:shanghai-zhangjiang'],
    ['襄樊', 'Zone:xiangyang'],
  ])('the alias %s: %s first', async (text, expected) => {
    expect(refs(await search(text))[0]).toBe(expected);
  });

  it('normalises case, width, punctuation, 市/区 and the spellings of hi-tech', async () => {
    for (const text of [
      'TIANJIN BINHAI HIGH TECH INDUSTRIAL DEVELOPMENT ZONE',
      'Tianjin Binhai Hi-Tech Industrial Development Zone',
      'ｔｉａｎｊｉｎ　ｂｉｎｈａｉ',
      '天津滨海高新技术产业开发',
    ]) {
      expect(refs(await search(text))[0], text).toBe('Zone:tianjin-binhai');
    }
  });

  it('leaves Sources out unless types asks for them', async () => {
    const hits = await search('Zoomlion', { first: 20 });
    expect(refs(hits)[0]).toBe('Company:zoomlion');
    expect(hits.every((h) => h.entity.__typename !== 'Source')).toBe(true);
    const sources = await search('wikimili', { types: ['SOURCE'] });
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((h) => h.entity.__typename === 'Source')).toBe(true);
  });

  it('gives the same order every time (ties broken by degree, then key)', async () => {
    const first = refs(await search('Fuzhou', { first: 20 }));
    for (let i = 0; i < 3; i++) expect(refs(await search('Fuzhou', { first: 20 }))).toEqual(first);
  });
});

describe('evidence search and highlights (issue 14)', () => {
  it('finds a fact that exists only in a quote, saying which quote, from where, supporting what', async () => {
    const hits = await searchFull('seed funding, venture capital, loan guarantees');
    const hit = hits[0];
    expect(hit.matchedIn).toBe('EVIDENCE');
    expect(hit.evidence.quote).toMatch(/seed funding, venture capital, loan guarantees/);
    expect(hit.evidence.source.key).toBeTruthy();
    expect(hit.highlights[0].field).toBe('EVIDENCE');
    const [range] = hit.highlights[0].ranges;
    expect(hit.highlights[0].text.slice(range.start, range.end).toLowerCase()).toBe('seed');
  });

  it('says which relation a quote states: one of the entity found', async () => {
    const hits = await searchFull("integrated circuit manufacturing in Shanghai's Zhangjiang", { first: 30 });
    const withRelation = hits.filter((h) => h.relation);
    for (const hit of withRelation) {
      expect(hit.matchedIn).toBe('EVIDENCE');
      expect(hit.relation.from.key).toBe(hit.entity.key);
      expect(hit.relation.type).toMatch(/^[A-Z_]+$/);
    }
    expect(hits.some((h) => h.matchedIn === 'EVIDENCE' || h.matchedIn === 'NAME')).toBe(true);
  });

  it('highlights which part of which field matched', async () => {
    const [alias] = await searchFull('ZGC');
    expect(alias.matchedIn).toBe('ALIAS');
    expect(alias.highlights).toEqual([{ field: 'ALIAS', text: 'ZGC', ranges: [{ start: 0, end: 3 }] }]);
    const [zh] = await searchFull('张江高新区', { types: ['ZONE'] });
    expect(zh.entity.key).toBe('shanghai-zhangjiang');
    expect(zh.highlights[0].field).toBe('NAME_ZH');
    expect(zh.highlights[0].ranges[0]).toEqual({ start: 2, end: 6 });
    const [pinyin] = await searchFull('zhongguancun keji');
    expect(pinyin.entity.key).toBe('zhongguancun');
    expect(pinyin.highlights[0].field).toBe('PINYIN');
  });
});

describe('bounded and safe at the largest configurable cap (SEARCH_MAX_LENGTH=10000)', () => {
  const app = createApp({
    schema,
    executor: api.executor,
    log: createLogger('silent'),
    limits: { maxPageSize: 100, searchMaxLength: 10_000, searchMaxTerms: 100 },
  });
  const ask = async (text: string) => {
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: { text, first: 5 } }),
    });
    return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
  };
  const prose = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');

  it.each([
    ['1 KB of ordinary text, 160 distinct words', `Zhongguancun ${prose}`.slice(0, 1_100)],
    ['a 5,000-character word', 'z'.repeat(5_000)],
    ['a 10,000-character word', 'zhong'.repeat(2_000)],
    ['10,000 Chinese characters', '中关村科技园区火炬计划'.repeat(1_000).slice(0, 10_000)],
    ['10,000 characters of operators', '"(*?:~'.repeat(2_000).slice(0, 10_000)],
  ])('answers %s, or refuses it as BAD_USER_INPUT, never an internal error', async (_name, text) => {
    const result = await ask(text);
    expect(result.status).toBe(200);
    if (result.errors) expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    else expect(Array.isArray(result.data.search)).toBe(true);
  });

  it('keeps the most distinctive words of a long text', async () => {
    const result = await ask(`the of and ${prose} Zhongguancun`);
    expect(result.errors).toBeUndefined();
    expect(result.data.search.map((h: Hit) => h.entity.key)).toContain('zhongguancun');
  });

  it('refuses a text past the cap, naming it', async () => {
    const result = await ask('x'.repeat(10_001));
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/at most 10000 characters \(SEARCH_MAX_LENGTH\)/);
  });
});
