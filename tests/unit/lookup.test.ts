/** Lookup by key (src/graph/lookup.ts): the Cypher it writes, without a database. */
import { describe, expect, it } from 'vitest';
import { matchByKey } from '../../src/graph/lookup.ts';

describe('matchByKey', () => {
  it('seeks one label by its key index when the label is known', () => {
    expect(matchByKey('n', '$key', 'Zone')).toBe('MATCH (n:`Zone` {key: $key})');
  });

  it('seeks the Entity key constraint, one index for every label, when it is not (no UNION of labels)', () => {
    expect(matchByKey('a', '$fromKey')).toBe('MATCH (a:Entity {key: $fromKey})');
  });

  it('takes only a variable and a parameter, never text that could be more Cypher', () => {
    expect(() => matchByKey('n) DETACH DELETE (n', '$key')).toThrow(/variable/);
    expect(() => matchByKey('n', "'zhongguancun'")).toThrow(/parameter/);
  });
});
