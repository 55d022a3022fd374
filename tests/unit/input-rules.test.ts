/** The rules of curation input, derived from the ontology; and the search limits' variables. */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type FactDocument, parseNodeRef } from '../../src/graph/facts.ts';
import {
  check,
  createRule,
  DATE_YEAR_PAIRS,
  evidenceRule,
  INPUT_LIMITS,
  keyProblem,
  lastYear,
  linkRule,
  MAX_PROBLEMS,
  ORDERED_PAIRS,
  orderProblems,
  propertyRule,
  updateRule,
} from '../../src/graph/input-rules.ts';
import {
  COMMON_PROPERTIES,
  isLabel,
  LABEL_PROPERTIES,
  LABELS,
  type PropertyKind,
  RELATIONSHIP_PROPERTIES,
} from '../../src/graph/ontology.ts';
import { readReferenceTables } from '../../src/graph/reference-tables.ts';

const problems = (rule: Parameters<typeof check>[0], value: unknown) => {
  const result = check(rule, value);
  return result.ok ? [] : result.problems;
};

describe('keys', () => {
  it('are slugs of at most 100 characters; a long one is described by its length only', () => {
    expect(keyProblem('zhongguancun')).toBeNull();
    expect(keyProblem('k'.repeat(100))).toBeNull();
    expect(keyProblem('k'.repeat(101))).toMatch(
      /lowercase slug of at most 100 characters.*got 101 characters$/,
    );
    const huge = keyProblem('k'.repeat(100_000)) ?? '';
    expect(huge.length).toBeLessThan(300);
    for (const bad of ['', 'Zhongguancun', 'a b', 'a--b', '-a', 'a.', "x' OR 1=1"])
      expect(keyProblem(bad), bad).toMatch(/lowercase slug/);
  });
});

describe('every property of the ontology has a rule from its kind and name', () => {
  const all: [string, PropertyKind][] = [
    ...LABELS.flatMap((l) => Object.entries(LABEL_PROPERTIES[l])),
    ...Object.entries(RELATIONSHIP_PROPERTIES),
  ];

  it.each(all)('%s (%s) refuses what its kind cannot be', (name, kind) => {
    const rule = propertyRule(name, kind);
    const wrong = { int: 'x', float: 'x', boolean: 'x', date: 'May 2021', string: 5, 'string[]': 'x' }[kind];
    expect(check(rule, wrong).ok).toBe(false);
    if (kind === 'string') {
      expect(check(rule, '   ').ok).toBe(false);
      expect(check(rule, 'x'.repeat(INPUT_LIMITS.descriptionLength + 1)).ok).toBe(false);
    }
  });

  it('treats every int whose name says year (and since, until) as a year in range', () => {
    // Counts (an approval batch's zoneCount, statedZoneCount) are ints that are not years.
    const years = all.filter(([name, kind]) => kind === 'int' && !/Count$/.test(name)).map(([name]) => name);
    expect(years).toEqual(
      expect.arrayContaining(['approvedYear', 'foundedYear', 'year', 'endYear', 'since', 'until']),
    );
    for (const name of years) {
      const rule = propertyRule(name, 'int');
      expect(check(rule, 1900).ok, name).toBe(true);
      expect(check(rule, lastYear()).ok, name).toBe(true);
      expect(check(rule, 1899).ok, name).toBe(false);
      expect(check(rule, lastYear() + 1).ok, name).toBe(false);
    }
  });

  it('accepts real dates only, in the years allowed', () => {
    const date = propertyRule('date', 'date');
    for (const ok of ['1988', '1988-05', '1988-05-10', '2024-02-29'])
      expect(check(date, ok).ok, ok).toBe(true);
    for (const bad of [
      '1988-13',
      '2023-02-29',
      '2020-04-31',
      '0001-01-01',
      '1899',
      `${lastYear() + 1}`,
      '19880510',
      'x'.repeat(5000),
    ])
      expect(check(date, bad).ok, bad).toBe(false);
  });

  it('accepts http(s) URLs only', () => {
    const url = propertyRule('url', 'string');
    for (const ok of ['https://example.org/a?b=c', 'http://houston.china-consulate.org/eng/st/t1108038.htm'])
      expect(check(url, ok).ok, ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'ftp://x.org/',
      'file:///etc/passwd',
      'example.org',
      'https://',
      `https://x.org/${'p'.repeat(2_000)}`,
    ])
      expect(check(url, bad).ok, bad).toBe(false);
  });

  it('trims texts', () => {
    const result = check(createRule('Company'), {
      key: 'acme',
      name: '  Acme  ',
      aliases: [' A '],
      properties: {},
      evidence: [],
    });
    expect(result.ok && result.value).toMatchObject({ name: 'Acme', aliases: ['A'] });
  });
});

