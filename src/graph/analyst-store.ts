/**
 * The analyst's questions: the neighbourhood of an entity (breadth-first, bounded), the shortest paths
 * between two, the timeline of dated facts, and "as of year Y" validity. Only domain relationships are
 * walked (never SOURCED_FROM, which would join everything through its sources). The neighbourhood
 * walk (walkNeighbourhood) is also what `npm run export --key` writes, uncut (export.ts).
 */
import type { CypherLimits } from '../neo4j/analyst-limits.ts';
import type { CypherAnswer } from '../neo4j/analyst-runner.ts';
import type { Executor } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import { byFormerKey, matchByKey } from './lookup.ts';
import {
  cypherName,
  isLabel,
  LABELS,
  type Label,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from './ontology.ts';
import { type EntityRecord, labelOf, toRecord } from './records.ts';
import { type NodeSelection, projection, targetValuesText } from './relation-page.ts';

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

/** No node has the key now: the caller may still find the node that had it (lookup.ts, byFormerKey). */
class UnknownKeyError extends AnalystInputError {
  constructor(key: string) {
    super(`No entity has the key "${key}".`);
  }
}

const REL_TYPES_PATTERN = RELATIONSHIP_TYPES.map((t) => cypherName(t)).join('|');

/** The year a node came into being, where it has one (approval, founding, issue, event). */
const NODE_YEAR = (v: string) => `coalesce(${v}.approvedYear, ${v}.foundedYear, ${v}.year)`;

/**
 * Labels whose nodes begin in a year (approval, founding, issue, launch, event, measurement): as of a
 * year, one whose year is unknown is left out, since nothing says it existed then. The others (places,
 * organisations, technologies, clusters, designations) are timeless; when a zone held a designation
 * is the relationship's `since`/`until`.
 */
export const DATED_LABELS: readonly Label[] = ['Zone', 'Company', 'Policy', 'Program', 'Event', 'Indicator'];

/**
 * Relationship types that begin in a year (a status held from then on): as of a year, a statement of
 * one with neither `since` nor `year` is left out, like an undated entity of a dated label (Changsha's
 * DESIGNATED_AS changzhutan-nidz, approved by 2014, does not hold as of 1991).
 */
export const DATED_RELATIONSHIP_TYPES: readonly RelationshipType[] = ['DESIGNATED_AS'];

/**
 * Cypher conditions that a node and a relationship held in year $asOf: a dated node's year at most
 * $asOf (an undated one of a dated label is left out), the relationship's since/until/year around it
 * (an undated one of a dated type is left out).
 */
export function asOfConditions(node: string, rel: string): string {
  const dated = DATED_LABELS.map((l) => `${node}:${cypherName(l)}`).join(' OR ');
  const datedTypes = DATED_RELATIONSHIP_TYPES.map((t) => `'${t}'`).join(', ');
  return `($asOf IS NULL OR (
    (${NODE_YEAR(node)} <= $asOf OR (${NODE_YEAR(node)} IS NULL AND NOT (${dated})))
    AND NOT (type(${rel}) IN [${datedTypes}] AND ${rel}.since IS NULL AND ${rel}.year IS NULL)
    AND (${rel}.since IS NULL OR ${rel}.since <= $asOf)
    AND (${rel}.until IS NULL OR ${rel}.until > $asOf)
    AND (${rel}.year IS NULL OR ${rel}.year <= $asOf)))`;
}

/** A node's map as read, made the record (in place) of whichever label of the ontology it has. */
const record = (node: Plain, labels: Plain): EntityRecord =>
  toRecord(labelOf(labels ?? []), node as Record<string, Plain>);

const ref = (e: EntityRecord) => `${e.__label}:${e.key}`;

export function relationId(type: string, from: EntityRecord, to: EntityRecord): string {
  return `${type}:${ref(from)}->${ref(to)}`;
}

/** An edge of a neighbourhood read whole: its id is made only when a query asks for it. */
class NeighbourhoodRelation implements GraphRelation {
  constructor(
    readonly type: RelationshipType,
    readonly from: EntityRecord,
    readonly to: EntityRecord,
    readonly statements: Record<string, Plain>[],
  ) {}

  get id(): string {
    return relationId(this.type, this.from, this.to);
  }
}

/** A relation's statements, one per source (the first met of each). */
function onePerSource(statements: Record<string, Plain>[]): Record<string, Plain>[] {
  if (statements.length < 2) return statements;
  const seen = new Set<Plain | undefined>();
  const kept: Record<string, Plain>[] = [];
  for (const statement of statements) {
    if (seen.has(statement.sourceKey)) continue;
    seen.add(statement.sourceKey);
    kept.push(statement);
  }
  return kept;
}

/**
 * `[l IN labels(node) WHERE l IN ['Company', …]][0]`: a node's label of the ontology, picked in Neo4j.
 * The list is the ontology's own label names (fixed, never input), written into the text rather than
 * sent: a parameter would be packed on every request.
 */
const ONTOLOGY_LABEL_OF_NODE = `[l IN labels(node) WHERE l IN [${LABELS.map((l) => `'${l}'`).join(', ')}]][0]`;

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
  /** At most this many nodes (1–2000); then `truncated`. */
  limit: number;
  asOf?: number | null;
  /** What the query reads: the nodes' properties, and whether the edges' statements; default all. */
  select?: SubgraphSelection;
}

