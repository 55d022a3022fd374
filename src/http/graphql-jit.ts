/**
 * Compiled execution (graphql-jit through @envelop/graphql-jit): a query is turned into JavaScript
 * once and its answers are built without graphql-js's per-field interpretation — about 1.5 × the
 * throughput on large nested answers (docs/benchmarks.md).
 *
 * graphql-jit 0.8 coerces variables with code of its own that differs from graphql-js on input
 * objects: it never finishes on a recursive input type (our `where` filters: ZoneWhere.AND is
 * [ZoneWhere]; zalando-incubator/graphql-jit#175) and does not fill in an input field's default
 * (`orderBy: { field: NAME }` without `direction`). So an operation with a variable of an input object
 * type runs in graphql-js; the same values written inline in the query are compiled like any argument.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { type DocumentNode, type GraphQLSchema, isInputObjectType, Kind, type TypeNode } from 'graphql';

const namedTypeOf = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);

/** Whether graphql-jit can run an operation as graphql-js would: none of its variables is an input object. */
export function compilableOperations(schema: GraphQLSchema): (document: DocumentNode) => boolean {
  const verdicts = new WeakMap<DocumentNode, boolean>();
  const compilable = (document: DocumentNode) =>
    document.definitions.every(
      (definition) =>
        definition.kind !== Kind.OPERATION_DEFINITION ||
        (definition.variableDefinitions ?? []).every(
          (variable) => !isInputObjectType(schema.getType(namedTypeOf(variable.type))),
        ),
    );
  return (document) => {
    let verdict = verdicts.get(document);
    if (verdict === undefined) {
      verdict = compilable(document);
      verdicts.set(document, verdict);
    }
    return verdict;
  };
}

export function useCompiledExecution(schema: GraphQLSchema) {
  const compilable = compilableOperations(schema);
  return useGraphQlJit({}, { enableIf: ({ document }) => compilable(document) });
}
