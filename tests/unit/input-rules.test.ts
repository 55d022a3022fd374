/** The rules of curation input, derived from the ontology; and the search limits' variables. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import {
  check,
  createRule,
  INPUT_LIMITS,
  keyProblem,
  lastYear,
  linkRule,
  MAX_PROBLEMS,
  propertyRule,
} from '../../src/graph/input-rules.ts';
import {
  LABEL_PROPERTIES,
  LABELS,
  type PropertyKind,
  RELATIONSHIP_PROPERTIES,
} from '../../src/graph/ontology.ts';

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
    const years = all.filter(([, kind]) => kind === 'int').map(([name]) => name);
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