/** The walk itself takes `limit: null` for the whole neighbourhood, however large (the export's). */
export type NeighbourhoodWalk = Omit<NeighborhoodArgs, 'limit'> & { limit: number | null };

export interface SubgraphSelection {
  properties: string[] | 'all';
  statements: boolean;
}

/** The nodes a next level expands: their element ids (for the statement) and the nodes. */
interface Frontier {
  ids: string[];
  nodes: EntityRecord[];
}

/** A neighbour m of an expanded node, and the relation between them. */
interface Neighbour {
  /** m's selected properties, as read. */
  node: Record<string, Plain>;
  labels: Plain;
  /** The relation starts at the expanded node. */
  outgoing: boolean;
  type: string;
  statement: Record<string, Plain> | null;
  /** m's element id, where a further level expands m. */
  mid?: string;
  /** The expanded node, or its index in the frontier. */
  from?: EntityRecord | number;
}

/** A neighbour as the statements send it: a list, cheaper to send and read than a map. */
function neighbour(
  readNode: (value: Plain) => Record<string, Plain>,
  value: Plain,
  from?: EntityRecord | number,
): Neighbour {
  const [node, labels, outgoing, type, statement, mid] = value as Plain[];
  return {
    node: readNode(node ?? null),
    labels: labels ?? [],
    outgoing: outgoing === true,
    type: String(type),
    statement: (statement ?? null) as Record<string, Plain> | null,
    ...(mid === undefined || mid === null ? {} : { mid: String(mid) }),
    ...(from === undefined ? {} : { from }),
  };
}