describe('problems', () => {
  it('are reported in number at most MAX_PROBLEMS, whatever the input', () => {
    const input = {
      key: 'acme',
      name: 'x',
      aliases: Array.from({ length: 50 }, () => ' '),
      properties: {},
      evidence: [],
    };
    const found = problems(createRule('Company'), input);
    expect(found.length).toBe(MAX_PROBLEMS + 1);
    expect(found.at(-1)?.message).toMatch(/and \d+ more problems/);
  });

  it('name the later of two ordered values: until before since', () => {
    const link = {
      from: { label: 'Company', key: 'a' },
      to: { label: 'Zone', key: 'b' },
      evidence: { source: 's' },
    };
    expect(problems(linkRule, { ...link, properties: { since: 2020, until: 1990 } })).toEqual([
      { path: 'properties.until', message: 'must not be before since (2020); got 1990' },
    ]);
    expect(problems(linkRule, { ...link, properties: { since: 1990, until: 1990 } })).toEqual([]);
  });
});

const node = (label: (typeof LABELS)[number], extra: Record<string, unknown>) =>
  createRule(label).safeParse({ key: 'acme', name: 'Acme', properties: {}, evidence: [], ...extra });
const refuses = (rule: Parameters<typeof check>[0], value: unknown, path: string, message: RegExp) => {
  const found = problems(rule, value);
  const problem = found.find((p) => p.path === path);
  expect(problem, `${JSON.stringify(value).slice(0, 200)} -> ${JSON.stringify(found)}`).toBeDefined();
  expect(problem?.message).toMatch(message);
};
const company = (extra: Record<string, unknown>) => ({
  key: 'acme',
  name: 'Acme',
  properties: {},
  evidence: [],
  ...extra,
});

