/** Keys unique across labels (src/graph/entity-keys.ts) and the headline rule of claims (claims.ts), without Neo4j. */
import { describe, expect, it } from 'vitest';
import { applyHeadlines, headlineValue } from '../../src/graph/claims.ts';
import {
  assertFormerKeysNameOne,
  formerKeyClashes,
  labelSuffix,
  resolveClash,
  uniqueKeys,
  yieldedKey,
} from '../../src/graph/entity-keys.ts';
import { DuplicateKeyError } from '../../src/graph/entity-writer.ts';
import type { Claim, FactDocument } from '../../src/graph/facts.ts';
import { formatProblem, parseImportFile } from '../../src/graph/import/index.ts';
import { keyProblem } from '../../src/graph/input-rules.ts';
import { seedFacts } from '../../src/graph/seed.ts';

const evidence = [{ source: 'doc' }];

describe('uniqueKeys', () => {
  it('lets the label first in the ontology keep a shared key; the others take <key>-<label> and keep the old key', () => {
    expect(resolveClash('shenzhen', ['Place', 'Zone'])).toEqual({
      keeps: 'Zone',
      renames: new Map([['Place', 'shenzhen-place']]),
    });
    expect(labelSuffix('IndustryCluster')).toBe('industry-cluster');
    const doc: FactDocument = {
      nodes: [
        { label: 'Source', key: 'doc', name: 'Doc', evidence: [] },
        { label: 'Zone', key: 'x', name: 'X zone', evidence },
        { label: 'Place', key: 'x', name: 'X city', evidence },
        { label: 'Place', key: 'p', name: 'P', evidence },
      ],
      relations: [
        { type: 'LOCATED_IN', from: 'Zone:x', to: 'Place:x', evidence: { source: 'doc' } },
        { type: 'PART_OF', from: 'Place:x', to: 'Place:p', evidence: { source: 'doc' } },
      ],
    };
    const { doc: unique, renamed } = uniqueKeys(doc);
    expect([...renamed]).toEqual([['Place:x', 'x-place']]);
    expect(unique.nodes.map((n) => `${n.label}:${n.key}:${n.formerKeys?.join('|') ?? ''}`)).toEqual([
      'Source:doc:',
      'Zone:x:',
      'Place:x-place:x',
      'Place:p:',
    ]);
    expect(unique.relations.map((r) => `${r.from}->${r.to}`)).toEqual([
      'Zone:x->Place:x-place',
      'Place:x-place->Place:p',
    ]);
  });

  it('leaves the seed with no key on two labels: 149 places and 2 indicators renamed', () => {
    const doc = seedFacts();
    const labels = new Map<string, number>();
    for (const n of doc.nodes) labels.set(n.key, (labels.get(n.key) ?? 0) + 1);
    expect([...labels.values()].filter((c) => c > 1)).toEqual([]);
    const renamed = doc.nodes.filter((n) => n.formerKeys?.length);
    expect(renamed.filter((n) => n.label === 'Place')).toHaveLength(149);
    expect(
      renamed
        .filter((n) => n.label === 'Indicator')
        .map((n) => n.key)
        .sort(),
    ).toEqual(['provincial-zones-elevated-2009-indicator', 'zones-approved-1991-1992-indicator']);
  });
});

describe('the headline of claims', () => {
  const claim = (value: number, source: string, basis?: string): Claim => ({
    property: 'approvedYear',
    value,
    source,
    ...(basis ? { basis } : {}),
  });

  it('prefers the more authoritative kind: official over press over encyclopedia over aggregator', () => {
    const kinds = new Map([
      ['daily', 'press'],
      ['wiki', 'encyclopedia'],
      ['mirror', 'aggregator'],
    ]);
    expect(
      headlineValue([claim(1991, 'daily'), claim(1992, 'mirror', 'reproduces the official reply')], kinds),
    ).toBe(1992);
    expect(headlineValue([claim(1991, 'wiki'), claim(1992, 'daily')], kinds)).toBe(1992);
    expect(headlineValue([claim(1991, 'wiki'), claim(1992, 'mirror')], kinds)).toBe(1991);
    // A Source without a kind is unknown: below an aggregator.
    expect(headlineValue([claim(1991, 'nobody'), claim(1992, 'mirror')], kinds)).toBe(1992);
  });

  it('then more sources, then the value held before, then the smallest', () => {
    const kinds = new Map([
      ['a', 'press'],
      ['b', 'press'],
      ['c', 'press'],
    ]);
    expect(headlineValue([claim(1988, 'a'), claim(1987, 'b'), claim(1987, 'c')], kinds)).toBe(1987);
    expect(headlineValue([claim(1988, 'a'), claim(1987, 'b')], kinds, 1988)).toBe(1988);
    expect(headlineValue([claim(1988, 'a'), claim(1987, 'b')], kinds)).toBe(1987);
  });

  it('sets the property to the headline when the facts are read', () => {
    const doc = applyHeadlines({
      nodes: [
        { label: 'Source', key: 'gov', name: 'Gov', properties: { kind: 'official' }, evidence: [] },
        { label: 'Source', key: 'news', name: 'News', properties: { kind: 'press' }, evidence: [] },
        {
          label: 'Zone',
          key: 'z',
          name: 'Z',
          properties: { approvedYear: 1991 },
          evidence: [{ source: 'gov' }],
          claims: [claim(1991, 'news'), claim(1992, 'gov')],
        },
      ],
      relations: [],
    });
    expect(doc.nodes[2]?.properties?.approvedYear).toBe(1992);
  });
});