/** Rows in the order that decides which nodes a truncated neighbourhood keeps: type, then key. */
function byTypeThenKey(a: Neighbour, b: Neighbour): number {
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  const [ka, kb] = [String(a.node.key), String(b.node.key)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The Cypher of a neighbourhood: only the conditions that can fail, only the columns selected. */
class NeighborhoodStatements {
  /** `cap`: the rows a level may have before it is read sorted and cut; null, no cap. */
  readonly params: {
    types: RelationshipType[];
    labels: readonly Label[];
    asOf: number | null;
    cap: number | null;
  };
  /**
   * The parameters the statements use: the driver packs and sends every one given (the 13 relation
   * types of an unfiltered walk took the neighbourhood's statement past one 1,400-byte Bolt chunk).
   */
  readonly sent: Record<string, unknown>;
  private readonly lookup: string;
  private readonly conditions: string;
  private readonly nodeSelection: NodeSelection;
  /**
   * A neighbour's selected properties as a list, and how to read it: the rows of a neighbourhood are
   * hundreds, and a map's property names are decoded per row.
   */
  readonly neighbourValues: ReturnType<typeof targetValuesText>;
  /** The same, of the nodes of the statement of two levels (`node`). */
  readonly reachedValues: ReturnType<typeof targetValuesText>;
  /** Cuts a level's rows at the cap plus one (to tell that it was cut); nothing without a cap. */
  private readonly cut: string;

  constructor(private readonly args: NeighbourhoodWalk) {
    const types = validateTypes(args.types);
    const labels = args.labels ?? [];
    const asOf = args.asOf ?? null;
    this.params = { types, labels, asOf, cap: args.limit === null ? null : args.limit * 20 };
    this.sent = {
      ...(types.length < RELATIONSHIP_TYPES.length ? { types } : {}),
      ...(labels.length ? { labels } : {}),
      ...(asOf !== null ? { asOf } : {}),
      ...(this.params.cap !== null ? { cap: this.params.cap } : {}),
    };
    this.cut = args.limit === null ? '' : ' LIMIT $cap + 1';
    // Each condition costs a test on every row: only those that can be false.
    const conditions = [
      ...(types.length < RELATIONSHIP_TYPES.length ? ['type(r) IN $types'] : []),
      ...(labels.length ? ['any(l IN labels(m) WHERE l IN $labels)'] : []),
      ...(asOf !== null ? [asOfConditions('m', 'r')] : []),
    ];
    this.conditions = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    this.lookup = matchByKey('n', '$key', args.label);
    this.nodeSelection = { properties: args.select?.properties ?? 'all', relations: [] };
    this.neighbourValues = targetValuesText('Entity', 'm', this.nodeSelection);
    this.reachedValues = targetValuesText('Entity', 'node', this.nodeSelection);
  }

  private expand(from: string): string {
    return `(${from})-[r:${REL_TYPES_PATTERN}]-(m)${this.conditions}`;
  }

  private get statement(): string {
    return this.args.select?.statements === false ? 'null' : 'r {.*, type: type(r)}';
  }

  /**
   * A neighbour of `from` as one list: the selected properties, its labels, whether the relation
   * starts at `from`, its type and statement, and the element id only where a further level expands
   * it. (Every property of every row, three element ids and a map per row were most of the time.)
   */
  private row(from: string, expandsFurther: boolean): string {
    const node = this.neighbourValues.text;
    const id = expandsFurther ? ', elementId(m)' : '';
    return `[${node}, labels(m), startNode(r) = ${from}, type(r), ${this.statement}${id}]`;
  }

  /**
   * Levels 1 and 2 in one statement and one row, built in Neo4j (what JavaScript did per row cost the
   * server twice the CPU of the floor's statement): the nodes reached, once each, in the order the
   * walk admits them — the entity, then level 1's neighbours by (relation type, key), then level 2's
   * (grouped by the node expanded as Neo4j groups them, then sorted: ties keep that order) — each as
   * `[values, label]` (and its element id where a third level expands it); the edges once each, in
   * the order first met, as `[type, from key, to key]` (and the statements, where selected); `fits`,
   * whether neither level passed its cap (each is cut at cap + 1 rows; one that did is read level by
   * level); `firstLevel`, how many nodes the entity and level 1 are.
   */
  twoLevels(): string {
    const fits = this.params.cap === null ? 'true' : 'size(r1) <= $cap AND size(r2) <= $cap';
    const id = this.args.depth > 2 ? ', elementId(node)' : '';
    // Without statements, an edge is its type and ends, written as each row is read (the keys read
    // once, for the order): the first of equal ones is kept, in order. With them, the relationships
    // between the same ends are grouped, in the order first met.
    const edges =
      this.args.select?.statements === false
        ? `WITH e1 + e2 AS rows WHERE fits
  UNWIND rows AS e
  RETURN collect(DISTINCT e) AS edges`
        : `WITH r1 + r2 AS rows WHERE fits
  UNWIND range(0, size(rows) - 1) AS i
  WITH rows[i] AS r, i
  WITH type(r) AS t, startNode(r) AS a, endNode(r) AS b, min(i) AS first, collect(DISTINCT r) AS same
  ORDER BY first
  RETURN collect([t, a.key, b.key, [s IN same | s {.*, type: t}]]) AS edges`;
    const edge = (x: string, xKey: string) =>
      `CASE WHEN startNode(r) = ${x} THEN [type(r), ${xKey}, mk] ELSE [type(r), mk, ${xKey}] END`;
    return `${this.lookup} WITH n LIMIT 1
CALL (n) {
  MATCH ${this.expand('n')}
  WITH m, r${this.cut}
  WITH m, r, m.key AS mk, n.key AS nk ORDER BY type(r), mk
  RETURN collect(m) AS m1, collect(r) AS r1, collect(${edge('n', 'nk')}) AS e1, count(DISTINCT m) AS d1
}
CALL (n) {
  MATCH ${this.expand('n')}
  WITH DISTINCT m AS x
  MATCH ${this.expand('x')}
  WITH x, m, r${this.cut}
  WITH x, collect([m, r]) AS rows
  WITH x, x.key AS xk, rows
  UNWIND rows AS row
  WITH x, xk, row[0] AS m, row[1] AS r
  WITH x, xk, m, r, m.key AS mk ORDER BY type(r), mk
  RETURN collect(m) AS m2, collect(r) AS r2, collect(${edge('x', 'xk')}) AS e2
}
WITH n, m1, r1, e1, d1, m2, r2, e2, ${fits} AS fits
CALL (n, m1, m2, fits) {
  WITH [n] + m1 + m2 AS reached WHERE fits
  UNWIND reached AS node
  WITH collect(DISTINCT node) AS reached
  RETURN [node IN reached | [${this.reachedValues.text}, ${ONTOLOGY_LABEL_OF_NODE}${id}]] AS nodes
}
CALL (r1, r2, e1, e2, fits) {
  ${edges}
}
RETURN fits, d1 + CASE WHEN n IN m1 THEN 0 ELSE 1 END AS firstLevel, nodes, edges`;
  }

  /** One level: from the entity (level 1) or from the frontier's nodes; `ordered` when the cap cuts it. */
  level(level: number, ordered: boolean): string {
    const order = ordered ? 'ORDER BY type(r), m.key LIMIT $cap' : this.cut;
    const row = `${this.row('n', level < this.args.depth)} AS neighbour`;
    return level === 1
      ? `${this.lookup} WITH n LIMIT 1
OPTIONAL MATCH ${this.expand('n')}
RETURN ${projection('Entity', 'n', this.nodeSelection)} AS start, labels(n) AS startLabels, ${row}
${order}`
      : `UNWIND range(0, size($frontier) - 1) AS i
MATCH (n) WHERE elementId(n) = $frontier[i]
MATCH ${this.expand('n')}
RETURN i AS from, ${row}
${order}`;
  }
}

/** The nodes and edges found so far, each once; nodes are told apart by label and key. */
class SubgraphBuilder {
  private readonly nodes = new Map<string, EntityRecord>();
  private readonly edges = new Map<string, GraphRelation>();
  truncated = false;

  /** `limit`: at most this many nodes; null, no limit. */
  constructor(private readonly limit: number | null) {}

  add(node: EntityRecord): EntityRecord {
    this.nodes.set(ref(node), node);
    return node;
  }

  /** Starts from nodes and edges already found (each once, in order): their statements are copied. */
  seed(nodes: readonly EntityRecord[], edges: readonly GraphRelation[]): void {
    for (const node of nodes) this.add(node);
    for (const { id, type, from, to, statements } of edges)
      this.edges.set(id, { id, type, from, to, statements: [...statements] });
  }

  /**
   * Adds a level's rows in order: each new neighbour while there is room (else `truncated`), and the
   * relation to it. Returns the new neighbours that carry an element id: the next level's frontier.
   */
  admit(rows: Neighbour[], fromOf: (row: Neighbour) => EntityRecord): Frontier {
    const next: Frontier = { ids: [], nodes: [] };
    for (const row of rows) {
      const found = record(row.node, row.labels);
      let m = this.nodes.get(ref(found));
      if (!m) {
        if (this.limit !== null && this.nodes.size >= this.limit) {
          this.truncated = true;
          continue;
        }
        m = this.add(found);
        if (row.mid !== undefined) {
          next.ids.push(row.mid);
          next.nodes.push(m);
        }
      }
      const n = fromOf(row);
      const [from, to] = row.outgoing ? [n, m] : [m, n];
      const { type, statement } = row;
      const id = relationId(type, from, to);
      const edge = this.edges.get(id) ?? { id, type: type as RelationshipType, from, to, statements: [] };
      this.edges.set(id, edge);
      if (statement && !edge.statements.some((st) => st.sourceKey === statement.sourceKey)) {
        edge.statements.push(statement);
      }
    }
    return next;
  }

  result(): Subgraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], truncated: this.truncated };
  }
}

