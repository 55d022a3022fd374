/**
 * One relation's page of targets for a parent node, as a Cypher `CALL` subquery — and inside it, the
 * relations the query selects on those targets, and so on down. A nested selection (zones → clusters
 * → technologies) thus costs one statement, and each node returns only the properties selected.
 */
import type { Plain } from '../neo4j/values.ts';
import { instantiate, isProperty, type Params, type Variables } from './cypher-builder.ts';
import type { Label } from './ontology.ts';
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
import { labelOf, PREFETCHED, STATEMENT_SOURCE, toRecord } from './records.ts';
import { type RelationDef, relationsOf } from './relations.ts';
import { compileWhere, type Where } from './where.ts';

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
}

export interface SelectedRelation {
  /** The field's response name (alias or name): the records keep the fetched page under it. */
  responseName: string;
  /** The relation's name on the parent's label (`clusters`). */
  relation: string;
  args: RelatedArgs;
}

/** Names and parameters of one statement, shared by all the subqueries in it. */
export interface Scope {
  params: Params;
  vars: Variables;
  maxPageSize: number;
}

/** `m {.key, .name}`: the key and the selected properties of the ontology, or `m {.*}`. */
export function projection(label: Label | 'Entity', variable: string, selection: NodeSelection): string {
  if (selection.properties === 'all') return `${variable} {.*}`;
  const names = new Set(['key', ...selection.properties.filter((name) => isProperty(label, name))]);
  return `${variable} {${[...names].map((name) => `.${name}`).join(', ')}}`;
}

export interface NestedRelations {
  /** `CALL (m) { … }` subqueries, one per selected relation. */
  calls: string;
  /** A Cypher list of their pages, in the order of `read`; empty when nothing is nested. */
  list: string;
  /** The pages by response name, from the list's value. */
  read: (value: Plain) => Record<string, Page>;
}

/**
 * The selected to-many relations of `variable`. A relation whose arguments do not compile (a bad
 * cursor or filter) is left out: its field's resolver then asks again and reports the error where
 * it belongs, on that field.
 */
export function nestedRelations(
  label: Label | 'Entity',
  variable: string,
  selection: NodeSelection,
  scope: Scope,
): NestedRelations {
  const pages: { responseName: string; page: CompiledPage }[] = [];
  if (label !== 'Entity') {
    for (const selected of selection.relations) {
      const relation = relationsOf(label).find((r) => r.many && r.name === selected.relation);
      if (!relation) continue;
      try {
        pages.push({
          responseName: selected.responseName,
          page: relationPage(relation, variable, selected.args, scope),
        });
      } catch {
        // Left to the field's resolver (see above).
      }
    }
  }
  return {
    calls: pages.map(({ page }) => page.cypher).join('\n'),
    list: pages.length ? `[${pages.map(({ page }) => page.result).join(', ')}]` : '',
    read: (value) => {
      const values = value as Plain[];
      return Object.fromEntries(
        pages.map(({ responseName, page }, i) => [responseName, page.read(values[i] ?? null)]),
      );
    },
  };
}

export interface CompiledPage {
  /** `CALL (parent) { … RETURN collect(…) AS <result> }` */
  cypher: string;
  /** The variable holding the page's edges, one list per parent row. */
  result: string;
  read: (value: Plain) => Page;
}

/**
 * A page of `relation`'s targets for the node in `parent`: targets grouped (a target two sources
 * connect appears once, with both statements), filtered, ordered, cut to the page — then their own
 * selected relations, and one list of edges per parent.
 */
export function relationPage(
  relation: RelationDef,
  parent: string,
  args: RelatedArgs,
  scope: Scope,
): CompiledPage {
  const { params, vars } = scope;
  const plan = planPage(args.page, args.orderBy, scope.maxPageSize);
  const selection = args.selection ?? ALL_PROPERTIES;
  const statements = args.statements ?? true;
  const m = vars.fresh('m');
  const r = vars.fresh('r');
  const rels = vars.fresh('rels');
  const sortValue = vars.fresh('sortValue');
  const x = vars.fresh('x');
  const result = vars.fresh('edges');
  const pattern = instantiate(relation, { n: parent, r, m });
  const filter = compileWhere(relation.target, args.where, m, params, vars);
  const sort = sortExpression(relation.target, args.orderBy, m, vars);
  const carried = statements ? `${m}, ${rels}` : m;
  const nested = nestedRelations(relation.target, m, selection, scope);
  // One list per edge: [node, sort value, labels, statements, nested pages] — a map per edge, or the
  // node nested in one, made Neo4j build and send twice as much. Ordered by key, the sort value is
  // the key: not sent twice.
  const byKey = args.orderBy.field === 'key';
  const entry = [
    projection(relation.target, m, selection),
    byKey ? 'null' : sortValue,
    relation.target === 'Entity' ? `labels(${m})` : 'null',
    statements
      ? `[${x} IN ${rels} | ${x} {.*, type: type(${x}), sourceKey: ${STATEMENT_SOURCE(x)}}]`
      : 'null',
    nested.list || 'null',
  ];
  const cypher = `CALL (${parent}) {
  MATCH ${pattern}${pattern.includes(' WHERE ') ? ' AND ' : ' WHERE '}${filter}
  ${statements ? `WITH ${m}, ${r} ORDER BY ${r}.sourceKey, ${r}.quote WITH ${m}, collect(${r}) AS ${rels}` : `WITH DISTINCT ${m}`}
  WITH ${carried}, ${sort} AS ${sortValue}
  WHERE ${cursorCondition(plan, sortValue, m, params)}
  WITH ${carried}, ${sortValue} ORDER BY ${sortValue} ${plan.direction}, ${m}.key ${plan.direction} LIMIT ${params.add(plan.limit)}
  ${nested.calls}
  RETURN collect([${entry.join(', ')}]) AS ${result}
}`;
  const read = (value: Plain): Page => {
    const edges: Edge[] = ((value ?? []) as Plain[][]).map(([props, sort, labels, rels, pages]) => {
      const label = relation.target === 'Entity' ? labelOf(labels ?? []) : relation.target;
      const node = toRecord(label, props as Record<string, Plain>);
      if (pages) node[PREFETCHED] = nested.read(pages);
      const statementsRead = (rels ?? []) as Record<string, Plain>[];
      return new PageEdge(node, statementsRead, args.orderBy.field, byKey ? node.key : (sort ?? null));
    });
    return finishPage(edges, plan, plan.cursor !== null);
  };
  return { cypher, result, read };
}