describe('a former key names one node', () => {
  const two: FactDocument = {
    nodes: [
      { label: 'Technology', key: 'atk-new-a', name: 'A', formerKeys: ['atk-old-key'], evidence },
      { label: 'Company', key: 'atk-new-b', name: 'B', formerKeys: ['atk-old-key'], evidence },
    ],
    relations: [],
  };

  it('uniqueKeys and the bulk loader refuse a former key two nodes hold', async () => {
    expect(() => uniqueKeys(two)).toThrow(
      'A former key must name one node: the former key "atk-old-key" is held by Technology:atk-new-a and Company:atk-new-b',
    );
    expect(() => assertFormerKeysNameOne(two.nodes)).toThrow(/atk-old-key/);
    // The rename of a shared slug is no clash: the zone keeps `x`, the place gave it up.
    expect(
      formerKeyClashes([
        { label: 'Zone', key: 'x', name: 'X', evidence },
        { label: 'Place', key: 'x-place', name: 'X', formerKeys: ['x'], evidence },
      ]),
    ).toEqual([]);
    expect(
      formerKeyClashes([
        { label: 'Place', key: 'x', name: 'X', evidence },
        { label: 'Place', key: 'y', name: 'Y', formerKeys: ['x'], evidence },
      ]),
    ).toEqual(['the former key "x" of Place:y is the key of Place:x']);
  });

  it('is an import problem line at the second node (file check, either format)', () => {
    const parsed = parseImportFile(JSON.stringify(two, null, 1), 'json');
    expect(parsed.problems.map((p) => formatProblem('f.json', p))).toEqual([
      expect.stringMatching(
        /^f\.json:\d+: nodes\[0\]\.formerKeys\[0\]: the former key "atk-old-key" is already a former key of Company:atk-new-b in the file/,
      ),
      expect.stringMatching(
        /^f\.json:\d+: nodes\[1\]\.formerKeys\[0\]: the former key "atk-old-key" is already a former key of Technology:atk-new-a in the file/,
      ),
    ]);
  });
});

describe('the renamed key of a long key', () => {
  it('stays a valid key of at most 100 characters, unique for two long keys with one beginning', () => {
    const long = 'b'.repeat(100);
    const { doc } = uniqueKeys({
      nodes: [
        { label: 'Zone', key: long, name: 'Z', evidence },
        { label: 'Place', key: long, name: 'P', evidence },
        { label: 'Zone', key: `${'b'.repeat(99)}c`, name: 'Z2', evidence },
        { label: 'Place', key: `${'b'.repeat(99)}c`, name: 'P2', evidence },
      ],
      relations: [],
    });
    const places = doc.nodes.filter((n) => n.label === 'Place');
    for (const place of places) {
      expect(keyProblem(place.key)).toBeNull();
      expect(place.key).toMatch(/-place$/);
    }
    expect(places[0]?.formerKeys).toEqual([long]);
    expect(new Set(places.map((p) => p.key)).size).toBe(2);
    expect(yieldedKey('IndustryCluster', 'a'.repeat(100))).toHaveLength(100);
    expect(yieldedKey('Place', 'shenzhen')).toBe('shenzhen-place');
  });

  it('is what DuplicateKeyError suggests (createZone(key: "a"×100) while a Place holds it)', () => {
    const message = new DuplicateKeyError('Zone', 'a'.repeat(100), 'Place').message;
    const suggested = /such as "([^"]+)"/.exec(message)?.[1] ?? '';
    expect(keyProblem(suggested)).toBeNull();
    expect(suggested).toBe(yieldedKey('Zone', 'a'.repeat(100)));
  });
});