/** The most database paths one `paths` request asks Neo4j for (SHORTEST takes a literal: 1–80). */
const MAX_PATH_CANDIDATES = 80;

/**
 * The first `limit` distinct simple paths of the rows, shortest first. SHORTEST matches trails (no
 * relationship twice), so two statements of one hop can make a walk back to a node already passed
 * (Shenzhen → Guangdong → Shenzhen): such walks are no paths to the analyst and are skipped.
 */
function distinctPaths(rows: Record<string, Plain>[], limit: number): GraphPath[] {
  const seen = new Set<string>();
  const paths: GraphPath[] = [];
  for (const row of rows) {
    const nodes = (row.nodes as Plain[][]).map(([props, labels]) => record(props ?? null, labels ?? null));
    if (!isSimple(row.ids as Plain[])) continue;
    const edges = (row.hops as Record<string, Plain>[]).map((hop, i): GraphRelation => {
      const a = nodes[i] as EntityRecord;
      const b = nodes[i + 1] as EntityRecord;
      const [from, to] = hop.forward ? [a, b] : [b, a];
      const type = String(hop.type) as RelationshipType;
      const statement = hop.statement ? { ...(hop.statement as Record<string, Plain>), type } : null;
      return { id: relationId(type, from, to), type, from, to, statements: statement ? [statement] : [] };
    });
    const signature = edges.map((e) => e.id).join('|');
    if (seen.has(signature)) continue;
    seen.add(signature);
    paths.push({ length: edges.length, nodes, edges });
    if (paths.length === limit) break;
  }
  return paths.sort((x, y) => x.length - y.length);
}

