/**
 * The one SchemaBuilder: plugins, scalars and root types. No entity types live here; each has its own
 * file under src/schema/types/.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import { getNamedType, getNullableType, isListType } from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../graph/paging.ts';
import { checkIdCount, decodeId } from './arg-rules.ts';
import type { Context } from './context.ts';
import { reads } from './field-reads.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: { JSON: { Input: unknown; Output: unknown } };
}>({
  plugins: [ErrorsPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // What these read of their parent, for the planner (field-reads.ts): the key, or nothing.
    idFieldOptions: reads({ kind: 'nothing' }),
    cursorFieldOptions: reads({ kind: 'nothing' }),
    nodeFieldOptions: reads({ kind: 'nothing' }),
    // node(id:) and nodes(ids:): an id is bounded and checked, an id list counted, before any Cypher.
    decodeGlobalID: decodeId,
    nodesQueryOptions: {
      resolve: (_root, args, ctx, _info, resolveNodes) => {
        checkIdCount(args.ids, ctx.limits.maxPageSize);
        return resolveNodes(args.ids);
      },
    },
  },
  errors: {
    defaultTypes: [],
  },
  complexity: {
    // Measured once per request, before execution, by src/http/operation-limits.ts (which also
    // refuses): checking in the root resolvers, as the plugin does by default, comes after
    // graphql-jit has compiled the operation — too late for a query whose compiling is the attack.
    disabled: true,
    // A list costs as many times its selection as it may return: `first`, `last` or `limit` when given,
    // else what it returns by default (a connection's page: DEFAULT_PAGE_SIZE; another list: 10).
    fieldComplexity: (args, _ctx, field) => {
      const size = [args.first, args.last, args.limit].find((n): n is number => typeof n === 'number');
      if (size !== undefined) return { field: 1, multiplier: Math.max(size, 1) };
      if (getNamedType(field.type).name.endsWith('Connection'))
        return { field: 1, multiplier: DEFAULT_PAGE_SIZE };
      // A connection's `edges` is already counted by the connection's own multiplier.
      const isList = isListType(getNullableType(field.type)) && field.name !== 'edges';
      return { field: 1, multiplier: isList ? 10 : 1 };
    },
  },
});

builder.queryType({ description: 'Read the knowledge graph of China’s national hi-tech zones.' });