describe('texts refuse what cannot be seen', () => {
  const names = [
    ['name', (v: string) => company({ name: v })],
    ['nameZh', (v: string) => company({ nameZh: v })],
    ['aliases.0', (v: string) => company({ aliases: [v] })],
  ] as const;

  it.each([
    ['a zero-width space', '\u200b'],
    ['NUL and SOH', '\u0000\u0001'],
    ['a word joiner', '\u2060'],
    ['a byte-order mark', '\ufeff'],
    ['a soft hyphen', '\u00ad'],
    ['a Hangul filler (a letter that shows nothing)', '\u3164'],
    ['punctuation only', '...'],
    ['a dash', '—'],
  ])('no name, Chinese name or alias of %s only', (_what, value) => {
    for (const [path, input] of names)
      expect(
        problems(createRule('Company'), input(value)).map((p) => p.path),
        path,
      ).toContain(path);
  });

  it.each([
    ['a right-to-left override', '\u202eevil'],
    ['a left-to-right embedding', 'Acme\u202a'],
    ['an isolate', 'Ac\u2066me\u2069'],
    ['a right-to-left mark', 'Acme\u200f'],
    ['a zero-width space inside', 'Ac\u200bme'],
    ['a tag character (hidden ASCII)', 'Acme\u{E0041}\u{E0042}'],
    ['a NUL inside', 'Ac\u0000me'],
    ['an escape sequence', '\u001b[31mAcme'],
    ['a DEL', 'Acme\u007f'],
    ['a C1 control', 'Acme\u0085'],
    ['a newline', 'Ac\nme'],
    ['a tab', 'Ac\tme'],
    ['a line separator', 'Ac\u2028me'],
    ['an unpaired surrogate', 'Acme\ud800'],
    ['a zero-width joiner at the start', '\u200dAcme'],
  ])('no name, Chinese name or alias with %s', (_what, value) => {
    for (const [path, input] of names)
      refuses(createRule('Company'), input(value), path, /must not contain .*(control|format|invisible)/);
  });

  it('say what is allowed, naming the character by its code point', () => {
    refuses(createRule('Company'), company({ name: '\u202eevil' }), 'name', /U\+202E/);
    refuses(createRule('Company'), company({ name: '\u200b' }), 'name', /U\+200B/);
    refuses(createRule('Company'), company({ name: '...' }), 'name', /at least one letter or digit/);
  });

  it('accept names of every script, with the joiners some scripts need', () => {
    for (const ok of [
      'Zhongguancun Science Park',
      '中关村科技园区',
      '3M',
      '7',
      'Xi’an (西安) — “Hi-tech”',
      'Straße',
      'می\u200cخواهم',
      'क्\u200dष',
      'Team 👩\u200d💻',
      'Ａｃｍｅ',
    ])
      expect(problems(createRule('Company'), company({ name: ok, aliases: [ok] })), ok).toEqual([]);
  });

  it('every other text refuses control and format characters too, but need not hold a letter', () => {
    for (const [name, kind] of [
      ['kind', 'string'],
      ['batchNote', 'string'],
      ['unit', 'string'],
      ['role', 'string'],
      ['title', 'string'],
      ['publisher', 'string'],
    ] as const) {
      const rule = propertyRule(name, kind);
      for (const bad of ['a\u0000b', 'a\u202eb', 'a\nb', '\u200b'])
        expect(check(rule, bad).ok, `${name} ${JSON.stringify(bad)}`).toBe(false);
    }
    expect(check(propertyRule('unit', 'string'), '%').ok).toBe(true);
    expect(check(propertyRule('title', 'string'), '%').ok).toBe(false);
    expect(check(propertyRule('url', 'string'), 'https://exa\tmple.org/').ok).toBe(false);
    expect(check(propertyRule('url', 'string'), 'https://example.org/\u202e').ok).toBe(false);
  });

  it('long texts (description, quote) keep their line breaks and tabs, not other controls', () => {
    const description = propertyRule('description', COMMON_PROPERTIES.description);
    expect(check(description, 'First line.\n\tSecond line.\r\nThird.').ok).toBe(true);
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u202eb', 'a\u200bb', '\u200b'])
      expect(check(description, bad).ok, JSON.stringify(bad)).toBe(false);
    expect(check(evidenceRule, { source: 's', quote: 'one\ntwo' }).ok).toBe(true);
    expect(check(evidenceRule, { source: 's', quote: 'one\u202etwo' }).ok).toBe(false);
  });
});

describe('aliases', () => {
  it('are distinct, compared trimmed, case-folded and NFKC-normalised', () => {
    refuses(
      createRule('Company'),
      company({ aliases: ['Acme', ' ACME '] }),
      'aliases.1',
      /must differ from each other .*aliases\.0/,
    );
    for (const same of [
      ['acme', 'Ａｃｍｅ'],
      ['Straße', 'STRASSE'],
      ['x', 'y', 'X'],
    ])
      expect(check(createRule('Company'), company({ aliases: same })).ok, same.join()).toBe(false);
    expect(check(createRule('Company'), company({ aliases: ['ACME', 'Acme Corp', 'ACME Inc.'] })).ok).toBe(
      true,
    );
  });

  it('50 copies of one alias are refused, in at most MAX_PROBLEMS problems', () => {
    const found = problems(createRule('Company'), company({ aliases: Array(50).fill('Acme') }));
    expect(found[0]).toMatchObject({ path: 'aliases.1' });
    expect(found.length).toBe(MAX_PROBLEMS + 1);
    const update = problems(updateRule('Company'), { key: 'acme', properties: {}, aliases: ['a', 'A'] });
    expect(update.map((p) => p.path)).toEqual(['aliases.1']);
  });
});

