/**
 * What in the database stops a document's keys from naming one node each (docs/ontology.md, "One key,
 * one entity"): a node's key held by a node of another label, and a former key another node holds
 * (as a former key, or as the key of a node of the same label). The node itself, already stored, is
 * no conflict.
 */
import type { Executor } from '../neo4j/executor.ts';
import { ENTITY_LABEL } from './entity-keys.ts';
import type { FactDocument } from './facts.ts';
import { LABELS } from './ontology.ts';

export interface KeyConflict {
  /** The index of the node in the document. */
  node: number;
  kind: 'key' | 'former' | 'former-as-key';
  key: string;
  /** "Label:key" of the node in the database that holds it. */
  holder: string;
}

export async function keyConflicts(
  executor: Pick<Executor, 'read'>,
  doc: FactDocument,
): Promise<KeyConflict[]> {
  if (doc.nodes.length === 0) return [];
  const nodes = doc.nodes.map((n, i) => ({ i, label: n.label, key: n.key }));
  const keyRows = await executor.read(
    `UNWIND $nodes AS f
     MATCH (m:${ENTITY_LABEL} {key: f.key}) WHERE NOT f.label IN labels(m)
     RETURN f.i AS node, f.key AS key, [l IN labels(m) WHERE l IN $labels][0] + ':' + m.key AS holder`,
    { nodes, labels: LABELS },
  );
  const withFormer = doc.nodes
    .map((n, i) => ({ i, label: n.label, key: n.key, formerKeys: n.formerKeys ?? [] }))
    .filter((n) => n.formerKeys.length > 0);
  // A scan of the Entity label per former key: files rarely carry former keys.
  const formerRows =
    withFormer.length === 0
      ? []
      : await executor.read(
          `UNWIND $nodes AS f UNWIND f.formerKeys AS k
           MATCH (m:${ENTITY_LABEL})
           WHERE (k IN m.formerKeys OR (m.key = k AND f.label IN labels(m)))
             AND NOT (m.key = f.key AND f.label IN labels(m))
           RETURN f.i AS node, k AS key, m.key = k AS asKey,
                  [l IN labels(m) WHERE l IN $labels][0] + ':' + m.key AS holder`,
          { nodes: withFormer, labels: LABELS },
        );
  return [
    ...keyRows.map((r) => ({
      node: Number(r.node),
      kind: 'key' as const,
      key: String(r.key),
      holder: String(r.holder),
    })),
    ...formerRows.map((r) => ({
      node: Number(r.node),
      kind: r.asKey ? ('former-as-key' as const) : ('former' as const),
      key: String(r.key),
      holder: String(r.holder),
    })),
  ];
}
