/**
 * Reads entities: by key, as ordered keyset-paginated lists with filters, and along relations for many
 * parents at once (one statement per relation field and request, however many parents and results).
 * Labels, properties and patterns come from the ontology; every value is a parameter.
 */
import Cypher from '@neo4j/cypher-builder';
import type { Executor, Row } from '../neo4j/executor.ts';
import type { Plain } from '../neo4j/values.ts';
import { encodeCursor } from './cursor.ts';
import { byFormerKey, entitiesByKey } from './lookup.ts';
import { CLAIM_RELATIONSHIP, EVIDENCE_RELATIONSHIP, type Label, type RelationshipType } from './ontology.ts';
import {
  cursorCondition,
  cursorOrder,
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
  nodeProjection,
  type RelatedArgs,
  relationPage,
} from './relation-page.ts';
import type { RelationDef } from './relations.ts';
import { StatementCache } from './statement-cache.ts';
import { compileWhere, relatedCount, type Where } from './where.ts';

export interface ListQuery {
  label: Label;
  where?: Where | null;
  orderBy: OrderBy;
  page: PageArgs;
  maxPageSize: number;
  /** The list its cursors belong to, e.g. `Query.zones`; default `Query.<label>`. */
  list?: string;
  /** What is read of the nodes; default ALL_PROPERTIES. */
  selection?: NodeSelection;
  /** Whether pageInfo is read; default true (see RelatedArgs.pageInfo). */
  pageInfo?: boolean;
}

/** The list the cursors of `relations(...)` belong to, whatever the entity. */
export const RELATIONS_LIST = 'Entity.relations';

/** All the store asks of the executor: reads (so that tests can record its statements without Neo4j). */
export type Reader = Pick<Executor, 'read'>;

/** A result column, named so that rows can be read by name. */
const column = (name: string) => new Cypher.NamedVariable(name);

/** `UNWIND $keys AS parentKey MATCH (n:Label {key: parentKey})`: one row per parent key. */
function parentsByKey(label: Label, keys: readonly string[]) {
  const parentKey = column('parentKey');
  const parent = new Cypher.Node();
  const clause = new Cypher.Unwind([new Cypher.Param([...keys]), parentKey]).match(
    new Cypher.Pattern(parent, { labels: label, properties: { key: parentKey } }),
  );
  return { clause, parent, parentKey };
}

/** A list statement compiled: its text, its parameters and the reader of its rows into a page. */
interface CompiledList {
  cypher: string;
  params: Record<string, unknown>;
  read(rows: Row[]): Page;
}

/** Entity.relations is ordered by type, direction and the other end's key (one sort value), always. */
const RELATIONS_ORDER: OrderBy = { field: 'relations', direction: 'ASC' };

/** Compiled by-key statements by label: their text and the name of their one parameter, the keys. */
const BY_KEYS_STATEMENTS = new StatementCache<{ cypher: string; keysParam: string }>(100);

/**
 * A by-key statement that reads what the query selects: the selected properties, and the selected
 * relations of each node as pages in the same statement (as a root list's nodes do), by label and
 * selection; its one parameter is the keys.
 */
interface CompiledLookup {
  cypher: string;
  keysParam: string;
  /** The nested pages' parameters, fixed when compiled. */
  params: Record<string, unknown>;
  read(row: Row): EntityRecord;
}
const LOOKUP_STATEMENTS = new StatementCache<CompiledLookup>(1_000);

function compileLookup(label: Label, selection: NodeSelection, maxPageSize: number): CompiledLookup {
  const { clause, parent } = parentsByKey(label, []);
  const nested = nestedRelations(label, parent, selection, { maxPageSize });
  const { cypher, params } = Cypher.utils
    .concat(
      clause,
      ...nested.calls,
      new Cypher.Return(
        [nodeProjection(label, parent, selection), column('node')],
        ...(nested.list ? [[nested.list, column('nested')] as [Cypher.Expr, Cypher.Variable]] : []),
      ),
    )
    .build();
  // The keys are the first parameter (the UNWIND); the nested pages' own parameters are fixed here.
  const [keysParam, ...others] = Object.keys(params);
  if (keysParam === undefined) throw new Error(`the lookup statement of ${label} has no keys parameter`);
  const fixed = Object.fromEntries(others.map((name) => [name, params[name]]));
  return {
    cypher,
    keysParam,
    params: fixed,
    read: (row) => {
      const node = toRecord(label, row.node as Record<string, Plain>);
      if (row.nested) node[PREFETCHED] = nested.read(row.nested);
      return node;
    },
  };
}

