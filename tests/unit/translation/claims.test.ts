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
  it('seeks the keys first, then looks for a former key only for those not found (one query of the former keys’ full-text index)', async () => {
    const { store, statements } = recordingStore();
    await store.byKeys('Place', ['shenzhen']);
    expect(statements.map((s) => s.cypher)).toEqual([
      'UNWIND $param0 AS parentKey MATCH (this0:Place { key: parentKey }) RETURN this0 { .* } AS node',
      cypher(`CALL db.index.fulltext.queryNodes('entity_former_key_terms', $term) YIELD node AS n
              WITH n WHERE $key IN n.formerKeys AND ($label IS NULL OR $label IN labels(n))
              RETURN n {.*} AS node, labels(n) AS labels ORDER BY n.key LIMIT 2`),
    ]);
    expect(statements[1]?.params).toEqual({ term: '"shenzhen"', key: 'shenzhen', label: 'Place' });
  });
});
