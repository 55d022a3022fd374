/**
 * Keyset paging shared by every list and relation: the order (a property, or a relation's count), the
 * plan of one page (limit, direction, cursor), the cursor condition in Cypher, and the finished page.
 */

import Cypher from '@neo4j/cypher-builder';
import type { Plain } from '../neo4j/values.ts';
import { type Cursor, decodeCursor, encodeCursor, type SortKind } from './cursor.ts';
import type { Label } from './ontology.ts';
import { property, propertyKind } from './properties.ts';
import type { EntityRecord } from './records.ts';
import { relationsOf } from './relations.ts';
import { relatedCount } from './where.ts';

export interface OrderBy {
  /** A property of the label, or `<relation>Count` for a to-many relation. */
  field: string;
  direction: 'ASC' | 'DESC';
}

/**
 * What a cursor is tied to besides its list: the field and the direction. A cursor read in the other
 * direction would page on from the wrong end (and compare against the other end's stand-in for a
 * missing value), so it is refused like a cursor of another field.
 */
export const cursorOrder = (order: OrderBy): string => `${order.field} ${order.direction}`;

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

/** An edge whose cursor is encoded only when asked for (most queries never read it). */
export class PageEdge implements Edge {
  #cursor: string | undefined;

  constructor(
    readonly node: EntityRecord,
    readonly statements: Record<string, Plain>[],
    private readonly list: string,
    private readonly orderField: string,
    private readonly sortValue: Plain,
  ) {}

  get cursor(): string {
    this.#cursor ??= encodeCursor(this.list, this.orderField, this.sortValue, this.node.key);
    return this.#cursor;
  }
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
  ASC: { string: '\uFFFF', number: 1.0e300 },
  DESC: { string: '', number: -1.0e300 },
};

/** Whether `order` sorts `label`'s nodes by text or by number (what a cursor's value must be). */
export function sortKind(label: Label | 'Entity', order: OrderBy): SortKind {
  if (label === 'Entity' || order.field === 'key') return 'text';
  if (
    order.field.endsWith('Count') &&
    relationsOf(label).some((r) => r.many && `${r.name}Count` === order.field)
  )
    return 'number';
  const kind = propertyKind(label, order.field);
  return kind === 'int' || kind === 'float' ? 'number' : 'text';
}

/** The value a list is ordered by, for the node in `node`: never null, so that cursors compare. */
export function sortExpression(label: Label | 'Entity', order: OrderBy, node: Cypher.Node): Cypher.Expr {
  if (label === 'Entity' || order.field === 'key') return node.property('key');
  const relation = order.field.endsWith('Count')
    ? relationsOf(label).find((r) => r.many && `${r.name}Count` === order.field)
    : undefined;
  if (relation) return relatedCount(relation, node);
  const kind = propertyKind(label, order.field);
  if (!kind || kind === 'string[]' || kind === 'boolean')
    throw new PageError(`${label} cannot be ordered by ${order.field}`);
  const missing = MISSING[order.direction];
  const sentinel = kind === 'int' || kind === 'float' ? missing.number : missing.string;
  return Cypher.coalesce(property(label, node, order.field), new Cypher.Literal(sentinel));
}

export interface PagePlan {
  /** Rows to fetch: the page, and one more when the caller reads whether there is more. */
  limit: number;
  /** The order as executed: flipped for `last`. */
  direction: 'ASC' | 'DESC';
  cursor: Cursor | null;
  backwards: boolean;
  requested: number;
}

/** A paged list: what its cursors are tied to (`Query.zones`, `Zone.companies`) and what it lists. */
export interface PagedListRef {
  list: string;
  /** The label of its items (`Entity` for lists of any label), which decides how an order sorts. */
  target: Label | 'Entity';
}

/**
 * The plan of one page of a list. Throws PageError or CursorError on arguments no page can have; the same checks run before
 * execution (src/schema/paging-args.ts), so these are a last line.
 */
export function planPage(
  page: PageArgs,
  order: OrderBy,
  maxPageSize: number,
  { list, target }: PagedListRef,
  lookAhead = true,
): PagePlan {
  for (const name of ['first', 'last'] as const) {
    const n = page[name];
    if (n !== undefined && n !== null && (n < 0 || n > maxPageSize)) {
      throw new PageError(`${name} must be between 0 and ${maxPageSize} (MAX_PAGE_SIZE); got ${n}`);
    }
  }
  if (page.first != null && page.last != null) throw new PageError('Give either first or last, not both');
  if (page.first != null && page.before != null) {
    throw new PageError('before goes with last (paging backwards); with first, use after');
  }
  if (page.last != null && page.after != null) {
    throw new PageError('after goes with first (paging forwards); with last, use before');
  }
  if (page.after != null && page.before != null) {
    throw new PageError(
      'after and before together are not supported: page forwards with first and after, or backwards with last and before',
    );
  }
  const backwards = page.last != null || (page.before != null && page.first == null);
  const requested = (backwards ? page.last : page.first) ?? DEFAULT_PAGE_SIZE;
  const raw = backwards ? page.before : page.after;
  const cursor = raw ? decodeCursor(raw, list, cursorOrder(order), sortKind(target, order)) : null;
  const flip = order.direction === 'ASC' ? 'DESC' : 'ASC';
  return {
    // One row beyond the page tells whether there is more (hasNextPage, or hasPreviousPage backwards);
    // a caller that reads neither saves that row and, nested, every page fetched below it.
    limit: lookAhead ? requested + 1 : requested,
    direction: backwards ? flip : order.direction,
    cursor,
    backwards,
    requested,
  };
}

/** Rows after the cursor in the page's order (sort value, then key); undefined on the first page. */
export function cursorCondition(
  plan: PagePlan,
  sortValue: Cypher.Variable,
  node: Cypher.Node,
): Cypher.Predicate | undefined {
  if (!plan.cursor) return undefined;
  const after = plan.direction === 'ASC' ? Cypher.gt : Cypher.lt;
  const value = new Cypher.Param(plan.cursor.value);
  return Cypher.or(
    after(sortValue, value),
    Cypher.and(Cypher.eq(sortValue, value), after(node.property('key'), new Cypher.Param(plan.cursor.key))),
  );
}

export function finishPage(rows: Edge[], plan: PagePlan, hadCursorOnOtherSide: boolean): Page {
  const extra = rows.length > plan.requested;
  const edges = rows.slice(0, plan.requested);
  if (plan.backwards) edges.reverse();
  return {
    edges,
    hasNextPage: plan.backwards ? hadCursorOnOtherSide : extra,
    hasPreviousPage: plan.backwards ? extra : hadCursorOnOtherSide,
  };
}