/** Compiled list statements by their query (see statement-cache.ts). */
const LIST_STATEMENTS = new StatementCache<CompiledList>(1_000);

function compileList(query: ListQuery): CompiledList {
  const { label, orderBy } = query;
  const list = query.list ?? `Query.${label}`;
  const plan = planPage(
    query.page,
    orderBy,
    query.maxPageSize,
    { list, target: label },
    query.pageInfo ?? true,
  );
  const selection = query.selection ?? ALL_PROPERTIES;
  const n = new Cypher.Node();
  const sortValue = column('sortValue');
  const match = new Cypher.Match(new Cypher.Pattern(n, { labels: label }));
  const filter = compileWhere(label, query.where, n);
  if (filter) match.where(filter);
  const ranked = match.with(n, [sortExpression(label, orderBy, n), sortValue]);
  const after = cursorCondition(plan, sortValue, n);
  if (after) ranked.where(after);
  const order: [Cypher.Expr, 'ASC' | 'DESC'][] = [
    [sortValue, plan.direction],
    [n.property('key'), plan.direction],
  ];
  const page = ranked
    .with(n, sortValue)
    .orderBy(...order)
    .limit(new Cypher.Param(plan.limit));
  const nested = nestedRelations(label, n, selection, { maxPageSize: query.maxPageSize });
  // The nested subqueries run on the page's rows only; the final ORDER BY restates the page's order.
  const result = new Cypher.Return(
    [nodeProjection(label, n, selection), column('node')],
    sortValue,
    ...(nested.list ? [[nested.list, column('nested')] as [Cypher.Expr, Cypher.Variable]] : []),
  ).orderBy(...order);
  const { cypher, params } = Cypher.utils.concat(page, ...nested.calls, result).build();
  const read = (rows: Row[]) => {
    const edges = rows.map((r) => {
      const node = toRecord(label, r.node as Record<string, Plain>);
      if (r.nested) node[PREFETCHED] = nested.read(r.nested);
      return new PageEdge(node, [], list, cursorOrder(orderBy), r.sortValue ?? null);
    });
    return finishPage(edges, plan, plan.cursor !== null);
  };
  return { cypher, params, read };
}

export class EntityStore {
  constructor(private readonly executor: Reader) {}

  private async run(statement: Cypher.Clause) {
    const { cypher, params } = statement.build();
    return this.executor.read(cypher, params);
  }

  /** Nodes of one label by key, in the order of `keys` (null where none). */
  async byKeys(label: Label, keys: readonly string[]): Promise<(EntityRecord | null)[]> {
    // The text depends on the label only: compiled once per label, with the keys its one parameter.
    const statement = BY_KEYS_STATEMENTS.get(label, () => {
      const { clause, parent } = parentsByKey(label, []);
      const { cypher, params } = clause
        .return([new Cypher.MapProjection(parent, '*'), column('node')])
        .build();
      const [keysParam] = Object.keys(params);
      if (keysParam === undefined || Object.keys(params).length !== 1)
        throw new Error(`the by-key statement of ${label} has parameters ${Object.keys(params).join(', ')}`);
      return { cypher, keysParam };
    });
    const rows = await this.executor.read(statement.cypher, { [statement.keysParam]: [...keys] });
    const found = new Map(rows.map((r) => [String((r.node as Record<string, Plain>).key), r.node]));
    // A key a node gave up (entity-keys.ts) still finds it: asked only for the keys not found.
    for (const key of new Set(keys.filter((k) => !found.has(k)))) {
      const former = await byFormerKey(this.executor, key, label);
      if (former) found.set(key, former);
    }
    return keys.map((k) => {
      const node = found.get(k);
      return node ? toRecord(label, node as Record<string, Plain>) : null;
    });
  }

  /**
   * Nodes of one label by key, in the order of `keys` (null where none), with what `selection` reads:
   * its properties, and its relations' pages fetched in the same statement. A node found by a key it
   * gave up comes whole, without prefetched pages (its relation fields then use their loaders).
   */
  async byKeysSelected(
    label: Label,
    keys: readonly string[],
    selection: NodeSelection,
    maxPageSize: number,
  ): Promise<(EntityRecord | null)[]> {
    const statement = LOOKUP_STATEMENTS.get(`${label}:${maxPageSize}:${JSON.stringify(selection)}`, () =>
      compileLookup(label, selection, maxPageSize),
    );
    const rows = await this.executor.read(statement.cypher, {
      ...statement.params,
      [statement.keysParam]: [...keys],
    });
    const found = new Map<string, EntityRecord>();
    for (const row of rows) {
      const node = statement.read(row);
      found.set(node.key, node);
    }
    for (const key of new Set(keys.filter((k) => !found.has(k)))) {
      const former = await byFormerKey(this.executor, key, label);
      if (former) found.set(key, former);
    }
    return keys.map((k) => found.get(k) ?? null);
  }

