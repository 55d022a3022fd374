/**
 * The statement that reads claims (`claims(property:)` on every entity: src/graph/entity-store.ts),
 * pinned as a snapshot like every read statement; and the byKeys fallback to former keys, which must
 * be asked only for the keys the seek did not find.
 */
import { describe, expect, it } from 'vitest';
import { cypher, recordingStore } from './support.ts';

describe('claims', () => {
  it('reads the STATED_IN claims of a batch of nodes, headline first, the kind the Source’s (never the claim’s), with its basis', async () => {
    const { store, statements } = recordingStore();
    await store.claims('Zone', ['shenzhen', 'taiyuan']);
    expect(statements).toMatchSnapshot();
    expect(statements[0]?.cypher).toContain("kind: coalesce(this2.kind, 'unknown'), basis: this1.basis");
  });
});

describe('byKeys and former keys', () => {
  it('seeks the keys first, then looks for a former key only for those not found (by the formerKeys index)', async () => {
    const { store, statements } = recordingStore();
    await store.byKeys('Place', ['shenzhen']);
    expect(statements.map((s) => s.cypher)).toEqual([
      'UNWIND $param0 AS parentKey MATCH (this0:Place { key: parentKey }) RETURN this0 { .* } AS node',
      cypher(`MATCH (n:Entity) WHERE n.formerKeys IS NOT NULL AND $key IN n.formerKeys
                AND ($label IS NULL OR $label IN labels(n))
              RETURN n {.*} AS node, labels(n) AS labels ORDER BY n.key LIMIT 2`),
    ]);
    expect(statements[1]?.params).toEqual({ key: 'shenzhen', label: 'Place' });
  });
});
