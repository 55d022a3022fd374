/**
 * Compiles a `where` filter into a Cypher condition. Filters combine with AND/OR/NOT, test scalar
 * properties (eq, ne, in, contains, startsWith, endsWith, gt, gte, lt, lte, includes) and follow
 * relations (`some`, `none`, `count` for to-many; a nested filter for to-one), e.g. "zones in province P",
 * "zones holding designation D", "zones with at least N companies". Values become parameters;
 * property and relation names are checked against the ontology.
 */
import { instantiate, type Params, property, propertyKind, type Variables } from './cypher-builder.ts';
import type { Label } from './ontology.ts';
import { relationsOf } from './relations.ts';

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
}

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

/** Conditions for one scalar filter on `expr` (text matching is case-insensitive). */
export function scalarConditions(expr: string, filter: ScalarFilter, params: Params): string[] {
  const out: string[] = [];
  if (present(filter.eq)) out.push(`${expr} = ${params.add(filter.eq)}`);
  if (present(filter.ne)) out.push(`${expr} <> ${params.add(filter.ne)}`);
  if (present(filter.in)) out.push(`${expr} IN ${params.add(filter.in)}`);
  if (present(filter.contains)) out.push(`toLower(${expr}) CONTAINS toLower(${params.add(filter.contains)})`);
  if (present(filter.startsWith))
    out.push(`toLower(${expr}) STARTS WITH toLower(${params.add(filter.startsWith)})`);
  if (present(filter.endsWith))
    out.push(`toLower(${expr}) ENDS WITH toLower(${params.add(filter.endsWith)})`);
  if (present(filter.gt)) out.push(`${expr} > ${params.add(filter.gt)}`);
  if (present(filter.gte)) out.push(`${expr} >= ${params.add(filter.gte)}`);
  if (present(filter.lt)) out.push(`${expr} < ${params.add(filter.lt)}`);
  if (present(filter.lte)) out.push(`${expr} <= ${params.add(filter.lte)}`);
  if (present(filter.includes)) out.push(`${params.add(filter.includes)} IN coalesce(${expr}, [])`);
  return out;
}

export function compileWhere(
  label: Label | 'Entity',
  where: Where | null | undefined,
  variable: string,
  params: Params,
  vars: Variables,
): string {
  if (!where) return 'true';
  const parts: string[] = [];
  for (const [field, value] of Object.entries(where)) {
    if (!present(value)) continue;
    if (field === 'AND') {
      parts.push(...(value as Where[]).map((w) => `(${compileWhere(label, w, variable, params, vars)})`));
    } else if (field === 'OR') {
      const alternatives = (value as Where[]).map(
        (w) => `(${compileWhere(label, w, variable, params, vars)})`,
      );
      parts.push(alternatives.length ? `(${alternatives.join(' OR ')})` : 'false');
    } else if (field === 'NOT') {
      // A missing property makes a condition null, not false: NOT must still hold for it.
      parts.push(`NOT coalesce((${compileWhere(label, value as Where, variable, params, vars)}), false)`);
    } else if (label !== 'Entity' && propertyKind(label, field)) {
      parts.push(...scalarConditions(property(label, variable, field), value as ScalarFilter, params));
    } else if (label !== 'Entity') {
      parts.push(...relationConditions(label, field, value, variable, params, vars));
    } else if (field === 'key' || field === 'name') {
      parts.push(...scalarConditions(`${variable}.${field}`, value as ScalarFilter, params));
    } else {
      throw new FilterError(`Unknown filter field ${field}`);
    }
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

function relationConditions(
  label: Label,
  field: string,
  value: unknown,
  variable: string,
  params: Params,
  vars: Variables,
): string[] {
  const def = relationsOf(label).find((r) => r.name === field);
  if (!def) throw new FilterError(`${label} has no field ${field} to filter on`);
  const m = vars.fresh('m');
  const pattern = instantiate(def, { n: variable, r: vars.fresh('r'), m });
  const target = def.target;
  if (!def.many) {
    const inner = compileWhere(target, value as Where, m, params, vars);
    return [`EXISTS { MATCH ${pattern}${joiner(pattern)}${inner} }`];
  }
  const filter = value as RelationFilter;
  const out: string[] = [];
  if (filter.some) {
    out.push(
      `EXISTS { MATCH ${pattern}${joiner(pattern)}${compileWhere(target, filter.some, m, params, vars)} }`,
    );
  }
  if (filter.none) {
    out.push(
      `NOT EXISTS { MATCH ${pattern}${joiner(pattern)}${compileWhere(target, filter.none, m, params, vars)} }`,
    );
  }
  if (filter.count) {
    const count = `COUNT { MATCH ${pattern} RETURN DISTINCT ${m} }`;
    out.push(...scalarConditions(count, filter.count, params));
  }
  return out;
}

/** Continues a pattern with a condition: AND when the pattern already has a WHERE. */
function joiner(pattern: string): string {
  return pattern.includes(' WHERE ') ? ' AND ' : ' WHERE ';
}
