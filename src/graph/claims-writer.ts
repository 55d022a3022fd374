/**
 * Writes nodes' claims (claims.ts) as STATED_IN relationships to their Sources, one per node,
 * property, value and source. `headline` marks the claims whose value the node's property holds.
 */
import type { Tx } from '../neo4j/executor.ts';
import type { NodeFact } from './facts.ts';
import { CLAIM_RELATIONSHIP, cypherName, type Label } from './ontology.ts';

function claimsQuery(label: Label): string {
  return `
UNWIND $rows AS row
MATCH (n:${cypherName(label)} {key: row.key})
MATCH (s:Source {key: row.source})
OPTIONAL MATCH (n)-[old:${cypherName(CLAIM_RELATIONSHIP)} {property: row.property, value: row.value}]->(s)
WITH n, s, row, old IS NULL AS isNew,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS isChanged
MERGE (n)-[c:${cypherName(CLAIM_RELATIONSHIP)} {property: row.property, value: row.value}]->(s)
SET c += row.props
// a claim's kind is its Source's: a kind written on the claim by an earlier version goes
REMOVE c.kind
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created, sum(CASE WHEN isChanged THEN 1 ELSE 0 END) AS updated`;
}

/** One row per claim of the nodes: its node's key, its Source's, and the properties stored on it. */
export function claimRows(nodes: Pick<NodeFact, 'key' | 'claims' | 'properties'>[]) {
  return nodes.flatMap((node) =>
    (node.claims ?? []).map((c) => ({
      key: node.key,
      source: c.source,
      property: c.property,
      value: c.value,
      props: Object.fromEntries(
        Object.entries({
          quote: c.quote ?? '',
          paragraph: c.paragraph,
          basis: c.basis,
          note: c.note,
          headline: node.properties?.[c.property] === c.value,
        }).filter(([, v]) => v !== undefined),
      ),
    })),
  );
}

/** Writes the claims of nodes of one label (the nodes and Sources must exist); counts them. */
export async function writeClaims(
  tx: Tx,
  label: Label,
  nodes: Pick<NodeFact, 'key' | 'claims' | 'properties'>[],
): Promise<{ created: number; updated: number; total: number }> {
  const rows = claimRows(nodes);
  if (rows.length === 0) return { created: 0, updated: 0, total: 0 };
  const [counts] = await tx.run(claimsQuery(label), { rows });
  return { created: Number(counts?.created ?? 0), updated: Number(counts?.updated ?? 0), total: rows.length };
}

/**
 * After an editor sets properties of a node: each claim of those properties is the headline exactly
 * when its value is the one the property now holds; a property removed, or set to a value no source
 * states, leaves no claim headline (docs/ontology.md, "Sources that disagree").
 */
export async function refreshHeadlines(
  tx: Tx,
  label: Label,
  key: string,
  properties: string[],
): Promise<void> {
  if (properties.length === 0) return;
  await tx.run(
    `MATCH (n:${cypherName(label)} {key: $key})-[c:${cypherName(CLAIM_RELATIONSHIP)}]->(:Source)
     WHERE c.property IN $properties
     SET c.headline = coalesce(n[c.property] = c.value, false)`,
    { key, properties },
  );
}
