/**
 * Writes a fact document into Neo4j: nodes, their evidence, relationships. Idempotent (MERGE on label +
 * key; relationships on type + ends + source), batched with UNWIND, and counted, so a caller can say
 * what was created, updated and left unchanged. Used by the seed and by `npm run import`.
 */

import type { Executor, Tx } from '../neo4j/executor.ts';
import { chunks, groupBy } from '../util/collections.ts';
import { writeClaims } from './claims-writer.ts';
import { ENTITY_LABEL } from './entity-keys.ts';
import type { FactDocument, NodeFact, RelationFact } from './facts.ts';
import { parseNodeRef } from './facts.ts';
import { cypherName, EVIDENCE_RELATIONSHIP, isLabel, type Label, type RelationshipType } from './ontology.ts';
import { searchProperties } from './search-text.ts';

/** What search derives from a node's names (search-text.ts), stored with it. */
export type SearchProperties = ReturnType<typeof searchProperties>;

export const BATCH_SIZE = 500;

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface LoadSummary {
  nodes: Tally;
  evidence: Tally;
  relations: Tally;
}

export interface LoadOptions {
  /** Called after each batch with how many items of how many are written. */
  onProgress?: (done: number, total: number) => void;
}

/** Reports `n` more items written, of the document's nodes and relations, to `options.onProgress`. */
export function progressOf(doc: FactDocument, options: LoadOptions): (n: number) => void {
  const total = doc.nodes.length + doc.relations.length;
  let done = 0;
  return (n) => {
    done += n;
    options.onProgress?.(done, total);
  };
}

const emptyTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

function addTally(into: Tally, row: Record<string, unknown>, total: number): void {
  const created = Number(row.created ?? 0);
  const updated = Number(row.updated ?? 0);
  into.created += created;
  into.updated += updated;
  into.unchanged += total - created - updated;
}

/**
 * Node properties as stored: flat, nulls dropped (Neo4j stores no nulls), with what search derives from
 * the names (`pinyin`, `searchNames`: search-text.ts).
 */
export function nodeProperties(
  node: NodeFact,
  search: SearchProperties = searchProperties(node),
): Record<string, unknown> {
  const props: Record<string, unknown> = {
    key: node.key,
    name: node.name,
    nameZh: node.nameZh,
    aliases: node.aliases,
    description: node.description,
    formerKeys: node.formerKeys,
    ...node.properties,
    ...search,
  };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined && v !== null));
}

// Labels and types below come from the ontology's lists (checked by cypherName); values are parameters.
function upsertNodesQuery(label: Label): string {
  return `
UNWIND $rows AS row
OPTIONAL MATCH (existing:${cypherName(label)} {key: row.key})
WITH row, existing IS NULL AS isNew,
     existing IS NOT NULL AND any(k IN keys(row.props) WHERE existing[k] IS NULL OR existing[k] <> row.props[k]) AS isChanged
MERGE (n:${cypherName(label)} {key: row.key})
SET n += row.props, n:${ENTITY_LABEL}
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created, sum(CASE WHEN isChanged THEN 1 ELSE 0 END) AS updated`;
}

function upsertEvidenceQuery(label: Label): string {
  return `
UNWIND $rows AS row
MATCH (n:${cypherName(label)} {key: row.key})
MATCH (s:Source {key: row.source})
OPTIONAL MATCH (n)-[old:${cypherName(EVIDENCE_RELATIONSHIP)} {quote: row.quote}]->(s)
WITH n, s, row, old IS NULL AS isNew,
     old IS NOT NULL AND (coalesce(old.paragraph, -1) <> coalesce(row.paragraph, -1) OR coalesce(old.note, '') <> coalesce(row.note, '')) AS isChanged
MERGE (n)-[e:${cypherName(EVIDENCE_RELATIONSHIP)} {quote: row.quote}]->(s)
SET e.paragraph = row.paragraph, e.note = row.note
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created, sum(CASE WHEN isChanged THEN 1 ELSE 0 END) AS updated`;
}

function upsertRelationsQuery(type: RelationshipType, from: Label, to: Label): string {
  return `
UNWIND $rows AS row
MATCH (a:${cypherName(from)} {key: row.from})
MATCH (b:${cypherName(to)} {key: row.to})
OPTIONAL MATCH (a)-[old:${cypherName(type)} {sourceKey: row.sourceKey}]->(b)
WITH a, b, row, old IS NULL AS isNew,
     old IS NOT NULL AND any(k IN keys(row.props) WHERE old[k] IS NULL OR old[k] <> row.props[k]) AS isChanged
MERGE (a)-[r:${cypherName(type)} {sourceKey: row.sourceKey}]->(b)
SET r += row.props
RETURN count(*) AS written, sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created, sum(CASE WHEN isChanged THEN 1 ELSE 0 END) AS updated`;
}

export function relationProperties(rel: RelationFact): Record<string, unknown> {
  const props: Record<string, unknown> = {
    ...rel.properties,
    quote: rel.evidence.quote ?? '',
    paragraph: rel.evidence.paragraph,
    evidenceNote: rel.evidence.note,
  };
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined && v !== null));
}

/** Writes nodes of one label and their evidence inside a transaction; adds to the tallies. */
export async function writeNodes(
  tx: Tx,
  label: Label,
  nodes: NodeFact[],
  summary: LoadSummary,
): Promise<void> {
  const rows = nodes.map((node) => ({ key: node.key, props: nodeProperties(node) }));
  const [nodeCounts] = await tx.run(upsertNodesQuery(label), { rows });
  addTally(summary.nodes, nodeCounts ?? {}, rows.length);
  await writeEvidence(tx, label, nodes, summary);
  // Claims are evidence for one property's value: counted with the evidence.
  const claims = await writeClaims(tx, label, nodes);
  addTally(summary.evidence, claims, claims.total);
}

