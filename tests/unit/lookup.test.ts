/** Lookup by key (src/graph/lookup.ts): the Cypher it writes, without a database. */
import { describe, expect, it } from 'vitest';
import { LOOKUP_LABELS, matchByKey } from '../../src/graph/lookup.ts';
import { LABELS } from '../../src/graph/ontology.ts';

describe('matchByKey', () => {
  it('seeks one label by its key index when the label is known', () => {
    expect(matchByKey('n', '$key', 'Zone')).toBe('MATCH (n:`Zone` {key: $key})');
  });

  it('asks every label of the ontology, in its order with Source last, when it is not', () => {
    expect(LOOKUP_LABELS).toEqual(LABELS);
    expect(LOOKUP_LABELS.at(-1)).toBe('Source');
    const cypher = matchByKey('a', '$fromKey');
    expect(cypher).toBe(
      `CALL () { ${LABELS.map((l) => `MATCH (a:\`${l}\` {key: $fromKey}) RETURN a`).join(' UNION ALL ')} }`,
    );
  });

  it('takes only a variable and a parameter, never text that could be more Cypher', () => {
    expect(() => matchByKey('n) DETACH DELETE (n', '$key')).toThrow(/variable/);
    expect(() => matchByKey('n', "'zhongguancun'")).toThrow(/parameter/);
  });
});
