/**
 * Reads entities: by key, as ordered keyset-paginated lists with filters, and along relations for many
 * parents at once (one statement per relation field and request, however many parents and results).
 * Labels, properties and patterns come from the ontology; every value is a parameter.
 */
import type { Executor } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import { type Cursor, decodeCursor, encodeCursor } from './cursor.ts';
import { instantiate, Params, property, propertyKind, Variables } from './cypher-builder.ts';
import {
  cypherName,
  EVIDENCE_RELATIONSHIP,
  isLabel,
  LABELS,
  type Label,
  type RelationshipType,
} from './ontology.ts';
import { type RelationDef, relationsOf } from './relations.ts';
import { compileWhere, type Where } from './where.ts';

export type EntityRecord = { __label: Label; key: string } & Record<string, Plain>;

export interface OrderBy {
  /** A property of the label, or `<relation>Count` for a to-many relation. */
  field: string;
  direction: 'ASC' | 'DESC';
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Edge {
  cursor: string;
  node: EntityRecord;
  /** The relationship statements behind the edge (one per source), for relation connections. */
  statements: Record<string, Plain>[];
}

export interface Page {
  edges: Edge[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export class PageError extends Error {
  override name = 'PageError';
}

export const DEFAULT_PAGE_SIZE = 20;

/** Stand-ins for a missing value, so that it sorts last in either direction and cursors can compare it. */
const MISSING = {
  ASC: { string: "'\\uFFFF'", number: '1.0e300' },
  DESC: { string: "''", number: '-1.0e300' },
};

/** A statement's source: its own sourceKey, or for evidence (SOURCED_FROM) the Source it points at. */
const STATEMENT_SOURCE = (x: string) =>
  `coalesce(${x}.sourceKey, CASE type(${x}) WHEN 'SOURCED_FROM' THEN endNode(${x}).key END)`;

function toRecord(label: Label, props: Record<string, Plain>): EntityRecord {
  return { ...props, __label: label, key: String(props.key) };
}

/** The label of a node we read without knowing it (an Entity-typed relation). */
function labelOf(labels: Plain): Label {
  const found = (labels as string[]).find(isLabel);
  if (!found) throw new Error(`A node without a label of the ontology: ${JSON.stringify(labels)}`);
  return found;
}

export function sortExpression(
  label: Label | 'Entity',
  order: OrderBy,
  variable: string,
  vars: Variables,
): string {
  if (label === 'Entity' || order.field === 'key') return `${variable}.key`;
  const relation = order.field.endsWith('Count')
    ? relationsOf(label).find((r) => r.many && `${r.name}Count` === order.field)
    : undefined;
  if (relation) {
    const m = vars.fresh('m');
    return `COUNT { MATCH ${instantiate(relation, { n: variable, r: vars.fresh('r'), m })} RETURN DISTINCT ${m} }`;
  }
  const kind = propertyKind(label, order.field);
  if (!kind || kind === 'string[]' || kind === 'boolean')
    throw new PageError(`${label} cannot be ordered by ${order.field}`);
  // The keyset comparison needs a value, never null.
  const missing = MISSING[order.direction];
  const sentinel = kind === 'int' || kind === 'float' ? missing.number : missing.string;
  return `coalesce(${property(label, variable, order.field)}, ${sentinel})`;
}

interface PagePlan {
  limit: number;
  /** The order as executed: flipped for `last`. */
  direction: 'ASC' | 'DESC';
  cursor: Cursor | null;
  backwards: boolean;
  requested: number;
}

export function planPage(page: PageArgs, order: OrderBy, maxPageSize: number): PagePlan {
  for (const name of ['first', 'last'] as const) {
    const n = page[name];
    if (n !== undefined && n !== null && (n < 0 || n > maxPageSize)) {
      throw new PageError(`${name} must be between 0 and ${maxPageSize}; got ${n}`);
    }
  }
  if (page.first != null && page.last != null) throw new PageError('Give either first or last, not both');
  if (page.first != null && page.before != null) {
    throw new PageError('before goes with last (paging backwards); with first, use after');
  }
  if (page.last != null && page.after != null) {
    throw new PageError('after goes with first (paging forwards); with last, use before');
  }
  const backwards = page.last != null || (page.before != null && page.first == null);
  const requested = (backwards ? page.last : page.first) ?? DEFAULT_PAGE_SIZE;
  const raw = backwards ? page.before : page.after;
  const cursor = raw ? decodeCursor(raw, order.field) : null;
  const flip = order.direction === 'ASC' ? 'DESC' : 'ASC';
  return {
    limit: requested + 1,
    direction: backwards ? flip : order.direction,
    cursor,
    backwards,
    requested,
  };
}

function cursorCondition(plan: PagePlan, sort: string, variable: string, params: Params): string {
  if (!plan.cursor) return 'true';
  const op = plan.direction === 'ASC' ? '>' : '<';
  const value = params.add(plan.cursor.value);
  const key = params.add(plan.cursor.key);
  return `(${sort} ${op} ${value} OR (${sort} = ${value} AND ${variable}.key ${op} ${key}))`;
}

function finishPage(rows: Edge[], plan: PagePlan, hadCursorOnOtherSide: boolean): Page {
  const extra = rows.length > plan.requested;
  const edges = rows.slice(0, plan.requested);
  if (plan.backwards) edges.reverse();
  return {
    edges,
    hasNextPage: plan.backwards ? hadCursorOnOtherSide : extra,
    hasPreviousPage: plan.backwards ? extra : hadCursorOnOtherSide,
  };
}

export interface ListQuery {
  label: Label;
  where?: Where | null;
  orderBy: OrderBy;
  page: PageArgs;
  maxPageSize: number;
}

export class EntityStore {
  constructor(private readonly executor: Executor) {}

  /** Nodes of one label by key, in the order of `keys` (null where none). */
  async byKeys(label: Label, keys: readonly string[]): Promise<(EntityRecord | null)[]> {
    const rows = await this.executor.read(
      `UNWIND $keys AS key MATCH (n:${cypherName(label)} {key: key}) RETURN n {.*} AS node`,
      { keys },
    );
    const found = new Map(rows.map((r) => [String((r.node as Record<string, Plain>).key), r.node]));
    return keys.map((k) => {
      const node = found.get(k);
      return node ? toRecord(label, node as Record<string, Plain>) : null;
    });
  }

  /** Any entity by key: each label's index is asked (a key may repeat across labels; the first wins). */
  async byKeyAnyLabel(key: string): Promise<EntityRecord[]> {
    const branches = LABELS.map((l) => `MATCH (n:${cypherName(l)} {key: $key}) RETURN n`).join(' UNION ALL ');
    const rows = await this.executor.read(
      `CALL () { ${branches} } RETURN n {.*} AS node, labels(n) AS labels`,
      {
        key,
      },
    );
    return rows.map((r) => toRecord(labelOf(r.labels ?? []), r.node as Record<string, Plain>));
  }

  async list(query: ListQuery): Promise<Page> {
    const { label, orderBy } = query;
    const plan = planPage(query.page, orderBy, query.maxPageSize);
    const params = new Params();
    const vars = new Variables();
    const sort = sortExpression(label, orderBy, 'n', vars);
    const cypher = `
MATCH (n:${cypherName(label)})
WHERE ${compileWhere(label, query.where, 'n', params, vars)}
WITH n, ${sort} AS sortValue
WHERE ${cursorCondition(plan, 'sortValue', 'n', params)}
RETURN n {.*} AS node, sortValue
ORDER BY sortValue ${plan.direction}, n.key ${plan.direction}
LIMIT ${params.add(plan.limit)}`;
    const rows = await this.executor.read(cypher, params.values);
    const edges = rows.map((r) => {
      const node = toRecord(label, r.node as Record<string, Plain>);
      return { node, statements: [], cursor: encodeCursor(orderBy.field, r.sortValue ?? null, node.key) };
    });
    return finishPage(edges, plan, plan.cursor !== null);
  }

  async count(label: Label, where: Where | null | undefined): Promise<number> {
    const params = new Params();
    const condition = compileWhere(label, where, 'n', params, new Variables());
    const [row] = await this.executor.read(
      `MATCH (n:${cypherName(label)}) WHERE ${condition} RETURN count(n) AS count`,
      params.values,
    );
    return Number(row?.count ?? 0);
  }

  /**
   * One relation for many parents in one statement: per parent, the targets (grouped, so a target two
   * sources connect appears once with both statements), filtered, ordered and paged.
   */
  async related(
    parentLabel: Label,
    relation: RelationDef,
    parentKeys: readonly string[],
    options: {
      where?: Where | null;
      orderBy: OrderBy;
      page: PageArgs;
      maxPageSize: number;
      /** Read the relationship statements too (edge properties, evidence); false when none is asked for. */
      statements?: boolean;
    },
  ): Promise<Page[]> {
    const plan = planPage(options.page, options.orderBy, options.maxPageSize);
    const statements = options.statements ?? true;
    const params = new Params();
    const vars = new Variables();
    const pattern = instantiate(relation, { n: 'n', r: 'r', m: 'm' });
    const filter = compileWhere(relation.target, options.where, 'm', params, vars);
    const sort = sortExpression(relation.target, options.orderBy, 'm', vars);
    const cypher = `
UNWIND $keys AS parentKey
MATCH (n:${cypherName(parentLabel)} {key: parentKey})
CALL (n) {
  MATCH ${pattern}${pattern.includes(' WHERE ') ? ' AND ' : ' WHERE '}${filter}
  ${
    statements
      ? `WITH m, r ORDER BY r.sourceKey, r.quote
  WITH m, collect(r) AS rels`
      : 'WITH DISTINCT m, [] AS rels'
  }
  WITH m, rels, ${sort} AS sortValue
  WHERE ${cursorCondition(plan, 'sortValue', 'm', params)}
  RETURN m, rels, sortValue
  ORDER BY sortValue ${plan.direction}, m.key ${plan.direction}
  LIMIT ${params.add(plan.limit)}
}
RETURN parentKey, collect({node: m {.*}, labels: labels(m), rels: [x IN rels | x {.*, type: type(x), sourceKey: ${STATEMENT_SOURCE('x')}}], sortValue: sortValue}) AS edges`;
    const rows = await this.executor.read(cypher, { ...params.values, keys: parentKeys });
    const byParent = new Map(rows.map((r) => [String(r.parentKey), r.edges as Record<string, Plain>[]]));
    return parentKeys.map((key) => {
      const edges = (byParent.get(key) ?? []).map((e) => {
        const label = relation.target === 'Entity' ? labelOf(e.labels ?? []) : relation.target;
        const node = toRecord(label, e.node as Record<string, Plain>);
        return {
          node,
          statements: e.rels as Record<string, Plain>[],
          cursor: encodeCursor(options.orderBy.field, e.sortValue ?? null, node.key),
        };
      });
      return finishPage(edges, plan, plan.cursor !== null);
    });
  }

  /** How many distinct targets a relation reaches from each parent. */
  async relatedCount(
    parentLabel: Label,
    relation: RelationDef,
    parentKeys: readonly string[],
    where: Where | null | undefined,
  ): Promise<number[]> {
    const params = new Params();
    const pattern = instantiate(relation, { n: 'n', r: 'r', m: 'm' });
    const filter = compileWhere(relation.target, where, 'm', params, new Variables());
    const rows = await this.executor.read(
      `UNWIND $keys AS parentKey
       MATCH (n:${cypherName(parentLabel)} {key: parentKey})
       RETURN parentKey, COUNT { MATCH ${pattern}${pattern.includes(' WHERE ') ? ' AND ' : ' WHERE '}${filter} RETURN DISTINCT m } AS count`,
      { ...params.values, keys: parentKeys },
    );
    const byParent = new Map(rows.map((r) => [String(r.parentKey), Number(r.count)]));
    return parentKeys.map((k) => byParent.get(k) ?? 0);
  }

  /**
   * Every domain relation of many parents in one statement, grouped by (type, direction, other end),
   * ordered by them and paged with a keyset cursor.
   */
  async relations(
    label: Label,
    parentKeys: readonly string[],
    args: GenericRelationArgs,
    maxPageSize: number,
  ) {
    const plan = planPage(
      { first: args.first, after: args.after },
      { field: 'relations', direction: 'ASC' },
      maxPageSize,
    );
    const rows = await this.executor.read(
      `UNWIND $keys AS parentKey
       MATCH (n:${cypherName(label)} {key: parentKey})
       CALL (n) {
         MATCH (n)-[r]-(m)
         WHERE type(r) IN $types
           AND ($direction = 'BOTH' OR ($direction = 'OUTGOING') = (startNode(r) = n))
         WITH n, m, r ORDER BY r.sourceKey, r.quote
         WITH m, type(r) AS type, CASE WHEN startNode(r) = n THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
              collect(r) AS rels
         WITH m, type, direction, rels, type + '|' + direction + '|' + m.key AS sortValue
         WHERE $after IS NULL OR sortValue > $after
         RETURN m, type, direction, rels, sortValue
         ORDER BY sortValue
         LIMIT $limit
       }
       RETURN parentKey, collect({node: m {.*}, labels: labels(m), type: type, direction: direction,
                                  rels: [x IN rels | x {.*, type: type(x)}], sortValue: sortValue}) AS edges`,
      {
        keys: parentKeys,
        types: args.types,
        direction: args.direction,
        after: plan.cursor ? plan.cursor.value : null,
        limit: plan.limit,
      },
    );
    const byParent = new Map(rows.map((r) => [String(r.parentKey), r.edges as Record<string, Plain>[]]));
    return parentKeys.map((key) => {
      const edges: GenericEdge[] = (byParent.get(key) ?? []).map((e) => {
        const node = toRecord(labelOf(e.labels ?? []), e.node as Record<string, Plain>);
        return {
          node,
          type: e.type as RelationshipType,
          direction: e.direction as 'OUTGOING' | 'INCOMING',
          statements: e.rels as Record<string, Plain>[],
          cursor: encodeCursor('relations', e.sortValue ?? null, node.key),
        };
      });
      const page = finishPage(edges, plan, plan.cursor !== null);
      return { ...page, edges: page.edges as GenericEdge[] };
    });
  }

  /** The evidence of nodes of one label: their sources with the quotes. */
  async evidence(label: Label, keys: readonly string[]): Promise<NodeEvidence[][]> {
    const rows = await this.executor.read(
      `UNWIND $keys AS key
       MATCH (n:${cypherName(label)} {key: key})-[e:${cypherName(EVIDENCE_RELATIONSHIP)}]->(s:Source)
       WITH key, e, s ORDER BY s.key, e.paragraph, e.quote
       RETURN key, collect({quote: e.quote, paragraph: e.paragraph, source: s {.*}}) AS evidence`,
      { keys },
    );
    const byKey = new Map(rows.map((r) => [String(r.key), r.evidence as Record<string, Plain>[]]));
    return keys.map((k) =>
      (byKey.get(k) ?? []).map((e) => ({
        quote: (e.quote as string) || null,
        paragraph: (e.paragraph as number | null) ?? null,
        source: toRecord('Source', e.source as Record<string, Plain>),
      })),
    );
  }
}

export type RelationDirection = 'OUTGOING' | 'INCOMING' | 'BOTH';

export interface GenericRelationArgs {
  types: RelationshipType[];
  direction: RelationDirection;
  first: number;
  after?: string | null;
}

export interface GenericEdge extends Edge {
  type: RelationshipType;
  direction: 'OUTGOING' | 'INCOMING';
}

export interface NodeEvidence {
  quote: string | null;
  paragraph: number | null;
  source: EntityRecord;
}
