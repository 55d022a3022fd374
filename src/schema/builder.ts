/**
 * The one SchemaBuilder: plugins, scalars and root types. No entity types live here; each has its own
 * file under src/schema/types/.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError, getNullableType, isListType } from 'graphql';
import type { Context } from './context.ts';

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
  },
  errors: {
    defaultTypes: [],
  },
  complexity: {
    // A list costs as many times its selection as it may return: `first`, `last` or `limit` when given.
    fieldComplexity: (args, _ctx, field) => {
      const size = [args.first, args.last, args.limit].find((n): n is number => typeof n === 'number');
      if (size !== undefined) return { field: 1, multiplier: Math.max(size, 1) };
      // A connection's `edges` is already counted by the connection's own multiplier.
      const isList = isListType(getNullableType(field.type)) && field.name !== 'edges';
      return { field: 1, multiplier: isList ? 10 : 1 };
    },
    limit: (ctx) => ({
      complexity: ctx.limits.maxComplexity,
      depth: ctx.limits.maxDepth,
      breadth: ctx.limits.maxBreadth,
    }),
    complexityError: (kind, result) => {
      const measure = kind.toLowerCase() as 'complexity' | 'depth' | 'breadth';
      const max = { complexity: result.maxComplexity, depth: result.maxDepth, breadth: result.maxBreadth }[
        measure
      ];
      return new GraphQLError(
        `The query's ${measure} is ${result[measure]}, over the limit of ${max} (MAX_${kind.toUpperCase()}): ask for fewer items (first:) or fewer nested relations.`,
        { extensions: { code: 'QUERY_TOO_COMPLEX', limit: measure, value: result[measure], max } },
      );
    },
  },
});

builder.queryType({ description: 'Read the knowledge graph of China’s national hi-tech zones.' });