describe('numbers', () => {
  it('a share is a fraction from 0 to 1', () => {
    const indicator = (share: number) => company({ properties: { share } });
    for (const ok of [0, 0.356, 1])
      expect(check(createRule('Indicator'), indicator(ok)).ok, `${ok}`).toBe(true);
    for (const bad of [1e308, -5, 1.01, -0.0001, 35.6])
      refuses(createRule('Indicator'), indicator(bad), 'properties.share', /a fraction from 0 to 1/);
  });

  it('every float is finite', () => {
    const floats = LABELS.flatMap((l) =>
      Object.entries(LABEL_PROPERTIES[l]).filter(([, kind]) => kind === 'float'),
    );
    expect(floats.map(([name]) => name)).toEqual(expect.arrayContaining(['value', 'share']));
    for (const [name, kind] of floats) {
      const rule = propertyRule(name, kind);
      for (const bad of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])
        expect(check(rule, bad).ok, `${name} ${bad}`).toBe(false);
    }
    expect(check(propertyRule('value', 'float'), 1.2e12).ok).toBe(true);
  });
});

describe('pairs of properties', () => {
  it('pair every …Date with its …Year, derived from the names in the ontology', () => {
    expect(DATE_YEAR_PAIRS).toEqual(
      expect.arrayContaining([
        ['approvedDate', 'approvedYear'],
        ['date', 'year'],
      ]),
    );
    const properties = {
      ...RELATIONSHIP_PROPERTIES,
      ...Object.assign({}, ...LABELS.map((l) => LABEL_PROPERTIES[l])),
    };
    for (const [date, year] of DATE_YEAR_PAIRS) {
      expect(properties[date]).toBe('date');
      expect(properties[year]).toBe('int');
    }
    // Each ordered pair is held together by some label or by relationships.
    for (const [start, end] of ORDERED_PAIRS)
      expect(
        [...LABELS.map((l) => LABEL_PROPERTIES[l]), RELATIONSHIP_PROPERTIES].some(
          (kinds) => start in kinds && end in kinds,
        ),
        `${start} ${end}`,
      ).toBe(true);
  });

  it('a zone is approved as national no earlier than it was established', () => {
    refuses(
      createRule('Zone'),
      company({ properties: { approvedYear: 1950, establishedYear: 2020 } }),
      'properties.approvedYear',
      /must not be before establishedYear \(2020\); got 1950/,
    );
    refuses(
      createRule('Zone'),
      company({ properties: { approvedDate: '1950-05', establishedYear: 2020 } }),
      'properties.approvedDate',
      /must not be before establishedYear \(2020\)/,
    );
    expect(node('Zone', { properties: { approvedYear: 2020, establishedYear: 2020 } }).success).toBe(true);
    expect(node('Zone', { properties: { approvedYear: 1991, establishedYear: 1988 } }).success).toBe(true);
  });

  it('a date and its year agree when both are given', () => {
    refuses(
      createRule('Zone'),
      company({ properties: { approvedYear: 1991, approvedDate: '2020-01-01' } }),
      'properties.approvedDate',
      /must be in approvedYear \(1991\); got 2020-01-01/,
    );
    for (const label of ['Program', 'Policy', 'Designation', 'Event'] as const)
      refuses(
        createRule(label),
        company({ properties: { year: 1991, date: '1992' } }),
        'properties.date',
        /must be in year \(1991\)/,
      );
    expect(node('Zone', { properties: { approvedYear: 1991, approvedDate: '1991-03-06' } }).success).toBe(
      true,
    );
    const link = {
      from: { label: 'Zone', key: 'a' },
      to: { label: 'Designation', key: 'b' },
      evidence: { source: 's' },
    };
    refuses(
      linkRule,
      { ...link, properties: { year: 2010, date: '2011-01' } },
      'properties.date',
      /year \(2010\)/,
    );
    expect(check(linkRule, { ...link, properties: { since: 2010, date: '2011-01' } }).ok).toBe(true);
  });

  it('an event ending before the year of its date is refused', () => {
    refuses(
      createRule('Event'),
      company({ properties: { date: '1992-05', endYear: 1991 } }),
      'properties.endYear',
      /must not be before date \(1992-05\); got 1991/,
    );
  });

  it('updates check what the input alone shows; the writer checks the entity as it will be', () => {
    refuses(
      updateRule('Zone'),
      { key: 'z', properties: { approvedYear: 1991, approvedDate: '2020' } },
      'properties.approvedDate',
      /approvedYear/,
    );
    expect(check(updateRule('Zone'), { key: 'z', properties: { approvedDate: '2020' } }).ok).toBe(true);
    expect(
      check(updateRule('Zone'), { key: 'z', properties: { approvedYear: null, approvedDate: '2020' } }).ok,
    ).toBe(true);
    expect(orderProblems({ approvedYear: 1991, approvedDate: '2020', establishedYear: 1995 })).toEqual([
      { path: 'approvedYear', message: 'must not be before establishedYear (1995); got 1991' },
      { path: 'approvedDate', message: 'must be in approvedYear (1991); got 2020' },
    ]);
  });
});

