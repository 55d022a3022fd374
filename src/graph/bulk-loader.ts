/**
 * Writes a fact document into an EMPTY database, fast: `npm run import -- --bulk` and the first seed.
 *
 * The online path (loader.ts) MERGEs every node and relationship on its key, one statement per label
 * and per relationship shape, so that a load is idempotent and can say what changed. Into an empty
 * database nothing can match, so this path CREATEs instead: two statements for any document (nodes
 * with a dynamic label; every relationship — evidence, claims, relations — with a dynamic type),
 * planned once each, in batches of BULK_BATCH rows, all in one transaction when the document fits one
 * batch; relationships find their ends by the element ids the node batches returned, not by an index
 * seek. The graph is the same as the online path's (the same properties, by the same functions; the
 * same identities, which validation keeps unique), which a test compares. The caller applies the graph
 * schema: the seed before the load (on an empty store it is built at once, and the constraints cost
 * its 736 nodes nothing measurable), the import after it (building an index over many loaded nodes is
 * cheaper than maintaining it per write).
 */
import type { Executor, Row } from '../neo4j/executor.ts';
import { chunks } from '../util/collections.ts';
import { claimRows } from './claims-writer.ts';
import { assertFormerKeysNameOne, ENTITY_LABEL } from './entity-keys.ts';
import type { FactDocument, NodeFact } from './facts.ts';
import {
  emptySummary,
  type LoadOptions,
  type LoadSummary,
  nodeProperties,
  progressOf,
  relationProperties,
  type SearchProperties,
} from './loader.ts';
import { evidenceIdentity, nodeIdentity, relationIdentity } from './merge-facts.ts';
import {
  CLAIM_RELATIONSHIP,
  cypherName,
  EVIDENCE_RELATIONSHIP,
  RELATIONSHIP_PROPERTIES,
} from './ontology.ts';

export const BULK_BATCH = 10_000;

export class NotEmptyError extends Error {
  override name = 'NotEmptyError';
}

/** A label or type as a value for $(…): checked against the ontology (cypherName throws), unquoted. */
const known = <T extends Parameters<typeof cypherName>[0]>(name: T): T => {
  cypherName(name);
  return name;
};

// Every node is an Entity too: the label whose key constraint makes keys unique across labels.
const CREATE_NODES = `UNWIND $rows AS row
CREATE (n:$(row.label):${ENTITY_LABEL}) SET n = row.props
RETURN collect(elementId(n)) AS ids`;
/**
 * Every relationship — evidence (SOURCED_FROM), claims (STATED_IN) and relations — by one statement,
 * planned once. Properties are written inline in CREATE, not by `SET r = map`: with a dynamic type, SET
 * makes the planner put an Eager (every row held before any is written) into the plan. A row's absent
 * values are null, and CREATE stores no null, as SET does not. Names are the ontology's (code, not input).
 */
const RELATIONSHIP_PROPERTY_NAMES = [
  ...new Set([
    // evidence
    'quote',
    'paragraph',
    'note',
    // claims (claims-writer.ts)
    'property',
    'value',
    'basis',
    'headline',
    // relations
    'sourceKey',
    'evidenceNote',
    ...Object.keys(RELATIONSHIP_PROPERTIES),
  ]),
];
// The type and every property come from the $rows parameter (the keys checked by relationshipRow).
const CREATE_RELATIONSHIPS = `UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props`;

/** A relationship's row: its ends, its type and its stored properties, all of them ones the statement writes. */
function relationshipRow(
  a: string,
  b: string,
  type: Parameters<typeof cypherName>[0],
  props: Record<string, unknown>,
) {
  for (const name of Object.keys(props))
    if (!RELATIONSHIP_PROPERTY_NAMES.includes(name))
      throw new Error(`bulk load: relationship property ${name} is not one the bulk path writes`);
  return { a, b, type: known(type), props };
}

/** Throws NotEmptyError unless the database holds no node at all. */
export async function assertEmpty(executor: Pick<Executor, 'read'>): Promise<void> {
  const [row] = await executor.read('MATCH (n) RETURN count(n) AS nodes');
  const nodes = Number(row?.nodes ?? 0);
  if (nodes > 0) {
    throw new NotEmptyError(
      `--bulk loads into an empty database only, and this one holds ${nodes} nodes. ` +
        'Import without --bulk (it merges into what is there), or point at an empty database.',
    );
  }
}

/** True when the database holds no node at all. */
export async function isEmptyDatabase(executor: Pick<Executor, 'read'>): Promise<boolean> {
  const [row] = await executor.read('MATCH (n) RETURN count(n) AS nodes');
  return Number(row?.nodes ?? 0) === 0;
}

/** A second item with the identity of an earlier one: validation refuses these, so this is a bug. */
function assertUnique(ids: string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`bulk load: ${what} ${id} twice; validate the document first`);
    seen.add(id);
  }
}

