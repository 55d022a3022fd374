/**
 * One lookup by key for every caller (src/graph/lookup.ts), and one neighbourhood walk for the analyst
 * and the export (walkNeighbourhood).
 */
import { describe, expect, it } from 'vitest';
import { AnalystStore } from '../../src/graph/analyst-store.ts';
import { neighbourhood, nodesWithKey } from '../../src/graph/export.ts';
import { entitiesByKey } from '../../src/graph/lookup.ts';
import { LABELS } from '../../src/graph/ontology.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();

describe('entitiesByKey', () => {
  it('finds the one entity of a key (unique across labels), and a renamed one by its former key with its label', async () => {
    const found = await entitiesByKey(executor, 'anshan');
    expect(found.map((e) => `${e.__label}:${e.key}`)).toEqual(['Zone:anshan']);
    expect(found[0]?.name).toEqual(expect.any(String));
    expect(await nodesWithKey(executor, 'anshan')).toEqual([{ label: 'Zone', key: 'anshan' }]);
    expect((await entitiesByKey(executor, 'anshan-place')).map((e) => e.__label)).toEqual(['Place']);
    expect(await entitiesByKey(executor, 'no-such-key-lookup')).toEqual([]);
  });

  it('finds Sources too, for the export and for the analyst tools alike', async () => {
    const [row] = await executor.read(
      `MATCH (s:Source) WHERE NOT any(l IN $domain WHERE EXISTS { MATCH (x {key: s.key}) WHERE l IN labels(x) })
       RETURN s.key AS key ORDER BY s.key LIMIT 1`,
      { domain: LABELS.filter((l) => l !== 'Source') },
    );
    const key = String(row?.key);
    expect((await entitiesByKey(executor, key)).map((e) => e.__label)).toEqual(['Source']);
    const around = await new AnalystStore(executor).neighborhood({ key, depth: 1, limit: 10 });
    expect(around.nodes.map((n) => `${n.__label}:${n.key}`)).toEqual([`Source:${key}`]);
  });
});

describe('the export neighbourhood', () => {
  it('is every node within depth domain relations (the analyst walk, uncut), with the Sources cited', async () => {
    for (const depth of [1, 2, 3]) {
      const selection = await neighbourhood(executor, { label: 'Zone', key: 'zhongguancun' }, depth);
      if (selection.kind !== 'nodes') throw new Error('a neighbourhood is a selection of nodes');
      const [reference] = await executor.read(
        `MATCH (s:Zone {key: 'zhongguancun'})-[rs*0..${depth}]-(x)
         WHERE all(r IN rs WHERE NOT type(r) IN ['SOURCED_FROM', 'STATED_IN'])
         RETURN collect(DISTINCT [l IN labels(x) WHERE l IN $labels][0] + ':' + x.key) AS ids`,
        { labels: [...LABELS] },
      );
      const members = [...selection.members].flatMap(([label, keys]) =>
        label === 'Source' ? [] : [...keys].map((key) => `${label}:${key}`),
      );
      expect(new Set(members), `depth ${depth}`).toEqual(new Set(reference?.ids as string[]));
      expect(selection.members.get('Source')?.size, `depth ${depth}`).toBeGreaterThan(0);
    }
  });
});