describe('the seeded data', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const curated = readdirSync(join(ROOT, 'data', 'curated'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(ROOT, 'data', 'curated', name), 'utf8')) as FactDocument);
  const documents: [string, FactDocument][] = [
    ...curated.map((doc, i) => [`curated ${i}`, doc] as [string, FactDocument]),
    ['reference tables', readReferenceTables()],
  ];

  it.each(documents)('%s pass the curation rules, node by node and relation by relation', (_name, doc) => {
    expect(doc.nodes.length + doc.relations.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const { label, ...fact } of doc.nodes) {
      if (!isLabel(label)) continue;
      const found = problems(createRule(label), { properties: {}, ...fact, evidence: fact.evidence ?? [] });
      if (found.length) failures.push(`${label}:${fact.key} ${JSON.stringify(found)}`);
    }
    for (const rel of doc.relations) {
      const found = problems(linkRule, {
        from: parseNodeRef(rel.from),
        to: parseNodeRef(rel.to),
        properties: rel.properties ?? {},
        evidence: rel.evidence,
      });
      if (found.length) failures.push(`${rel.type} ${rel.from} ${rel.to} ${JSON.stringify(found)}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('SEARCH_MAX_LENGTH and SEARCH_MAX_TERMS', () => {
  it('default to 200 characters and 16 words, and can be set', () => {
    expect(loadConfig({}).limits).toMatchObject({ searchMaxLength: 200, searchMaxTerms: 16 });
    expect(loadConfig({ SEARCH_MAX_LENGTH: '500', SEARCH_MAX_TERMS: '32' }).limits).toMatchObject({
      searchMaxLength: 500,
      searchMaxTerms: 32,
    });
  });

  it('refuse values that would let Lucene fail, naming the variable', () => {
    expect(() => loadConfig({ SEARCH_MAX_TERMS: '1000' })).toThrow(/SEARCH_MAX_TERMS="1000"/);
    expect(() => loadConfig({ SEARCH_MAX_LENGTH: '0' })).toThrow(/SEARCH_MAX_LENGTH="0"/);
    expect(() => loadConfig({ SEARCH_MAX_LENGTH: '1000000' })).toThrow(/SEARCH_MAX_LENGTH/);
  });
});
