/** How search reads names (search-text.ts) and ranks candidates (search-rank.ts), without a database. */
import { describe, expect, it } from 'vitest';
import { type CandidateRow, locate, rankCandidates, TIERS } from '../../src/graph/search-rank.ts';
import {
  nameKey,
  normalise,
  normaliseMapped,
  pinyinOf,
  searchNames,
  searchProperties,
} from '../../src/graph/search-text.ts';
import { seedFacts } from '../../src/graph/seed.ts';

describe('normalise and nameKey', () => {
  it('folds case, width, punctuation and the spellings of hi-tech', () => {
    expect(normalise('ＺＨＯＮＧＧＵＡＮＣＵＮ　Science-Park!')).toBe('zhongguancun science park');
    for (const spelling of [
      'High-tech',
      'high tech',
      'Hi-Tech',
      'HiTech',
      'high and new technology',
      'High-Technology',
    ])
      expect(normalise(`Wuhan ${spelling} Zone`), spelling).toBe('wuhan hitech zone');
  });

  it('drops a trailing 市/区/省 from a Chinese name', () => {
    expect(nameKey('北京市')).toBe('北京');
    expect(nameKey('上海张江高新技术产业开发区')).toBe('上海张江高新技术产业开发');
    expect(nameKey('区')).toBe('区');
    expect(nameKey('Beijing')).toBe('beijing');
  });

  it('keeps a map back to the original text, equal to the fast form on every name of the seed', () => {
    const mapped = normaliseMapped('Shanghai  Zhangjiang High-tech');
    expect(mapped.text).toBe('shanghai zhangjiang hitech');
    expect(mapped.from[mapped.text.indexOf('zhangjiang')]).toBe(10);
    for (const node of seedFacts().nodes) {
      for (const value of [node.name, node.nameZh, ...(node.aliases ?? []), node.description]) {
        if (value) expect(normaliseMapped(value).text).toBe(normalise(value));
      }
    }
  });
});

describe('pinyin and search names', () => {
  it('gives toneless pinyin, syllables apart', () => {
    expect(pinyinOf('中关村科技园区')).toBe('zhong guan cun ke ji yuan qu');
    expect(pinyinOf('襄樊')).toBe('xiang fan');
  });

  it('stores every name form with and without spaces', () => {
    const props = searchProperties({
      name: 'Zhongguancun Science Park',
      nameZh: '中关村科技园区',
      aliases: ['ZGC'],
    });
    expect(props.pinyin).toEqual(['zhong guan cun ke ji yuan qu']);
    expect(props.searchNames).toEqual(
      expect.arrayContaining([
        'zhongguancun science park',
        'zhongguancunsciencepark',
        '中关村科技园',
        'zgc',
        'zhongguancunkejiyuanqu',
      ]),
    );
    expect(searchNames({ name: 'Torch' })).toEqual(['torch']);
    // From each later word on, compact, so that a prefix query finds any word of a name.
    expect(searchNames({ name: 'Tianjin Binhai Zone' })).toEqual([
      'tianjin binhai zone',
      'tianjinbinhaizone',
      'binhaizone',
      'zone',
    ]);
    expect(searchNames({ name: '上海张江' }, [])).toEqual(['上海张江', '海张江', '张江']);
    expect(searchProperties({ name: 'Torch' }).pinyin).toBeUndefined();
  });
});

describe('locate (highlights)', () => {
  it('finds words at word starts, as ranges of the original text', () => {
    expect(locate('Tianjin Binhai High-tech Zone', ['binhai', 'hitech'])).toEqual([
      { start: 8, end: 14 },
      { start: 15, end: 24 },
    ]);
    expect(locate('Shanghai', ['hai'])).toEqual([]);
  });

  it('finds a Chinese word by its character pairs when it is not there whole', () => {
    expect(locate('上海张江高新技术产业开发区', ['张江高新区'])).toEqual([{ start: 2, end: 6 }]);
  });

  it('finds compact pinyin in spaced syllables', () => {
    expect(locate('zhong guan cun ke ji yuan qu', ['zhongguancun'], true)).toEqual([{ start: 0, end: 14 }]);
  });
});

const row = (
  key: string,
  label: string,
  props: Record<string, unknown>,
  extra: Partial<CandidateRow> = {},
): CandidateRow => ({
  kind: 'text',
  node: { key, ...props } as CandidateRow['node'],
  labels: [label],
  score: 1,
  degree: 0,
  evidence: null,
  ...extra,
});

describe('rankCandidates', () => {
  it('puts an exact name above an exact alias above a prefix, whatever the index scores', () => {
    const rows = [
      row(
        'zgc-nidz',
        'Designation',
        { name: 'Zhongguancun National Independent Innovation Demonstration Zone' },
        { score: 9 },
      ),
      row(
        'zhongguancun',
        'Zone',
        { name: 'Zhongguancun Science Park', aliases: ['Zhongguancun'] },
        { score: 1 },
      ),
      row('street', 'Place', { name: 'Zhongguancun' }, { score: 0.5 }),
    ];
    const hits = rankCandidates(rows, 'zhongguancun', 10);
    expect(hits.map((h) => h.entity.key)).toEqual(['street', 'zhongguancun', 'zgc-nidz']);
    expect(hits.map((h) => h.tier)).toEqual([TIERS.exactName, TIERS.exactAlias, TIERS.prefix]);
    expect(hits.map((h) => h.matchedIn)).toEqual(['NAME', 'ALIAS', 'NAME']);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('breaks ties by degree, then key: never by chance', () => {
    const rows = [
      row('b', 'Place', { name: 'Fuzhou' }, { degree: 3 }),
      row('a', 'Place', { name: 'Fuzhou' }, { degree: 3 }),
      row('c', 'Place', { name: 'Fuzhou' }, { degree: 9 }),
    ];
    expect(rankCandidates(rows, 'Fuzhou', 10).map((h) => h.entity.key)).toEqual(['c', 'a', 'b']);
    expect(rankCandidates([...rows].reverse(), 'Fuzhou', 10).map((h) => h.entity.key)).toEqual([
      'c',
      'a',
      'b',
    ]);
  });

  it('puts domain entities above Sources within a kind of match', () => {
    const rows = [
      row('s', 'Source', { name: 'Torch' }, { degree: 99 }),
      row('t', 'Program', { name: 'Torch' }),
    ];
    expect(rankCandidates(rows, 'torch', 10).map((h) => h.entity.key)).toEqual(['t', 's']);
  });

  it('says which quote matched, which relation it states and where it is from', () => {
    const rows = [
      row(
        'lenovo',
        'Company',
        { name: 'Lenovo Group' },
        {
          kind: 'evidence',
          evidence: {
            quote: 'Lenovo started in a gatehouse in Zhongguancun',
            paragraph: 7,
            type: 'ORIGINATED_IN',
            other: { key: 'zhongguancun', name: 'Zhongguancun Science Park' },
            otherLabels: ['Zone'],
            sourceKey: 'hi-tech-zones-overview',
          },
        },
      ),
    ];
    const [hit] = rankCandidates(rows, 'gatehouse', 10);
    expect(hit?.matchedIn).toBe('EVIDENCE');
    expect(hit?.evidence?.relation?.type).toBe('ORIGINATED_IN');
    expect(hit?.evidence?.relation?.to.key).toBe('zhongguancun');
    expect(hit?.evidence?.sourceKey).toBe('hi-tech-zones-overview');
    expect(hit?.highlights).toEqual([
      {
        field: 'EVIDENCE',
        text: 'Lenovo started in a gatehouse in Zhongguancun',
        ranges: [{ start: 20, end: 29 }],
      },
    ]);
  });
});
