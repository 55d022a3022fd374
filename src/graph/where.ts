/**
 * Compiles a `where` filter into a Cypher predicate. Filters combine with AND/OR/NOT, test scalar
 * properties (eq, ne, in, contains, startsWith, endsWith, gt, gte, lt, lte, includes, isNull) and follow
 * relations (`some`, `none`, `count` for to-many; a nested filter for to-one), e.g. "zones in province P",
 * "zones holding designation D", "zones with at least N companies". Values become parameters;
 * property and relation names are checked against the ontology.
 */
import Cypher from '@neo4j/cypher-builder';
import type { Label } from './ontology.ts';
import { property, propertyKind } from './properties.ts';
import { relationMatch } from './relation-pattern.ts';
import { type RelationDef, relationNamed } from './relations.ts';

export interface ScalarFilter {
  eq?: unknown;
  ne?: unknown;
  in?: unknown[];
  contains?: string;
  startsWith?: string;
  endsWith?: string;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  /** For list properties (aliases): the list holds this value. */
  includes?: string;
  /** true: the property has no value; false: it has one. */
  isNull?: boolean | null;
}

/** Operators that compare with a value: an explicit null there would silently test nothing. */
const VALUE_OPERATORS = [
  'eq',
  'ne',
  'in',
  'contains',
  'startsWith',
  'endsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'includes',
] as const;

export interface RelationFilter {
  some?: Where;
  none?: Where;
  count?: ScalarFilter;
}

export type Where = {
  AND?: Where[];
  OR?: Where[];
  NOT?: Where;
} & Record<string, unknown>;

export class FilterError extends Error {
  override name = 'FilterError';
}

const present = (value: unknown) => value !== undefined && value !== null;

/** What to write instead of `field: null` in a filter. */
function nullFilterMessage(label: Label | 'Entity', field: string): string {
  if (field === 'AND' || field === 'OR' || field === 'NOT')
    return `${field}: null asks nothing (it used to return everything); leave ${field} out, or give it conditions`;
  if (label !== 'Entity' && !propertyKind(label, field) && relationNamed(label, field))
    return `${field}: null asks nothing (it used to return everything); for nodes without one, use ${
      relationNamed(label, field)?.many ? `${field}: { none: {} }` : `NOT: { ${field}: {} }`
    }`;
  return `${field}: null asks nothing (it used to return everything); to ask for a missing value use ${field}: { isNull: true }`;
}
const param = (value: unknown) => new Cypher.Param(value);

/** Conditions for one scalar filter on `expr` (text matching is case-insensitive). */
export function scalarConditions(expr: Cypher.Expr, filter: ScalarFilter): Cypher.Predicate[] {
  const out: Cypher.Predicate[] = [];
  for (const op of VALUE_OPERATORS) {
    if (filter[op] === null)
      throw new FilterError(
        `${op}: null compares with nothing (Cypher's null is unknown); to ask for a missing value use isNull: true`,
      );
  }
  if (filter.isNull === null)
    throw new FilterError(
      'isNull: null asks nothing (it used to return everything); use isNull: true for a missing value or isNull: false for a present one',
    );
  const lower = (value: unknown) => Cypher.toLower(param(value));
  if (filter.isNull === true) out.push(Cypher.isNull(expr));
  if (filter.isNull === false) out.push(Cypher.isNotNull(expr));
  if (present(filter.eq)) out.push(Cypher.eq(expr, param(filter.eq)));
  if (present(filter.ne)) out.push(Cypher.neq(expr, param(filter.ne)));
  if (present(filter.in)) out.push(Cypher.in(expr, param(filter.in)));
  if (present(filter.contains)) out.push(Cypher.contains(Cypher.toLower(expr), lower(filter.contains)));
  if (present(filter.startsWith)) out.push(Cypher.startsWith(Cypher.toLower(expr), lower(filter.startsWith)));
  if (present(filter.endsWith)) out.push(Cypher.endsWith(Cypher.toLower(expr), lower(filter.endsWith)));
  if (present(filter.gt)) out.push(Cypher.gt(expr, param(filter.gt)));
  if (present(filter.gte)) out.push(Cypher.gte(expr, param(filter.gte)));
  if (present(filter.lt)) out.push(Cypher.lt(expr, param(filter.lt)));
  if (present(filter.lte)) out.push(Cypher.lte(expr, param(filter.lte)));
  if (present(filter.includes))
    out.push(Cypher.in(param(filter.includes), Cypher.coalesce(expr, new Cypher.Literal([]))));
  return out;
}

