/**
 * One key names one node (docs/ontology.md, "One key, one entity"), against the seeded Neo4j: a former
 * key held by two nodes is refused by the import's checks, by the look-up and by `check:data --graph`;
 * a key another label holds is a problem line of the import, not Neo4j's constraint message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, parseJsonFacts, storeKeyProblems } from '../../src/graph/import/index.ts';
import { keyConflicts } from '../../src/graph/key-conflicts.ts';
import { AmbiguousKeyError, byFormerKey, entitiesByKey } from '../../src/graph/lookup.ts';
import { checkKeysUniqueAcrossLabels } from '../../src/graph/quality/model-checks.ts';
import { uniqueKey, useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const oldKey = uniqueKey('atk-old-key');
const techKey = uniqueKey('atk-new-a');
const companyKey = uniqueKey('atk-new-b');

afterAll(async () => {
  await executor.write('MATCH (n:Entity) WHERE n.key IN $keys DETACH DELETE n', {
    keys: [techKey, companyKey],
  });
});

describe('a former key held by two nodes', () => {
  it('is refused by the import against a store where one node already gave it up', async () => {
    await executor.write('CREATE (:Technology:Entity {key: $key, name: "A", formerKeys: [$old]})', {
      key: techKey,
      old: oldKey,
    });
    const parsed = parseJsonFacts(
      JSON.stringify({
        nodes: [
          { label: 'Company', key: companyKey, name: 'B', formerKeys: [oldKey], evidence: [{ source: 's' }] },
        ],
        relations: [],
      }),
    );
    const problems = storeKeyProblems(parsed, await keyConflicts(executor, parsed.document));
    expect(problems.map((p) => formatProblem('f.json', p))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^f\\.json:1: nodes\\[0\\]\\.formerKeys\\[0\\]: the former key "${oldKey}" is already a former key of Technology:${techKey} in the database`,
        ),
      ),
    ]);
  });

  it('is an error for entity(key), not a pick, when a store holds it anyway; check:data --graph fails on it', async () => {
    await executor.write('CREATE (:Company:Entity {key: $key, name: "B", formerKeys: [$old]})', {
      key: companyKey,
      old: oldKey,
    });
    await expect(entitiesByKey(executor, oldKey)).rejects.toThrow(AmbiguousKeyError);
    await expect(byFormerKey(executor, oldKey)).rejects.toThrow(
      `The key "${oldKey}" is a former key of more than one node (Technology:${techKey}, Company:${companyKey})`,
    );
    // With a label, the former key names one node of that label.
    expect((await byFormerKey(executor, oldKey, 'Company'))?.key).toBe(companyKey);
    const check = await checkKeysUniqueAcrossLabels(executor);
    expect(check.problems).toContainEqual(expect.stringContaining(`former key "${oldKey}" names`));
  });
});

describe('a key another label holds in the database', () => {
  it('is a problem line at the node (the Zone zhongguancun exists; a Place zhongguancun is refused)', async () => {
    const parsed = parseJsonFacts(
      `{"nodes": [\n  {"label": "Place", "key": "zhongguancun", "name": "Z", "evidence": [{"source": "s"}]}\n], "relations": []}`,
    );
    const problems = storeKeyProblems(parsed, await keyConflicts(executor, parsed.document));
    expect(problems.map((p) => formatProblem('f.json', p))).toEqual([
      'f.json:2: nodes[0].key: the key "zhongguancun" is already held by Zone:zhongguancun in the database, and keys are unique across labels: choose another key (the rule for a shared slug is <key>-<label>, docs/ontology.md)',
    ]);
  });
});
