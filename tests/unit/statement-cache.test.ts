/**
 * Compiled list statements are kept by their inputs: asking the same list again sends the same text and
 * parameters without compiling, and any difference in the inputs (a filter value, a cursor, the
 * selection) is a different statement.
 */
import { describe, expect, it } from 'vitest';
import { EntityStore } from '../../src/graph/entity-store.ts';
import { StatementCache } from '../../src/graph/statement-cache.ts';

describe('StatementCache', () => {
  it('compiles once per key and lets the least recently used entry go first', () => {
    const cache = new StatementCache<string>(2);
    let compiled = 0;
    const get = (key: string) => cache.get(key, () => `${key}#${++compiled}`);
    expect(get('a')).toBe('a#1');
    expect(get('b')).toBe('b#2');
    expect(get('a')).toBe('a#1'); // a is now the most recent
    expect(get('c')).toBe('c#3'); // b goes
    expect(cache.size).toBe(2);
    expect(get('a')).toBe('a#1');
    expect(get('b')).toBe('b#4');
  });

  it('keeps nothing for a compile that throws', () => {
    const cache = new StatementCache<string>(2);
    expect(() =>
      cache.get('bad', () => {
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(cache.size).toBe(0);
  });
});

describe('EntityStore.list with cached statements', () => {
  const sent: { cypher: string; params: Record<string, unknown> }[] = [];
  const store = new EntityStore({
    read: async (cypher: string, params: Record<string, unknown>) => {
      sent.push({ cypher, params });
      return [{ node: { key: 'a', name: 'A' }, sortValue: 'a' }];
    },
  } as never);
  const list = (year: number) =>
    store.list({
      label: 'Zone',
      where: { approvedYear: { gte: year } },
      orderBy: { field: 'key', direction: 'ASC' },
      page: { first: 2 },
      maxPageSize: 100,
    });

  it('sends the same statement for the same inputs, and reads each answer afresh', async () => {
    const first = await list(1991);
    const again = await list(1991);
    expect(sent[1]).toEqual(sent[0]);
    expect(again.edges[0]?.node).toEqual(first.edges[0]?.node);
    expect(again.edges[0]?.node).not.toBe(first.edges[0]?.node);
  });

  it('sends other parameters for other values', async () => {
    await list(2001);
    const last = sent.at(-1);
    expect(last?.cypher).toBe(sent[0]?.cypher);
    expect(Object.values(last?.params ?? {})).toContain(2001);
    expect(Object.values(sent[0]?.params ?? {})).toContain(1991);
  });
});

describe('EntityStore.byKeys with cached statements', () => {
  it('sends one text per label with the keys as its parameter, and answers in the order of the keys', async () => {
    const sent: { cypher: string; params: Record<string, unknown> }[] = [];
    const store = new EntityStore({
      read: async (cypher: string, params: Record<string, unknown>) => {
        const [keys] = Object.values(params);
        // The look-up of a key a node gave up (lookup.ts) finds nothing here.
        if (!Array.isArray(keys)) return [];
        sent.push({ cypher, params });
        return keys.filter((k) => k !== 'missing').map((key) => ({ node: { key, name: key } }));
      },
    } as never);
    const first = await store.byKeys('Company', ['huawei', 'missing']);
    const second = await store.byKeys('Company', ['lenovo']);
    await store.byKeys('Zone', ['shenzhen']);
    expect(first.map((r) => r?.key ?? null)).toEqual(['huawei', null]);
    expect(second.map((r) => r?.key)).toEqual(['lenovo']);
    expect(sent[1]?.cypher).toBe(sent[0]?.cypher);
    expect(sent[0]?.cypher).toContain(':Company');
    expect(sent[2]?.cypher).toContain(':Zone');
    expect(sent.map((s) => Object.values(s.params))).toEqual([
      [['huawei', 'missing']],
      [['lenovo']],
      [['shenzhen']],
    ]);
  });
});