export interface BulkOptions extends LoadOptions {
  batchSize?: number;
  /** A node's search properties when they were computed before (the seed's, data/generated). */
  searchOf?: (node: NodeFact) => SearchProperties;
}

/** Runs one statement: in the load's one transaction, or in one of its own. */
type Run = (query: string, params: Record<string, unknown>) => Promise<Row[]>;

/**
 * Creates the document's nodes, evidence and relationships; every reference must be to a node of the
 * document (the database is empty). Returns the same summary as the online path (all created).
 * A document that fits one batch (the seed) is written in one transaction: four statements, one commit.
 */
export async function bulkLoadFacts(
  executor: Pick<Executor, 'write' | 'writeTx'>,
  doc: FactDocument,
  options: BulkOptions = {},
): Promise<LoadSummary> {
  const batch = options.batchSize ?? BULK_BATCH;
  assertUnique(doc.nodes.map(nodeIdentity), 'node');
  assertUnique(doc.relations.map(relationIdentity), 'relation');
  assertFormerKeysNameOne(doc.nodes);
  for (const node of doc.nodes)
    assertUnique(node.evidence.map(evidenceIdentity), `evidence of ${nodeIdentity(node)}`);
  const evidenceCount = doc.nodes.reduce((sum, node) => sum + node.evidence.length, 0);
  if (Math.max(doc.nodes.length, doc.relations.length, evidenceCount) <= batch)
    return executor.writeTx((tx) => createAll((query, params) => tx.run(query, params), doc, batch, options));
  return createAll((query, params) => executor.write(query, params), doc, batch, options);
}

async function createAll(
  run: Run,
  doc: FactDocument,
  batch: number,
  options: BulkOptions,
): Promise<LoadSummary> {
  const summary = emptySummary();
  const progress = progressOf(doc, options);

  const idOf = new Map<string, string>();
  for (const rows of chunks(doc.nodes, batch)) {
    const [created] = await run(CREATE_NODES, {
      rows: rows.map((node) => ({
        label: known(node.label),
        props: nodeProperties(node, options.searchOf?.(node)),
      })),
    });
    const ids = (created?.ids ?? []) as string[];
    for (const [i, node] of rows.entries()) idOf.set(nodeIdentity(node), ids[i] as string);
    summary.nodes.created += rows.length;
    progress(rows.length);
  }
  const elementId = (ref: string) => {
    const id = idOf.get(ref);
    if (id === undefined) throw new Error(`bulk load: ${ref} is not a node of the document`);
    return id;
  };

  const evidence = doc.nodes.flatMap((node) =>
    node.evidence.map((e) =>
      relationshipRow(elementId(nodeIdentity(node)), elementId(`Source:${e.source}`), EVIDENCE_RELATIONSHIP, {
        // As the online path stores it: no quote is an empty one; no paragraph or note, no property.
        quote: e.quote ?? '',
        paragraph: e.paragraph ?? null,
        note: e.note ?? null,
      }),
    ),
  );
  // Claims (sourced values of one property, claims.ts): the rows the online path MERGEs, created.
  const claims = claimedRows(doc, elementId);
  const relations = doc.relations.map((rel) =>
    // A reference "Label:key" is the node's identity.
    relationshipRow(elementId(rel.from), elementId(rel.to), rel.type, {
      sourceKey: rel.evidence.source,
      ...relationProperties(rel),
    }),
  );
  for (const rows of chunks([...evidence, ...claims, ...relations], batch)) {
    await run(CREATE_RELATIONSHIPS, { rows });
    const relationCount = rows.filter(
      (row) => row.type !== EVIDENCE_RELATIONSHIP && row.type !== CLAIM_RELATIONSHIP,
    ).length;
    summary.evidence.created += rows.length - relationCount;
    summary.relations.created += relationCount;
    progress(relationCount);
  }
  return summary;
}

/**
 * The claims' rows. Two claims of one node, property, value and source are one relationship on the
 * online path (MERGE, then each row's properties set in turn): merged here alike.
 */
function claimedRows(doc: FactDocument, elementId: (ref: string) => string) {
  const rows = new Map<string, ReturnType<typeof relationshipRow>>();
  for (const node of doc.nodes) {
    if (!node.claims?.length) continue;
    for (const claim of claimRows([node])) {
      const a = elementId(nodeIdentity(node));
      const b = elementId(`Source:${claim.source}`);
      const id = JSON.stringify([a, claim.property, claim.value, b]);
      const props = { ...rows.get(id)?.props, property: claim.property, value: claim.value, ...claim.props };
      rows.set(id, relationshipRow(a, b, CLAIM_RELATIONSHIP, props));
    }
  }
  return [...rows.values()];
}
