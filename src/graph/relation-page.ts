/**
 * One relation's page of targets for a parent node, as a Cypher `CALL` subquery — and inside it, the
 * relations the query selects on those targets, and so on down. A nested selection (zones → clusters
 * → technologies) thus costs one statement, and each node returns only the properties selected.
 */
import Cypher from '@neo4j/cypher-builder';
import type { Plain } from '../neo4j/values.ts';
import { CursorError } from './cursor.ts';
import { EVIDENCE_RELATIONSHIP, type Label } from './ontology.ts';
import {
  cursorCondition,
  cursorOrder,
  type Edge,
  finishPage,
  type OrderBy,
  type Page,
  type PageArgs,
  PageEdge,
  PageError,
  planPage,
  sortExpression,
} from './paging.ts';
import { isProperty } from './properties.ts';
import { labelOf, PREFETCHED, toRecord } from './records.ts';
import { type RelationDef, relationNamed } from './relations.ts';
import { FilterError, matchRelated, type Where } from './where.ts';

/** What a query reads of the nodes it fetches. */
export interface NodeSelection {
  /** The properties selected (the key is always read), or 'all' where that is not known in advance. */
  properties: string[] | 'all';
  /** To-many relations selected on these nodes: fetched in the same statement. */
  relations: SelectedRelation[];
}

/** Every property and no relation: what a read that knows nothing of its query fetches. */
export const ALL_PROPERTIES: NodeSelection = { properties: 'all', relations: [] };

export interface RelatedArgs {
  where?: Where | null;
  orderBy: OrderBy;
  page: PageArgs;
  /** Whether the edges' statements (properties, evidence) are read; default true. */
  statements?: boolean;
  /** What is read of the targets; default ALL_PROPERTIES. */
  selection?: NodeSelection;
  /**
   * Whether the page's pageInfo is read; default true. When not, hasNextPage and hasPreviousPage are
   * not known (reported false) and the row beyond the page that would tell them is not fetched.
   */
  pageInfo?: boolean;
}

export interface SelectedRelation {
  /** The field's response name (alias or name): the records keep the fetched page under it. */
  responseName: string;
  /** The relation's name on the parent's label (`clusters`). */
  relation: string;
  args: RelatedArgs;
}

/** What every subquery of one statement shares. */
export interface Scope {
  maxPageSize: number;
}

/**
 * The properties to read of the selected ones: the key always, then those of the label or of every
 * entity (a Source has no `description` of its own in the ontology, but the Entity interface shows
 * one), never anything else.
 */
function readProperties(label: Label | 'Entity', selected: readonly string[]): string[] {
  const known = (name: string) => isProperty(label, name) || isProperty('Entity', name);
  return [...new Set(['key', ...selected.filter(known)])];
}

/** The key and the selected properties (`m {.key, .name}`), or all of them (`m {.*}`). */
export function nodeProjection(
  label: Label | 'Entity',
  node: Cypher.Variable,
  selection: NodeSelection,
): Cypher.MapProjection {
  if (selection.properties === 'all') return new Cypher.MapProjection(node, '*');
  return new Cypher.MapProjection(node, readProperties(label, selection.properties));
}

/**
 * A target's selected properties as a list, key first (`[m.key, m.name]`), and how to read it back
 * into a map; or all of them as a map (`m {.*}`). A list sends no property names, which the driver
 * decodes as strings for every node: for the nested 20 × 10 × 10 list, 4,840 of them, and the
 * statement's CPU in our process 6.1 → 4.3 ms.
 */
function targetValues(
  label: Label | 'Entity',
  node: Cypher.Variable,
  selection: NodeSelection,
): { expr: Cypher.Expr; read: (value: Plain) => Record<string, Plain> } {
  if (selection.properties === 'all') {
    return { expr: new Cypher.MapProjection(node, '*'), read: (value) => value as Record<string, Plain> };
  }
  const names = readProperties(label, selection.properties);
  return { expr: new Cypher.List(names.map((name) => node.property(name))), read: readBack(names) };
}

/** A list of property values, in the order of `names`, as a map. */
function readBack(names: readonly string[]): (value: Plain) => Record<string, Plain> {
  return (value) => {
    const values = value as Plain[];
    const properties: Record<string, Plain> = {};
    for (let i = 0; i < names.length; i++) properties[names[i] as string] = values[i] ?? null;
    return properties;
  };
}

/** targetValues for the statements still written as text (analyst-store.ts): `[m.key, m.name]`. */
export function targetValuesText(
  label: Label | 'Entity',
  variable: string,
  selection: NodeSelection,
): { text: string; read: (value: Plain) => Record<string, Plain> } {
  if (selection.properties === 'all') {
    return { text: `${variable} {.*}`, read: (value) => value as Record<string, Plain> };
  }
  const names = readProperties(label, selection.properties);
  return { text: `[${names.map((name) => `${variable}.${name}`).join(', ')}]`, read: readBack(names) };
}

/** `m {.key, .name}` as text, for the statements still written as text (analyst-store.ts). */
export function projection(label: Label | 'Entity', variable: string, selection: NodeSelection): string {
  if (selection.properties === 'all') return `${variable} {.*}`;
  const names = readProperties(label, selection.properties);
  return `${variable} {${names.map((name) => `.${name}`).join(', ')}}`;
}

/** A statement's source: its own sourceKey, or for evidence (SOURCED_FROM) the Source it points at. */
function statementSource(statement: Cypher.Variable): Cypher.Expr {
  return Cypher.coalesce(
    statement.property('sourceKey'),
    new Cypher.Case(Cypher.type(statement))
      .when(new Cypher.Literal(EVIDENCE_RELATIONSHIP))
      // The builder has no property access on a function's value: this one constant piece is text.
      .then(new Cypher.Raw((context) => `endNode(${context.compile(statement)}).key`)),
  );
}

