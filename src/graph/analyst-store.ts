/**
 * The analyst's questions: the neighbourhood of an entity (breadth-first, bounded), the shortest paths
 * between two, the timeline of dated facts, and "as of year Y" validity. Only domain relationships are
 * walked (never SOURCED_FROM, which would join everything through its sources).
 */
import type { Executor } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import {
  cypherName,
  DOMAIN_LABELS,
  isLabel,
  type Label,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from './ontology.ts';
import type { EntityRecord } from './records.ts';
import { projection } from './relation-page.ts';

export interface GraphRelation {
  /** Stable: type and the two ends' label:key. */
  id: string;
  type: RelationshipType;
  from: EntityRecord;
  to: EntityRecord;
  statements: Record<string, Plain>[];
}

export interface Subgraph {
  nodes: EntityRecord[];
  edges: GraphRelation[];
  truncated: boolean;
}

export interface GraphPath {
  length: number;
  nodes: EntityRecord[];
  edges: GraphRelation[];
}

export class AnalystInputError extends Error {
  override name = 'AnalystInputError';
}

const REL_TYPES_PATTERN = RELATIONSHIP_TYPES.map((t) => cypherName(t)).join('|');

/** `CALL { … }` binding `variable` to the domain node with this key, one index seek per label. */
function byKeyAnyLabel(variable: string, key: string): string {
  const branches = DOMAIN_LABELS.map(
    (l) => `MATCH (${variable}:${cypherName(l)} {key: ${key}}) RETURN ${variable}`,
  );
  return `CALL () { ${branches.join(' UNION ALL ')} }`;
}

/** The year a node came into being, where it has one (approval, founding, issue, event). */
const NODE_YEAR = (v: string) => `coalesce(${v}.approvedYear, ${v}.foundedYear, ${v}.year)`;

/** Cypher conditions that a node and a relationship held in year $asOf (no dates: held). */
export function asOfConditions(node: string, rel: string): string {
  return `($asOf IS NULL OR (
    (${NODE_YEAR(node)} IS NULL OR ${NODE_YEAR(node)} <= $asOf)
    AND (${rel}.since IS NULL OR ${rel}.since <= $asOf)
    AND (${rel}.until IS NULL OR ${rel}.until > $asOf)
    AND (${rel}.year IS NULL OR ${rel}.year <= $asOf)))`;
}

function record(node: Record<string, Plain>, labels: Plain): EntityRecord {
  const label = (labels as string[]).find(isLabel);
  if (!label) throw new Error('node without a label of the ontology');
  return { ...node, __label: label, key: String(node.key) };
}

const ref = (e: EntityRecord) => `${e.__label}:${e.key}`;

export function relationId(type: string, from: EntityRecord, to: EntityRecord): string {
  return `${type}:${ref(from)}->${ref(to)}`;
}

export function validateTypes(types: readonly string[] | null | undefined): RelationshipType[] {
  if (!types?.length) return [...RELATIONSHIP_TYPES];
  const unknown = types.filter((t) => !(RELATIONSHIP_TYPES as readonly string[]).includes(t));
  if (unknown.length) {
    throw new AnalystInputError(
      `Unknown relation type ${unknown.join(', ')}; the types are ${RELATIONSHIP_TYPES.join(', ')}.`,
    );
  }
  return types as RelationshipType[];
}

export interface NeighborhoodArgs {
  key: string;
  label?: Label;
  depth: number;
  types?: readonly string[] | null;
  labels?: readonly Label[] | null;
  limit: number;
  asOf?: number | null;
  /** What the query reads: the nodes' properties, and whether the edges' statements; default all. */
  select?: SubgraphSelection;
}

export interface SubgraphSelection {
  properties: string[] | 'all';
  statements: boolean;
}

/** Rows of one level in the order that decides which nodes a truncated neighbourhood keeps. */
function byTypeThenKey(a: Record<string, Plain>, b: Record<string, Plain>): number {
  const [ta, tb] = [String(a.type), String(b.type)];
  if (ta !== tb) return ta < tb ? -1 : 1;
  const [ka, kb] = [String((a.m as Record<string, Plain>).key), String((b.m as Record<string, Plain>).key)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export class AnalystStore {
  constructor(private readonly executor: Executor) {}

  /** The entity with this key (any label, or the given one); an error naming the key when none. */
  private async start(key: string, label?: Label): Promise<{ id: string; node: EntityRecord }> {
    // One index seek per label (a key is unique per label, not across labels).
    const lookup = label ? `MATCH (n:${cypherName(label)} {key: $key})` : byKeyAnyLabel('n', '$key');
    const rows = await this.executor.read(
      `${lookup} RETURN elementId(n) AS id, n {.*} AS node, labels(n) AS labels LIMIT 1`,
      { key },
    );
    const row = rows[0];
    if (!row) throw new AnalystInputError(`No entity has the key "${key}".`);
    return { id: String(row.id), node: record(row.node as Record<string, Plain>, row.labels ?? []) };
  }

  /**
   * Breadth-first, one statement per level: each level's frontier is expanded at once, so a depth-3
   * neighbourhood costs three round trips. Stops adding nodes at `limit` and says so (truncated).
   */
  async neighborhood(args: NeighborhoodArgs): Promise<Subgraph> {
    if (!Number.isInteger(args.depth) || args.depth < 1 || args.depth > 3) {
      throw new AnalystInputError(`depth must be 1, 2 or 3; got ${args.depth}`);
    }
    if (args.limit < 1 || args.limit > 2000)
      throw new AnalystInputError(`limit must be between 1 and 2000; got ${args.limit}`);
    const types = validateTypes(args.types);
    const select = args.select ?? { properties: 'all', statements: true };
    const labels = args.labels ?? [];
    const asOf = args.asOf ?? null;
    const params = { types, labels, asOf, cap: args.limit * 20 };
    // Only the conditions that can be false: each costs a test on every row.
    const conditions = [
      ...(types.length < RELATIONSHIP_TYPES.length ? ['type(r) IN $types'] : []),
      ...(labels.length ? ['any(l IN labels(m) WHERE l IN $labels)'] : []),
      ...(asOf !== null ? [asOfConditions('m', 'r')] : []),
    ];
    const expand = `(n)-[r:${REL_TYPES_PATTERN}]-(m)${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
    const nodeSelection = { properties: select.properties, relations: [] };
    // Only what the query reads, in compact rows: reading every property of ~1,000 rows and three
    // element ids per row was most of the statement's time. Nodes are told apart by label and key;
    // element ids are read only for the nodes a further level expands.
    const columns = (expandsFurther: boolean) =>
      [
        `${projection('Entity', 'm', nodeSelection)} AS m`,
        'labels(m) AS mLabels',
        ...(expandsFurther ? ['elementId(m) AS mid'] : []),
        'startNode(r) = n AS outgoing',
        'type(r) AS type',
        `${select.statements ? 'r {.*, type: type(r)}' : 'null'} AS statement`,
      ].join(', ');
    const lookup = args.label
      ? `MATCH (n:${cypherName(args.label)} {key: $key})`
      : byKeyAnyLabel('n', '$key');
    const levelStatement = (level: number, ordered: boolean) => {
      // Sorting every row in Neo4j only matters when the cap cuts rows off; otherwise it is done here.
      const order = ordered ? 'ORDER BY type, m.key LIMIT $cap' : 'LIMIT $cap + 1';
      const expandsFurther = level < args.depth;
      return level === 1
        ? `${lookup} WITH n LIMIT 1
           OPTIONAL MATCH ${expand}
           RETURN ${projection('Entity', 'n', nodeSelection)} AS start, labels(n) AS startLabels,
                  ${columns(expandsFurther)}
           ${order}`
        : `UNWIND range(0, size($frontier) - 1) AS i
           MATCH (n) WHERE elementId(n) = $frontier[i]
           MATCH ${expand}
           RETURN i AS from, ${columns(expandsFurther)}
           ${order}`;
    };
    const nodes = new Map<string, EntityRecord>();
    const edges = new Map<string, GraphRelation>();
    // The nodes to expand next: their element ids (for the statement) and the nodes themselves.
    let frontier: { ids: string[]; nodes: EntityRecord[] } = { ids: [], nodes: [] };
    let truncated = false;

    for (let level = 1; level <= args.depth && (level === 1 || frontier.ids.length) && !truncated; level++) {
      // Level 1 finds the entity and its neighbours in one statement; each further level, one more.
      const levelParams = level === 1 ? { ...params, key: args.key } : { ...params, frontier: frontier.ids };
      let rows = await this.executor.read(levelStatement(level, false), levelParams);
      if (rows.length > params.cap) rows = await this.executor.read(levelStatement(level, true), levelParams);
      else if (rows[0]?.m !== null) rows.sort(byTypeThenKey);
      let start: EntityRecord | undefined;
      if (level === 1) {
        const first = rows[0];
        if (!first) throw new AnalystInputError(`No entity has the key "${args.key}".`);
        start = record(first.start as Record<string, Plain>, first.startLabels ?? []);
        nodes.set(ref(start), start);
      }
      const next: typeof frontier = { ids: [], nodes: [] };
      for (const row of rows) {
        if (row.m === null) continue; // the entity has no neighbour (level 1's OPTIONAL MATCH)
        const found = record(row.m as Record<string, Plain>, row.mLabels ?? []);
        let m = nodes.get(ref(found));
        if (!m) {
          if (nodes.size >= args.limit) {
            truncated = true;
            continue;
          }
          m = found;
          nodes.set(ref(m), m);
          if (row.mid !== undefined) {
            next.ids.push(String(row.mid));
            next.nodes.push(m);
          }
        }
        const n = start ?? (frontier.nodes[Number(row.from)] as EntityRecord);
        const [from, to] = row.outgoing ? [n, m] : [m, n];
        const type = String(row.type);
        const statement = row.statement as Record<string, Plain> | null;
        const id = relationId(type, from, to);
        const edge = edges.get(id) ?? { id, type: type as RelationshipType, from, to, statements: [] };
        edges.set(id, edge);
        if (statement && !edge.statements.some((st) => st.sourceKey === statement.sourceKey))
          edge.statements.push(statement);
      }
      frontier = next;
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
  }

  /** Shortest paths first, up to `limit` distinct ones, each with its nodes and edges in path order. */
  async paths(fromKey: string, toKey: string, maxLength: number, limit: number): Promise<GraphPath[]> {
    if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 6) {
      throw new AnalystInputError(`maxLength must be between 1 and 6; got ${maxLength}`);
    }
    if (limit < 1 || limit > 20) throw new AnalystInputError(`limit must be between 1 and 20; got ${limit}`);
    // SHORTEST and the quantifier take literals only: both are checked integers (1–6, 4–80).
    const candidates = limit * 4;
    // One statement: both ends by key (an index seek per label), then the paths between them.
    const rows = await this.executor.read(
      `${byKeyAnyLabel('a', '$fromKey')} WITH a LIMIT 1
       ${byKeyAnyLabel('b', '$toKey')} WITH a, b LIMIT 1
       WITH a, b WHERE a <> b
       MATCH p = SHORTEST ${candidates} (a)-[:${REL_TYPES_PATTERN}]-{1,${maxLength}}(b)
       RETURN [n IN nodes(p) | {node: n {.*}, labels: labels(n), id: elementId(n)}] AS nodes,
              [r IN relationships(p) | {statement: r {.*, type: type(r)}, fromId: elementId(startNode(r))}] AS rels
       LIMIT $cap`,
      { fromKey, toKey, cap: candidates },
    );
    if (rows.length === 0) {
      // No path: say which key is unknown, or that the two keys are one entity, or that none connects them.
      const [from, to] = await Promise.all([this.start(fromKey), this.start(toKey)]);
      return from.id === to.id ? [{ length: 0, nodes: [from.node], edges: [] }] : [];
    }
    const seen = new Set<string>();
    const paths: GraphPath[] = [];
    for (const row of rows) {
      const pathNodes = (row.nodes as Record<string, Plain>[]).map((n) => ({
        id: String(n.id),
        node: record(n.node as Record<string, Plain>, n.labels ?? []),
      }));
      const byId = new Map(pathNodes.map((n) => [n.id, n.node]));
      const edges = (row.rels as Record<string, Plain>[]).map((r, i) => {
        const statement = r.statement as Record<string, Plain>;
        const a = pathNodes[i]?.node as EntityRecord;
        const b = pathNodes[i + 1]?.node as EntityRecord;
        const start = byId.get(String(r.fromId)) ?? a;
        const [f, t] = start === a ? [a, b] : [b, a];
        const type = String(statement.type);
        return {
          id: relationId(type, f, t),
          type: type as RelationshipType,
          from: f,
          to: t,
          statements: [statement],
        };
      });
      // Two sources of one hop give two database paths; to the analyst they are one.
      const signature = edges.map((e) => e.id).join('|');
      if (seen.has(signature)) continue;
      seen.add(signature);
      paths.push({ length: edges.length, nodes: pathNodes.map((n) => n.node), edges });
      if (paths.length === limit) break;
    }
    return paths.sort((x, y) => x.length - y.length);
  }
}
