/**
 * One key names one node (docs/ontology.md, "One key, one entity"), against the seeded Neo4j: a former
 * key held by two nodes is refused by the import's checks, by the look-up and by `check:data --graph`;
 * a key another label holds is a problem line of the import, not Neo4j's constraint message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, parseJsonFacts, storeKeyProblems } from '../../src/graph/import/index.ts';
import { keyConflicts } from '../../src/graph/key-conflicts.ts';
import { AmbiguousKeyError, byFormerKey, entitiesByKey, withCurrentKeys } from '../../src/graph/lookup.ts';
import { checkKeysUniqueAcrossLabels } from '../../src/graph/quality/model-checks.ts';
import type { StatementEvent } from '../../src/neo4j/executor.ts';
import { runCli } from '../support/cli.ts';
import { uniqueKey, useExecutor } from '../support/neo4j.ts';
import { planOperators } from '../support/plans.ts';

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

describe('an import that names a former key two nodes of one label gave up', () => {
  const twice = uniqueKey('atk-twice');
  const holders = [uniqueKey('atk-holder-a'), uniqueKey('atk-holder-b')].sort();
  afterAll(async () => {
    await executor.write('MATCH (n:Entity) WHERE n.key IN $keys DETACH DELETE n', { keys: holders });
  });

  it('is a problem of the file, in the import’s format, not a stack of an error', async () => {
    for (const key of holders) {
      await executor.write('CREATE (:Technology:Entity {key: $key, name: "T", formerKeys: [$old]})', {
        key,
        old: twice,
      });
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-ambiguous-'));
    const file = path.join(dir, 'f.json');
    writeFileSync(
      file,
      JSON.stringify({
        nodes: [],
        relations: [
          {
            type: 'SPECIALIZES_IN',
            from: 'IndustryCluster:zhongguancun-chip-design',
            to: `Technology:${twice}`,
            evidence: { source: 'hi-tech-zones-overview' },
          },
        ],
      }),
    );
    const run = await runCli('import', [file, '--dry-run']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `${file}: the file names "${twice}", a key more than one node of the database gave up (Technology:${holders[0]}, Technology:${holders[1]}), so it names none of them: use the current key of the one you mean\n` +
        `1 problem in ${file}; nothing was written.\n`,
    );
  });
});

describe('former keys are found without scanning every entity', () => {
  it('by key, with or without a label, and for an import’s references: an index scan of the few that have some', async () => {
    const statements: StatementEvent[] = [];
    const stop = executor.onStatement((event) => statements.push(event));
    try {
      expect((await byFormerKey(executor, 'shenzhen'))?.key).toBe('shenzhen-place');
      expect((await byFormerKey(executor, 'shenzhen', 'Place'))?.key).toBe('shenzhen-place');
      expect(await byFormerKey(executor, 'shenzhen', 'Zone')).toBeNull();
      const doc = await withCurrentKeys(executor, {
        nodes: [],
        relations: [
          { type: 'LOCATED_IN', from: 'Zone:zhongguancun', to: 'Place:shenzhen', evidence: { source: 's' } },
        ],
      });
      expect(doc.relations[0]?.to).toBe('Place:shenzhen-place');
    } finally {
      stop();
    }
    // One key: a query of the full-text index of former keys; an import's references: the holders,
    // read by the range index. Neither reads every entity.
    const byIndexQuery = statements.filter((s) => s.query.includes('entity_former_key_terms'));
    const holders = statements.filter((s) => s.query.includes('formerKeys IS NOT NULL'));
    expect(byIndexQuery).toHaveLength(3);
    expect(holders).toHaveLength(1);
    for (const statement of [...byIndexQuery, ...holders]) {
      const plan = await planOperators(executor, statement);
      expect(
        plan.filter((o) => /LabelScan|AllNodesScan/.test(o)),
        statement.query,
      ).toEqual([]);
    }
    expect(await planOperators(executor, holders[0]!)).toContain('NodeIndexScan');
  });

  it('a key with Lucene syntax in it, or a huge one, is just a key nobody had', async () => {
    for (const key of ['a"b\\c', 'x OR *', '*', 'shen*', `${'k'.repeat(5_000)}`]) {
      expect(await byFormerKey(executor, key), key).toBeNull();
    }
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