export interface NestedRelations {
  /** `CALL (m) { … }` subqueries, one per selected relation. */
  calls: Cypher.Call[];
  /** A Cypher list of their pages, in the order of `read`; undefined when nothing is nested. */
  list: Cypher.List | undefined;
  /** The pages by response name, from the list's value (or the error that kept one from being fetched). */
  read: (value: Plain) => Record<string, Page | Error>;
}

/**
 * The relations selected on `node`, each a page in the same statement. A relation whose arguments are
 * wrong (a bad cursor, first over the limit, an unknown order) is not fetched: its error is read back
 * under its response name, so that its field reports it, on that field, as it would have alone.
 */
export function nestedRelations(
  label: Label | 'Entity',
  node: Cypher.Node,
  selection: NodeSelection,
  scope: Scope,
): NestedRelations {
  const pages: { responseName: string; page: CompiledPage }[] = [];
  const refused: Record<string, Error> = {};
  if (label !== 'Entity') {
    for (const selected of selection.relations) {
      const relation = relationNamed(label, selected.relation);
      if (!relation) throw new Error(`${label} has no relation ${selected.relation}`);
      try {
        pages.push({
          responseName: selected.responseName,
          page: relationPage(relation, node, selected.args, scope),
        });
      } catch (error) {
        if (!isArgumentError(error)) throw error;
        refused[selected.responseName] = error;
      }
    }
  }
  return {
    calls: pages.map(({ page }) => page.call),
    list: pages.length ? new Cypher.List(pages.map(({ page }) => page.result)) : undefined,
    read: (value) => {
      const values = (value ?? []) as Plain[];
      return {
        ...refused,
        ...Object.fromEntries(
          pages.map(({ responseName, page }, i) => [responseName, page.read(values[i] ?? null)]),
        ),
      };
    },
  };
}

/** The errors a relation's arguments can cause: the user's to fix, reported on the field. */
function isArgumentError(error: unknown): error is Error {
  return error instanceof PageError || error instanceof FilterError || error instanceof CursorError;
}

export interface CompiledPage {
  /** `CALL (parent) { … RETURN collect(…) AS <result> }` */
  call: Cypher.Call;
  /** The variable holding the page's edges, one list per parent row. */
  result: Cypher.Variable;
  read: (value: Plain) => Page;
}

/**
 * A page of `relation`'s targets for the node in `parent`: targets grouped (a target two sources
 * connect appears once, with both statements), filtered, ordered, cut to the page — then their own
 * selected relations, and one list of edges per parent.
 */
export function relationPage(
  relation: RelationDef,
  parent: Cypher.Node,
  args: RelatedArgs,
  scope: Scope,
): CompiledPage {
  const plan = planPage(
    args.page,
    args.orderBy,
    scope.maxPageSize,
    { list: relation.list, target: relation.target },
    args.pageInfo ?? true,
  );
  const selection = args.selection ?? ALL_PROPERTIES;
  const statements = args.statements ?? true;
  const { match, target: m, edge: r } = matchRelated(relation, parent, args.where);
  const rels = new Cypher.Variable();
  const sortValue = new Cypher.Variable();
  const result = new Cypher.Variable();
  const carried: Cypher.Variable[] = statements ? [m, rels] : [m];
  const grouped = statements
    ? match
        .with(m, r)
        .orderBy(r.property('sourceKey'), r.property('quote'))
        .with(m, [Cypher.collect(r), rels])
    : match.with(m).distinct();
  const ranked = grouped.with(...carried, [sortExpression(relation.target, args.orderBy, m), sortValue]);
  const after = cursorCondition(plan, sortValue, m);
  if (after) ranked.where(after);
  const page = ranked
    .with(...carried, sortValue)
    .orderBy([sortValue, plan.direction], [m.property('key'), plan.direction])
    .limit(new Cypher.Param(plan.limit));
  const nested = nestedRelations(relation.target, m, selection, scope);
  // One list per edge: [node's values, sort value, labels, statements, nested pages] — a map per edge,
  // or the node nested in one, made Neo4j build and send twice as much. Ordered by key, the sort value is
  // the key: not sent twice.
  const byKey = args.orderBy.field === 'key';
  const x = new Cypher.Variable();
  const target = targetValues(relation.target, m, selection);
  const entry = new Cypher.List([
    target.expr,
    byKey ? Cypher.Null : sortValue,
    relation.target === 'Entity' ? Cypher.labels(m) : Cypher.Null,
    statements
      ? new Cypher.ListComprehension(x)
          .in(rels)
          .map(new Cypher.MapProjection(x, '*', { type: Cypher.type(x), sourceKey: statementSource(x) }))
      : Cypher.Null,
    nested.list ?? Cypher.Null,
  ]);
  const body = Cypher.utils.concat(page, ...nested.calls, new Cypher.Return([Cypher.collect(entry), result]));
  const read = (value: Plain): Page => {
    const edges: Edge[] = ((value ?? []) as Plain[][]).map(([props, sort, labels, rels, pages]) => {
      const label = relation.target === 'Entity' ? labelOf(labels ?? []) : relation.target;
      const node = toRecord(label, target.read(props ?? null));
      if (pages) node[PREFETCHED] = nested.read(pages);
      const statementsRead = (rels ?? []) as Record<string, Plain>[];
      return new PageEdge(
        node,
        statementsRead,
        relation.list,
        cursorOrder(args.orderBy),
        byKey ? node.key : (sort ?? null),
      );
    });
    return finishPage(edges, plan, plan.cursor !== null);
  };
  return { call: new Cypher.Call(body, [parent]), result, read };
}
