/**
 * A page as a connection (src/schema/entity.ts `toConnection`): pageInfo's cursors are those of the
 * first and last edges, encoded only when read — a nested list that reads no pageInfo encodes none.
 */
import { describe, expect, it } from 'vitest';
import type { Edge, Page } from '../../src/graph/paging.ts';
import { toRecord } from '../../src/graph/records.ts';
import { toConnection } from '../../src/schema/entity.ts';

function pageOf(keys: string[], reads: string[]): Page {
  const edges: Edge[] = keys.map((key) => ({
    node: toRecord('Zone', { key }),
    statements: [],
    get cursor() {
      reads.push(key);
      return `cursor-${key}`;
    },
  }));
  return { edges, hasNextPage: true, hasPreviousPage: false };
}

describe('a page as a connection', () => {
  it('reads no cursor until pageInfo’s cursors are read, then the first and last edges’', () => {
    const reads: string[] = [];
    const connection = toConnection(pageOf(['a', 'b', 'c'], reads), async () => 3);
    expect(connection.edges.map((e) => e.node.key)).toEqual(['a', 'b', 'c']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(connection.pageInfo.hasPreviousPage).toBe(false);
    expect(reads).toEqual([]);
    expect(connection.pageInfo.startCursor).toBe('cursor-a');
    expect(connection.pageInfo.endCursor).toBe('cursor-c');
    expect(reads).toEqual(['a', 'c']);
  });

  it('has null cursors for an empty page', () => {
    const connection = toConnection(pageOf([], []), async () => 0);
    expect(connection.pageInfo).toMatchObject({ startCursor: null, endCursor: null, hasNextPage: true });
  });
});
