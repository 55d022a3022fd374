import { describe, expect, it } from 'vitest';
import type { FactDocument } from '../../src/graph/facts.ts';
import { mergeFactDocuments } from '../../src/graph/merge-facts.ts';

const table: FactDocument = {
  nodes: [
    {
      label: 'Zone',
      key: 'zhongguancun',
      name: 'Zhongguancun Science Park',
      properties: { approvedYear: 1988 },
      evidence: [{ source: 'doc' }, { source: 'web-1', quote: 'row' }],
    },
  ],
  relations: [
    { type: 'LOCATED_IN', from: 'Zone:zhongguancun', to: 'Place:beijing', evidence: { source: 'doc' } },
    { type: 'LOCATED_IN', from: 'Zone:zhongguancun', to: 'Place:beijing', evidence: { source: 'web-1' } },
  ],
};
const curated: FactDocument = {
  nodes: [
    {
      label: 'Zone',
      key: 'zhongguancun',
      name: 'Beijing zone',
      aliases: ['Zhongguancun Science Park', '中关村'],
      properties: { approvedYear: 2000, kind: 'national' },
      evidence: [{ source: 'doc', quote: 'the first of such zones', paragraph: 3 }],
    },
  ],
  relations: [
    {
      type: 'LOCATED_IN',
      from: 'Zone:zhongguancun',
      to: 'Place:beijing',
      evidence: { source: 'doc', quote: 'in Beijing', paragraph: 4 },
    },
  ],
};

describe('mergeFactDocuments', () => {
  const merged = mergeFactDocuments(table, curated);
  const zone = merged.nodes[0];

  it('meets two descriptions of one node in one node, the first one’s values winning', () => {
    expect(merged.nodes).toHaveLength(1);
    expect(zone?.name).toBe('Zhongguancun Science Park');
    expect(zone?.properties).toEqual({ approvedYear: 1988, kind: 'national' });
  });

  it('unions aliases, without repeating the name', () => {
    expect(zone?.aliases).toEqual(['中关村']);
  });

  it('unions evidence, a quoted citation replacing an unquoted one of the same source', () => {
    expect(zone?.evidence).toEqual([
      { source: 'web-1', quote: 'row' },
      { source: 'doc', quote: 'the first of such zones', paragraph: 3 },
    ]);
  });

  it('keeps one statement per source, preferring the quoted one', () => {
    expect(merged.relations.map((r) => r.evidence)).toEqual([
      { source: 'doc', quote: 'in Beijing', paragraph: 4 },
      { source: 'web-1' },
    ]);
  });
});
