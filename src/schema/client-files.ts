/**
 * What a client's cache needs to know of the schema, generated with the SDL (`npm run schema:print`)
 * and committed beside it: `schema/possible-types.json` (Apollo Client's `possibleTypes`: the types
 * behind every interface and union) and `schema/cache-policies.json` (the connection fields with the
 * arguments that key them, for `relayStylePagination`, and the object types without identity whose
 * objects a cache should merge rather than replace). tests/unit/schema-sdl.test.ts keeps them in sync.
 */
import {
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';

const PAGING_ARGS = new Set(['first', 'last', 'after', 'before']);

export function possibleTypesOf(schema: GraphQLSchema): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const types = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    if (!isAbstractType(type)) continue;
    const subtypes = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
    result[type.name] = subtypes.map((t) => t.name).sort();
  }
  return result;
}

export interface CachePolicies {
  /** Per type, its connection fields and the arguments (other than paging) that tell their lists apart. */
  connections: Record<string, Record<string, string[]>>;
  /** Object types without an id that appear as single objects: merged, not replaced, in the cache. */
  merge: string[];
}

export function cachePoliciesOf(schema: GraphQLSchema): CachePolicies {
  const connections: CachePolicies['connections'] = {};
  const merge: string[] = [];
  const types = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const fields = type.getFields();
    if (isObjectType(type)) {
      const isRoot = [schema.getQueryType(), schema.getMutationType()].includes(type);
      if (!isRoot && !fields.id && !type.name.endsWith('Connection') && type.name !== 'PageInfo') {
        merge.push(type.name);
      }
    }
    if (isInterfaceType(type)) continue;
    for (const field of Object.values(fields).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!getNamedType(field.type).name.endsWith('Connection')) continue;
      if (!field.args.some((a) => a.name === 'first')) continue;
      const own = connections[type.name] ?? {};
      connections[type.name] = own;
      own[field.name] = field.args
        .map((a) => a.name)
        .filter((name) => !PAGING_ARGS.has(name))
        .sort();
    }
  }
  return { connections, merge };
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
