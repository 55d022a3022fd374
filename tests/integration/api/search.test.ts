/** search(text:, types:, first:): English, prefixes, Chinese, narrowing by type, and any text is safe. */
import { describe, expect, it } from 'vitest';
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
