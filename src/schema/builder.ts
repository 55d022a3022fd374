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
import { decodeId } from './arg-rules.ts';
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
    // The page size: the SDL says what the resolvers, the cost rule (below) and the README say.
    firstArgOptions: {
      description: `How many items after \`after\` (or from the start): 0 to MAX_PAGE_SIZE (100 unless configured). Default: ${DEFAULT_PAGE_SIZE} when neither first nor last is given.`,
    },
    lastArgOptions: {
      description: `How many items before \`before\` (or up to the end): 0 to MAX_PAGE_SIZE (100 unless configured). Not with first.`,
    },
    afterArgOptions: {
      description:
        'A cursor of this same field (edges.cursor or pageInfo.endCursor), for the next page. Not with before.',
    },
    beforeArgOptions: {
      description:
        'A cursor of this same field (edges.cursor or pageInfo.startCursor), for the previous page; goes with last.',
    },
    // What these read of their parent, for the planner (field-reads.ts): the key, or nothing.
    idFieldOptions: reads({ kind: 'nothing' }),
    cursorFieldOptions: reads({ kind: 'nothing' }),
    nodeFieldOptions: reads({ kind: 'nothing' }),
    // A global ID argument is bounded and checked before any Cypher.
    decodeGlobalID: decodeId,
    // node(id:) and nodes(ids:) are ours (node-fields.ts): a malformed id errs at its own path only.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
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
