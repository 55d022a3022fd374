/**
 * Brings a store written before keys were unique across labels up to date, at every start (it does
 * nothing the second time): every node of the ontology gets the `Entity` label, and where a key names
 * nodes of several labels the rule of entity-keys.ts renames all but one, keeping the old key in
 * `formerKeys` (and a renamed Source's key in the `sourceKey` of the relations it states). Runs before
 * the constraints (cypher/schema), whose `Entity` key constraint would refuse the store otherwise.
 */
import type { Executor } from '../neo4j/executor.ts';
import { ENTITY_LABEL, resolveClash } from './entity-keys.ts';
import { isLabel, LABELS, type Label } from './ontology.ts';

export interface KeyMigration {
  /** Nodes that got the Entity label. */
  labelled: number;
  /** "Label:old → new" for each renamed node. */
  renamed: string[];
}

export async function migrateEntityKeys(executor: Pick<Executor, 'write' | 'read'>): Promise<KeyMigration> {
  if (await upToDate(executor)) return { labelled: 0, renamed: [] };
  // Clashes first, over every node of the ontology: the Entity constraint may already exist, and would
  // refuse the label on a node whose key another Entity holds.
  const clashes = await executor.read(
    `MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels)
     WITH n.key AS key, collect({id: elementId(n), labels: labels(n)}) AS nodes WHERE size(nodes) > 1
     RETURN key, nodes`,
    { labels: LABELS },
  );
  const renames: { id: string; key: string; former: string; ref: string; source: boolean }[] = [];
  for (const row of clashes) {
    const key = String(row.key);
    const nodes = (row.nodes as { id: string; labels: string[] }[]).map((n) => ({
      id: n.id,
      label: n.labels.find(isLabel) as Label,
    }));
    const { renames: next } = resolveClash(
      key,
      nodes.map((n) => n.label),
    );
    for (const node of nodes) {
      const newKey = next.get(node.label);
      if (newKey)
        renames.push({
          id: node.id,
          key: newKey,
          former: key,
          ref: `${node.label}:${key} → ${newKey}`,
          source: node.label === 'Source',
        });
    }
  }
  if (renames.length) {
    await executor.write(
      `UNWIND $renames AS r
       MATCH (n) WHERE elementId(n) = r.id
       SET n.key = r.key,
           n.formerKeys = CASE WHEN r.former IN coalesce(n.formerKeys, []) THEN n.formerKeys
                          ELSE coalesce(n.formerKeys, []) + r.former END`,
      { renames },
    );
    const sources = renames.filter((r) => r.source).map((r) => ({ from: r.former, to: r.key }));
    if (sources.length) {
      await executor.write(
        `UNWIND $sources AS s
         MATCH ()-[rel]->() WHERE rel.sourceKey = s.from
         SET rel.sourceKey = s.to`,
        { sources },
      );
    }
  }
  const [labelled] = await executor.write(
    `MATCH (n) WHERE NOT n:${ENTITY_LABEL} AND any(l IN labels(n) WHERE l IN $labels)
     SET n:${ENTITY_LABEL}
     RETURN count(n) AS labelled`,
    { labels: LABELS },
  );
  return { labelled: Number(labelled?.labelled ?? 0), renamed: renames.map((r) => r.ref) };
}

/**
 * Nothing to migrate, found without grouping every node by key (every start after the first): each
 * node of the ontology is an Entity, and the Entity key constraint exists, so no two share a key.
 */
async function upToDate(executor: Pick<Executor, 'read'>): Promise<boolean> {
  const [row] = await executor.read(
    `MATCH (n) WHERE NOT n:${ENTITY_LABEL} AND any(l IN labels(n) WHERE l IN $labels)
     RETURN count(n) AS unlabelled`,
    { labels: LABELS },
  );
  if (Number(row?.unlabelled ?? 0) > 0) return false;
  const constraints = await executor.read(
    `SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type
     WHERE labelsOrTypes = [$entity] AND properties = ['key'] AND type = 'UNIQUENESS'
     RETURN count(*) AS found`,
    { entity: ENTITY_LABEL },
  );
  return Number(constraints[0]?.found ?? 0) > 0;
}