/** No node twice (ids are the database's element ids: properties may be projected away). */
const isSimple = (ids: Plain[]) => new Set(ids.map(String)).size === ids.length;

type Reader = Pick<Executor, 'read'>;

/**
 * The neighbourhood of an entity: breadth-first, level by level, adding nodes in the order of
 * (relation type, key) until `limit` (then `truncated`). Levels 1 and 2 come in one statement, a third
 * level in one more. Where a level has more rows than its cap (20 × limit), it is read again sorted in
 * Neo4j, one statement per level. With `limit: null` nothing is cut: the whole neighbourhood (what
 * `npm run export --key` writes). Depth and limit are the caller's to check (AnalystStore does).
 */
export async function walkNeighbourhood(executor: Reader, walk: NeighbourhoodWalk): Promise<Subgraph> {
  try {
    return await walkFrom(executor, walk);
  } catch (error) {
    if (!(error instanceof UnknownKeyError)) throw error;
    // A key given up when keys became unique (entity-keys.ts) starts from the node that had it.
    const former = await byFormerKey(executor, walk.key, walk.label);
    if (!former) throw error;
    return walkFrom(executor, { ...walk, key: former.key, label: former.__label });
  }
}

async function walkFrom(executor: Reader, walk: NeighbourhoodWalk): Promise<Subgraph> {
  const statements = new NeighborhoodStatements(walk);
  const { sent } = statements;
  if (walk.depth >= 2) {
    const [row] = await executor.read(statements.twoLevels(), { ...sent, key: walk.key });
    if (!row) throw new UnknownKeyError(walk.key);
    if (row.fits === true) return twoLevelsRead(executor, statements, walk, row);
    // A level too large to take whole: level by level, sorted in Neo4j where it is cut.
  }
  const graph = new SubgraphBuilder(walk.limit);
  const { rows, neighbours } = await readLevel(executor, statements, 1, { ...sent, key: walk.key });
  const first = rows[0];
  if (!first) throw new UnknownKeyError(walk.key);
  const start = graph.add(record(first.start ?? null, first.startLabels ?? null));
  let frontier = graph.admit(neighbours, () => start);
  for (let level = 2; level <= walk.depth && !graph.truncated && frontier.ids.length; level++) {
    frontier = await expandLevel(executor, statements, level, frontier, graph);
  }
  return graph.result();
}

