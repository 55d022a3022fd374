/**
 * Reads entities: by key, as ordered keyset-paginated lists with filters, and along relations for many
 * parents at once (one statement per relation field and request, however many parents and results).
 * Labels, properties and patterns come from the ontology; every value is a parameter.
 */
import type { Executor } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import { encodeCursor } from './cursor.ts';
import { instantiate, Params, Variables } from './cypher-builder.ts';
import { cypherName, EVIDENCE_RELATIONSHIP, LABELS, type Label, type RelationshipType } from './ontology.ts';
import {
  cursorCondition,
  type Edge,
  finishPage,
  type OrderBy,
  type Page,
  type PageArgs,
  PageEdge,
  planPage,
  sortExpression,
} from './paging.ts';
import { type EntityRecord, labelOf, PREFETCHED, toRecord } from './records.ts';
import {
  ALL_PROPERTIES,
  type NodeSelection,
  nestedRelations,
  projection,
  type RelatedArgs,
  relationPage,
  type Scope,
} from './relation-page.ts';
import type { RelationDef } from './relations.ts';
import { compileWhere, type Where } from './where.ts';

export interface ListQuery {
  label: Label;
  where?: Where | null;
  orderBy: OrderBy;
  page: PageArgs;
  maxPageSize: number;
  /** What is read of the nodes; default ALL_PROPERTIES. */
  selection?: NodeSelection;
}

/** All the store asks of the executor: reads (so that tests can record its statements without Neo4j). */
export type Reader = Pick<Executor, 'read'>;

export class EntityStore {
  constructor(private readonly executor: Reader) {}

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

  /** A page of one label, with the selected relations of its nodes fetched in the same statement. */
  async list(query: ListQuery): Promise<Page> {
    const { label, orderBy } = query;
    const plan = planPage(query.page, orderBy, query.maxPageSize);
    const scope: Scope = { params: new Params(), vars: new Variables(), maxPageSize: query.maxPageSize };
    const { params } = scope;
    const selection = query.selection ?? ALL_PROPERTIES;
    const sort = sortExpression(label, orderBy, 'n', scope.vars);
    const filter = compileWhere(label, query.where, 'n', params, scope.vars);
    const order = `sortValue ${plan.direction}, n.key ${plan.direction}`;
    const nested = nestedRelations(label, 'n', selection, scope);
    // The nested subqueries run on the page's rows only; the final ORDER BY restates the page's order.
    const cypher = `
MATCH (n:${cypherName(label)})
WHERE ${filter}
WITH n, ${sort} AS sortValue
WHERE ${cursorCondition(plan, 'sortValue', 'n', params)}
WITH n, sortValue ORDER BY ${order} LIMIT ${params.add(plan.limit)}
${nested.calls}
RETURN ${projection(label, 'n', selection)} AS node, sortValue${nested.list ? `, ${nested.list} AS nested` : ''}
ORDER BY ${order}`;
    const rows = await this.executor.read(cypher, params.values);
    const edges = rows.map((r) => {
      const node = toRecord(label, r.node as Record<string, Plain>);
      if (r.nested) node[PREFETCHED] = nested.read(r.nested);
      return new PageEdge(node, [], orderBy.field, r.sortValue ?? null);
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
   * One relation for many parents in one statement: per parent, a page of targets (see relationPage),
   * with the relations selected on them.
   */
  async related(
    parentLabel: Label,
    relation: RelationDef,
    parentKeys: readonly string[],
    args: RelatedArgs & { maxPageSize: number },
  ): Promise<Page[]> {
    const scope: Scope = { params: new Params(), vars: new Variables(), maxPageSize: args.maxPageSize };
    const page = relationPage(relation, 'n', args, scope);
    const rows = await this.executor.read(
      `UNWIND $keys AS parentKey
MATCH (n:${cypherName(parentLabel)} {key: parentKey})
${page.cypher}
RETURN parentKey, ${page.result} AS edges`,
      { ...scope.params.values, keys: parentKeys },
    );
    const byParent = new Map(rows.map((r) => [String(r.parentKey), r.edges]));
    return parentKeys.map((key) => page.read(byParent.get(key) ?? []));
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
