/** Lookup by key (src/graph/lookup.ts): the Cypher it writes, without a database. */
import { describe, expect, it } from 'vitest';
import { matchByKey } from '../../src/graph/lookup.ts';

describe('matchByKey', () => {
  it('seeks one label by its key index when the label is known, then its former keys', () => {
    const cypher = matchByKey('n', '$key', 'Zone');
    expect(cypher).toContain('OPTIONAL MATCH (current:`Zone` {key: $key})');
    expect(cypher).toContain('MATCH (former:`Zone`) WHERE current IS NULL AND $key IN former.formerKeys');
  });

  it('seeks the Entity key constraint, one index for every label, when the label is not known', () => {
    const cypher = matchByKey('a', '$fromKey');
    expect(cypher).toContain('OPTIONAL MATCH (current:Entity {key: $fromKey})');
    expect(cypher).not.toContain('UNION');
    expect(cypher).toMatch(/WITH coalesce\(current, former\) AS a WHERE a IS NOT NULL\s+RETURN a/);
  });

  it('takes only a variable and a parameter, never text that could be more Cypher', () => {
    expect(() => matchByKey('n) DETACH DELETE (n', '$key')).toThrow(/variable/);
    expect(() => matchByKey('n', "'zhongguancun'")).toThrow(/parameter/);
  });
});