/**
 * The subgraph from the row of `twoLevels()`: its first `limit` nodes, and the edges between them —
 * those of level 2 only when level 1 fitted whole (the walk stops at the level that fills it) — and,
 * at depth 3, a third level from the nodes level 2 added.
 */
async function twoLevelsRead(
  executor: Reader,
  statements: NeighborhoodStatements,
  walk: NeighbourhoodWalk,
  row: Record<string, Plain>,
): Promise<Subgraph> {
  const reached = row.nodes as Plain[][];
  const limit = walk.limit ?? Number.POSITIVE_INFINITY;
  const truncated = reached.length > limit;
  const kept = truncated ? reached.slice(0, limit) : reached;
  const readNode = statements.reachedValues.read;
  const byKey = new Map<string, EntityRecord>();
  const nodes = kept.map(([values, label]) => {
    if (typeof label !== 'string' || !isLabel(label))
      throw new Error(`A node without a label of the ontology: ${JSON.stringify(label)}`);
    const node = toRecord(label, readNode(values ?? null));
    byKey.set(node.key, node);
    return node;
  });
  const firstLevel = Number(row.firstLevel);
  // Level 1's edges are those of the entity itself (any other edge of it, met from level 2, is one).
  const startKey = nodes[0]?.key;
  const firstLevelWhole = firstLevel <= limit;
  const edges: GraphRelation[] = [];
  for (const [type, fromKey, toKey, found] of row.edges as Plain[][]) {
    const from = byKey.get(fromKey as string);
    const to = byKey.get(toKey as string);
    if (!from || !to || !(firstLevelWhole || fromKey === startKey || toKey === startKey)) continue;
    const said = (found ?? []) as Record<string, Plain>[];
    edges.push(new NeighbourhoodRelation(type as RelationshipType, from, to, onePerSource(said)));
  }
  if (walk.depth < 3 || truncated || reached.length === firstLevel) return { nodes, edges, truncated };
  // Depth 3: on from the nodes level 2 added, whose element ids the row carries.
  const graph = new SubgraphBuilder(walk.limit);
  graph.seed(nodes, edges);
  const frontier: Frontier = {
    ids: reached.slice(firstLevel).map((node) => String(node[2])),
    nodes: nodes.slice(firstLevel),
  };
  await expandLevel(executor, statements, 3, frontier, graph);
  return graph.result();
}

/**
 * One level: its rows as read, and its neighbours sorted by (type, key) — here when all of them fit
 * the cap, else in Neo4j.
 */
async function readLevel(
  executor: Reader,
  statements: NeighborhoodStatements,
  level: number,
  params: Record<string, unknown>,
) {
  let rows = await executor.read(statements.level(level, false), params);
  const { cap } = statements.params;
  const fits = cap === null || rows.length <= cap;
  if (!fits) rows = await executor.read(statements.level(level, true), params);
  // Level 1's OPTIONAL MATCH gives one row without a neighbour when the entity has none: no relation
  // type (its values are a list of nulls, not null).
  const neighbours = rows
    .filter((row) => (row.neighbour as Plain[])[3] !== null)
    .map((row) =>
      neighbour(
        statements.neighbourValues.read,
        row.neighbour ?? null,
        row.from === undefined ? undefined : Number(row.from),
      ),
    );
  return { rows, neighbours: fits ? neighbours.sort(byTypeThenKey) : neighbours };
}

async function expandLevel(
  executor: Reader,
  statements: NeighborhoodStatements,
  level: number,
  frontier: Frontier,
  graph: SubgraphBuilder,
): Promise<Frontier> {
  const { neighbours } = await readLevel(executor, statements, level, {
    ...statements.sent,
    frontier: frontier.ids,
  });
  return graph.admit(neighbours, (r) => frontier.nodes[Number(r.from)] as EntityRecord);
}

export class AnalystStore {
  constructor(private readonly executor: Executor) {}

  /** An analyst's own read-only Cypher, checked and bounded by the executor's worker (analyst-runner.ts). */
  cypher(query: string, params: Record<string, unknown>, limits: CypherLimits): Promise<CypherAnswer> {
    return this.executor.readCapped(query, params, limits);
  }