/** Adds the nodes' evidence (SOURCED_FROM edges to their Sources); the nodes must exist. */
export async function writeEvidence(
  tx: Tx,
  label: Label,
  nodes: Pick<NodeFact, 'key' | 'evidence'>[],
  summary: LoadSummary,
): Promise<void> {
  const evidence = nodes.flatMap((node) =>
    node.evidence.map((e) => ({
      key: node.key,
      source: e.source,
      quote: e.quote ?? '',
      paragraph: e.paragraph ?? null,
      note: e.note ?? null,
    })),
  );
  if (evidence.length) {
    const [evidenceCounts] = await tx.run(upsertEvidenceQuery(label), { rows: evidence });
    addTally(summary.evidence, evidenceCounts ?? {}, evidence.length);
  }
}

/** Writes relationships of one shape (type, from label, to label) inside a transaction. */
export async function writeRelations(
  tx: Tx,
  shape: { type: RelationshipType; from: Label; to: Label },
  relations: RelationFact[],
  summary: LoadSummary,
): Promise<void> {
  const rows = relations.map((rel) => ({
    from: parseNodeRef(rel.from).key,
    to: parseNodeRef(rel.to).key,
    sourceKey: rel.evidence.source,
    props: relationProperties(rel),
  }));
  const [counts] = await tx.run(upsertRelationsQuery(shape.type, shape.from, shape.to), { rows });
  const written = Number(counts?.written ?? 0);
  if (written !== rows.length) {
    throw new Error(
      `${shape.type} ${shape.from}→${shape.to}: ${rows.length - written} relationship(s) lost an end node`,
    );
  }
  addTally(summary.relations, counts ?? {}, rows.length);
}

/** The summary as the command-line tools print it: a line each for nodes, evidence and relations. */
export function describeSummary(summary: LoadSummary): string {
  return (['nodes', 'evidence', 'relations'] as const)
    .map((part) => {
      const t = summary[part];
      const column = (n: number) => String(n).padStart(6);
      return `${part.padEnd(10)} ${column(t.created)} created ${column(t.updated)} updated ${column(t.unchanged)} unchanged`;
    })
    .join('\n');
}

export function emptySummary(): LoadSummary {
  return { nodes: emptyTally(), evidence: emptyTally(), relations: emptyTally() };
}

/**
 * Writes the document. Nodes (with their evidence) go first, then relationships; each batch is one
 * transaction, so an interrupted load leaves whole batches and a rerun completes it.
 */
export async function loadFacts(
  executor: Pick<Executor, 'writeTx'>,
  doc: FactDocument,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const summary = emptySummary();
  const progress = progressOf(doc, options);

  // Sources first: evidence edges point at them.
  const byLabel = [...groupBy(doc.nodes, (n) => n.label)].sort(([a], [b]) =>
    a === 'Source' ? -1 : b === 'Source' ? 1 : a.localeCompare(b),
  );
  for (const [label, nodes] of byLabel) {
    for (const batch of chunks(nodes, BATCH_SIZE)) {
      await executor.writeTx((tx) => writeNodes(tx, label as Label, batch, summary));
      progress(batch.length);
    }
  }

  const byShape = groupBy(
    doc.relations,
    (r) => `${r.type}|${parseNodeRef(r.from).label}|${parseNodeRef(r.to).label}`,
  );
  for (const [shapeId, relations] of byShape) {
    const [type, from, to] = shapeId.split('|') as [RelationshipType, Label, Label];
    for (const batch of chunks(relations, BATCH_SIZE)) {
      await executor.writeTx((tx) => writeRelations(tx, { type, from, to }, batch, summary));
      progress(batch.length);
    }
  }
  return summary;
}

/** The `Label:key` references (relation ends, evidence and claim sources) to nodes not in the document. */
export function referencesOutside(doc: FactDocument): Set<string> {
  const inDocument = new Set(doc.nodes.map((n) => `${n.label}:${n.key}`));
  const wanted = new Set<string>();
  for (const rel of doc.relations) {
    for (const ref of [rel.from, rel.to]) if (!inDocument.has(ref)) wanted.add(ref);
  }
  for (const node of doc.nodes) {
    for (const e of [...node.evidence, ...(node.claims ?? [])])
      if (!inDocument.has(`Source:${e.source}`)) wanted.add(`Source:${e.source}`);
  }
  for (const rel of doc.relations) {
    if (!inDocument.has(`Source:${rel.evidence.source}`)) wanted.add(`Source:${rel.evidence.source}`);
  }
  return wanted;
}

/**
 * The "Label:key" references a document makes that neither it nor the database holds. Checked before
 * anything is written, so a load never stops half-way for a missing node.
 */
export async function missingReferences(
  executor: Pick<Executor, 'read'>,
  doc: FactDocument,
): Promise<string[]> {
  const wanted = referencesOutside(doc);
  if (wanted.size === 0) return [];
  const missing: string[] = [];
  // One statement per label, so that each lookup is a seek on that label's key index.
  for (const [label, refs] of groupBy([...wanted].map(parseNodeRef), (ref) => ref.label)) {
    if (!isLabel(label)) {
      missing.push(...refs.map((ref) => `${ref.label}:${ref.key}`));
      continue;
    }
    const rows = await executor.read(
      `UNWIND $keys AS key
       OPTIONAL MATCH (n:${cypherName(label)} {key: key})
       WITH key, n WHERE n IS NULL
       RETURN key`,
      { keys: refs.map((ref) => ref.key) },
    );
    missing.push(...rows.map((r) => `${label}:${r.key}`));
  }
  return missing.sort();
}