  /** Any entity by key (unique across labels), or by a key it had before (lookup.ts). */
  byKeyAnyLabel(key: string): Promise<EntityRecord[]> {
    return entitiesByKey(this.executor, key);
  }

  /** A page of one label, with the selected relations of its nodes fetched in the same statement. */
  async list(query: ListQuery): Promise<Page> {
    const compiled = LIST_STATEMENTS.get(JSON.stringify(query), () => compileList(query));
    return compiled.read(await this.executor.read(compiled.cypher, compiled.params));
  }

  async count(label: Label, where: Where | null | undefined): Promise<number> {
    const n = new Cypher.Node();
    const match = new Cypher.Match(new Cypher.Pattern(n, { labels: label }));
    const filter = compileWhere(label, where, n);
    if (filter) match.where(filter);
    const [row] = await this.run(match.return([Cypher.count(n), column('count')]));
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
    const { clause, parent, parentKey } = parentsByKey(parentLabel, parentKeys);
    const page = relationPage(relation, parent, args, { maxPageSize: args.maxPageSize });
    const rows = await this.run(
      Cypher.utils.concat(clause, page.call, new Cypher.Return(parentKey, [page.result, column('edges')])),
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
    const { clause, parent, parentKey } = parentsByKey(parentLabel, parentKeys);
    const rows = await this.run(
      clause.return(parentKey, [relatedCount(relation, parent, where), column('count')]),
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
    const plan = planPage({ first: args.first, after: args.after }, RELATIONS_ORDER, maxPageSize, {
      list: RELATIONS_LIST,
      target: 'Entity',
    });
    const { clause, parent, parentKey } = parentsByKey(label, parentKeys);
    const r = new Cypher.Relationship();
    const m = new Cypher.Node();
    const [type, direction, rels, sortValue] = [
      new Cypher.Variable(),
      new Cypher.Variable(),
      new Cypher.Variable(),
      new Cypher.Variable(),
    ];
    const outgoing = Cypher.eq(Cypher.startNode(r), parent);
    const match = new Cypher.Match(
      new Cypher.Pattern(parent).related(r, { direction: 'undirected' }).to(m),
    ).where(
      Cypher.and(
        Cypher.in(Cypher.type(r), new Cypher.Param(args.types)),
        args.direction === 'BOTH'
          ? undefined
          : args.direction === 'OUTGOING'
            ? outgoing
            : Cypher.not(outgoing),
      ),
    );
    const grouped = match
      .with(parent, m, r)
      .orderBy(r.property('sourceKey'), r.property('quote'))
      .with(
        m,
        [Cypher.type(r), type],
        [
          new Cypher.Case()
            .when(outgoing)
            .then(new Cypher.Literal('OUTGOING'))
            .else(new Cypher.Literal('INCOMING')),
          direction,
        ],
        [Cypher.collect(r), rels],
      )
      .with(m, type, direction, rels, [
        Cypher.plus(type, new Cypher.Literal('|'), direction, new Cypher.Literal('|'), m.property('key')),
        sortValue,
      ]);
    if (plan.cursor) grouped.where(Cypher.gt(sortValue, new Cypher.Param(plan.cursor.value)));
    const page = grouped
      .return(m, type, direction, rels, sortValue)
      .orderBy(sortValue)
      .limit(new Cypher.Param(plan.limit));
    const x = new Cypher.Variable();
    const edge = new Cypher.Map({
      node: new Cypher.MapProjection(m, '*'),
      labels: Cypher.labels(m),
      type,
      direction,
      rels: new Cypher.ListComprehension(x)
        .in(rels)
        .map(new Cypher.MapProjection(x, '*', { type: Cypher.type(x) })),
      sortValue,
    });
    const rows = await this.run(
      Cypher.utils.concat(
        clause,
        new Cypher.Call(page, [parent]),
        new Cypher.Return(parentKey, [Cypher.collect(edge), column('edges')]),
      ),
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
          cursor: encodeCursor(RELATIONS_LIST, cursorOrder(RELATIONS_ORDER), e.sortValue ?? null, node.key),
        };
      });
      const page = finishPage(edges, plan, plan.cursor !== null);
      return { ...page, edges: page.edges as GenericEdge[] };
    });
  }

  /** The claims of nodes of one label (claims.ts): each source's value of a property. */
  claims(label: Label, keys: readonly string[]): Promise<NodeClaim[][]> {
    return readClaims((statement) => this.run(statement), label, keys);
  }

  /** The evidence of nodes of one label: their sources with the quotes. */
  async evidence(label: Label, keys: readonly string[]): Promise<NodeEvidence[][]> {
    const key = column('key');
    const [n, e, s] = [new Cypher.Node(), new Cypher.Relationship(), new Cypher.Node()];
    const rows = await this.run(
      new Cypher.Unwind([new Cypher.Param([...keys]), key])
        .match(
          new Cypher.Pattern(n, { labels: label, properties: { key } })
            .related(e, { type: EVIDENCE_RELATIONSHIP })
            .to(s, { labels: 'Source' }),
        )
        .with(key, e, s)
        .orderBy(s.property('key'), e.property('paragraph'), e.property('quote'))
        .return(key, [
          Cypher.collect(
            new Cypher.Map({
              quote: e.property('quote'),
              paragraph: e.property('paragraph'),
              note: e.property('note'),
              source: new Cypher.MapProjection(s, '*'),
            }),
          ),
          column('evidence'),
        ]),
    );
    const byKey = new Map(rows.map((r) => [String(r.key), r.evidence as Record<string, Plain>[]]));
    return keys.map((k) =>
      (byKey.get(k) ?? []).map((e) => ({
        quote: (e.quote as string) || null,
        paragraph: (e.paragraph as number | null) ?? null,
        note: (e.note as string | null) ?? null,
        source: toRecord('Source', e.source as Record<string, Plain>),
      })),
    );
  }
}