  /** The entity with this key (any label, or the given one); an error naming the key when none. */
  private async start(key: string, label?: Label): Promise<{ id: string; node: EntityRecord }> {
    const rows = await this.executor.read(
      `${matchByKey('n', '$key', label)} RETURN elementId(n) AS id, n {.*} AS node, labels(n) AS labels LIMIT 1`,
      { key },
    );
    const row = rows[0];
    if (row) return { id: String(row.id), node: record(row.node ?? null, row.labels ?? null) };
    const former = await byFormerKey(this.executor, key, label);
    if (!former) throw new AnalystInputError(`No entity has the key "${key}".`);
    return this.start(former.key, former.__label);
  }

  /** The neighbourhood of an entity (walkNeighbourhood), its depth and limit checked. */
  async neighborhood(args: NeighborhoodArgs): Promise<Subgraph> {
    if (!Number.isInteger(args.depth) || args.depth < 1 || args.depth > 3) {
      throw new AnalystInputError(`depth must be 1, 2 or 3; got ${args.depth}`);
    }
    if (args.limit < 1 || args.limit > 2000)
      throw new AnalystInputError(`limit must be between 1 and 2000; got ${args.limit}`);
    return walkNeighbourhood(this.executor, args);
  }

  /** Shortest paths first, up to `limit` distinct ones, each with its nodes and edges in path order. */
  async paths(
    fromKey: string,
    toKey: string,
    maxLength: number,
    limit: number,
    select: SubgraphSelection = { properties: 'all', statements: true },
  ): Promise<GraphPath[]> {
    if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 6) {
      throw new AnalystInputError(`maxLength must be between 1 and 6; got ${maxLength}`);
    }
    if (limit < 1 || limit > 20) throw new AnalystInputError(`limit must be between 1 and 20; got ${limit}`);
    const nodeSelection = { properties: select.properties, relations: [] };
    // One statement: both ends by key (an index seek per label), then the paths between them, each
    // node with the selected properties only and each hop with its direction along the path.
    const statement = (candidates: number) =>
      // SHORTEST and the quantifier take literals only: both are checked integers (1–80, 1–6).
      `${matchByKey('a', '$fromKey')} WITH a LIMIT 1
       ${matchByKey('b', '$toKey')} WITH a, b LIMIT 1
       WITH a, b WHERE a <> b
       MATCH p = SHORTEST ${candidates} (a)-[:${REL_TYPES_PATTERN}]-{1,${maxLength}}(b)
       WITH nodes(p) AS ns, relationships(p) AS rs
       RETURN [n IN ns | [${projection('Entity', 'n', nodeSelection)}, labels(n)]] AS nodes,
              [n IN ns | elementId(n)] AS ids,
              [i IN range(0, size(rs) - 1) | {
                 type: type(rs[i]),
                 forward: startNode(rs[i]) = ns[i],
                 statement: ${select.statements ? 'properties(rs[i])' : 'null'}
               }] AS hops`;
    // Two sources of one hop give two database paths that are one to the analyst: when the first
    // paths hold such twins, ask again for four times as many, up to 80 (an approval stated by four
    // sources makes a path through it four database paths).
    let candidates = limit;
    let rows = await this.executor.read(statement(candidates), { fromKey, toKey });
    let paths = distinctPaths(rows, limit);
    while (paths.length < limit && rows.length === candidates && candidates < MAX_PATH_CANDIDATES) {
      candidates = Math.min(candidates * 4, MAX_PATH_CANDIDATES);
      rows = await this.executor.read(statement(candidates), { fromKey, toKey });
      paths = distinctPaths(rows, limit);
    }
    if (rows.length === 0) {
      // No path: say which key is unknown, or that the two keys are one entity, or that none connects them.
      const [from, to] = await Promise.all([this.start(fromKey), this.start(toKey)]);
      // A key given up when keys became unique names the node that had it: ask again with its key now.
      if (from.node.key !== fromKey || to.node.key !== toKey)
        return this.paths(from.node.key, to.node.key, maxLength, limit, select);
      return from.id === to.id ? [{ length: 0, nodes: [from.node], edges: [] }] : [];
    }
    return paths;
  }
}