/** `where` on the nodes in `node` as one predicate; undefined when it asks nothing. */
export function compileWhere(
  label: Label | 'Entity',
  where: Where | null | undefined,
  node: Cypher.Variable,
): Cypher.Predicate | undefined {
  if (!where) return undefined;
  const parts: Cypher.Predicate[] = [];
  for (const [field, value] of Object.entries(where)) {
    if (value === undefined) continue;
    // A null that stood for "no condition" made a filter return everything; it asks nothing, so it is
    // refused with what to write instead (as `eq: null` and `isNull: null` are).
    if (value === null) throw new FilterError(nullFilterMessage(label, field));
    if (field === 'AND') {
      parts.push(...(value as Where[]).map((w) => compileWhere(label, w, node) ?? Cypher.true));
    } else if (field === 'OR') {
      const alternatives = (value as Where[]).map((w) => compileWhere(label, w, node) ?? Cypher.true);
      parts.push(alternatives.length ? (Cypher.or(...alternatives) ?? Cypher.false) : Cypher.false);
    } else if (field === 'NOT') {
      // A missing property makes a condition null, not false: NOT must still hold for it.
      const inner = compileWhere(label, value as Where, node) ?? Cypher.true;
      parts.push(Cypher.not(Cypher.coalesce(inner, Cypher.false)));
    } else if (label !== 'Entity' && propertyKind(label, field)) {
      parts.push(...scalarConditions(property(label, node, field), value as ScalarFilter));
    } else if (label !== 'Entity') {
      parts.push(...relationConditions(label, field, value, node));
    } else if (field === 'key' || field === 'name') {
      parts.push(...scalarConditions(property('Entity', node, field), value as ScalarFilter));
    } else {
      throw new FilterError(`Unknown filter field ${field}`);
    }
  }
  return Cypher.and(...parts);
}

/** `MATCH pattern WHERE condition AND filter` of a relation, for EXISTS and COUNT subqueries. */
export function matchRelated(
  relation: RelationDef,
  parent: Cypher.Node,
  where: Where | null | undefined,
): { match: Cypher.Match; target: Cypher.Node; edge: Cypher.Relationship } {
  const { pattern, condition, target, edge } = relationMatch(relation, parent);
  const match = new Cypher.Match(pattern);
  const filter = Cypher.and(condition, compileWhere(relation.target, where, target));
  if (filter) match.where(filter);
  return { match, target, edge };
}

/** How many distinct targets `relation` reaches from `parent` (through `where`, if given). */
export function relatedCount(relation: RelationDef, parent: Cypher.Node, where?: Where | null): Cypher.Count {
  const { match, target } = matchRelated(relation, parent, where);
  return new Cypher.Count(match.return(target).distinct());
}

function relationConditions(
  label: Label,
  field: string,
  value: unknown,
  node: Cypher.Variable,
): Cypher.Predicate[] {
  const relation = relationNamed(label, field);
  if (!relation) throw new FilterError(`${label} has no field ${field} to filter on`);
  const parent = node as Cypher.Node;
  if (!relation.many) return [new Cypher.Exists(matchRelated(relation, parent, value as Where).match)];
  const filter = value as RelationFilter;
  for (const part of ['some', 'none', 'count'] as const)
    if (filter[part] === null)
      throw new FilterError(
        `${field}: { ${part}: null } asks nothing; give a condition, e.g. ${field}: { ${part === 'count' ? 'count: { gte: 1 }' : `${part}: { key: { eq: "…" } }`} }`,
      );
  const out: Cypher.Predicate[] = [];
  if (filter.some) out.push(new Cypher.Exists(matchRelated(relation, parent, filter.some).match));
  if (filter.none) out.push(Cypher.not(new Cypher.Exists(matchRelated(relation, parent, filter.none).match)));
  if (filter.count) out.push(...scalarConditions(relatedCount(relation, parent), filter.count));
  return out;
}