/** The claims of nodes of one label, headline first, then by property, kind and source. */
export async function readClaims(
  run: (statement: Cypher.Clause) => Promise<Record<string, Plain>[]>,
  label: Label,
  keys: readonly string[],
): Promise<NodeClaim[][]> {
  const key = column('key');
  const [n, c, s] = [new Cypher.Node(), new Cypher.Relationship(), new Cypher.Node()];
  const rows = await run(
    new Cypher.Unwind([new Cypher.Param([...keys]), key])
      .match(
        new Cypher.Pattern(n, { labels: label, properties: { key } })
          .related(c, { type: CLAIM_RELATIONSHIP })
          .to(s, { labels: 'Source' }),
      )
      .with(key, c, s)
      .orderBy(
        c.property('property'),
        [Cypher.coalesce(c.property('headline'), Cypher.false), 'DESC'],
        s.property('key'),
      )
      .return(key, [
        Cypher.collect(
          new Cypher.Map({
            property: c.property('property'),
            value: c.property('value'),
            quote: c.property('quote'),
            note: c.property('note'),
            // a claim is of its Source's kind; how an official text grounds it is its basis
            kind: Cypher.coalesce(s.property('kind'), new Cypher.Literal('unknown')),
            basis: c.property('basis'),
            headline: Cypher.coalesce(c.property('headline'), Cypher.false),
            source: new Cypher.MapProjection(s, '*'),
          }),
        ),
        column('claims'),
      ]),
  );
  const byKey = new Map(rows.map((r) => [String(r.key), r.claims as Record<string, Plain>[]]));
  return keys.map((k) =>
    (byKey.get(k) ?? []).map((c) => ({
      property: String(c.property),
      value: c.value ?? null,
      quote: (c.quote as string) || null,
      note: (c.note as string) || null,
      kind: String(c.kind),
      basis: (c.basis as string) || null,
      headline: c.headline === true,
      source: toRecord('Source', c.source as Record<string, Plain>),
    })),
  );
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

/** One source's value of one property (claims.ts), with the kind it counts as and whether it is the headline. */
export interface NodeClaim {
  property: string;
  value: Plain;
  quote: string | null;
  note: string | null;
  kind: string;
  /** How the value follows from an official text (which text, the reasoning), where it does. */
  basis: string | null;
  headline: boolean;
  source: EntityRecord;
}

export interface NodeEvidence {
  quote: string | null;
  paragraph: number | null;
  note: string | null;
  source: EntityRecord;
}
