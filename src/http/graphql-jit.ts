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
import {
  BREAK,
  type DocumentNode,
  type GraphQLSchema,
  isInputObjectType,
  Kind,
  type TypeNode,
  visit,
} from 'graphql';
import { plainlySerialisable, useSerialiserFallback } from './compiled-json.ts';
import { jitCompileCost } from './jit-cost.ts';

/**
 * The most field compilations (src/http/jit-cost.ts) an operation may cost to be compiled: about 100 ms
 * of compiling at most; two levels of `relations` through `Entity` cost ~200 (43 ms), three ~2,400
 * (0.6–2 s). Costlier operations run in graphql-js, which needs no preparation.
 */
export const JIT_COMPILE_BUDGET = 500;

/**
 * Whether the document selects through a fragment (spread or inline). graphql-jit writes a fragment's
 * fields in an order of its own (`{ a ...F b }` answers a, b, then F's), where graphql-js keeps the
 * order the selection asks for (the spec's CollectFields); such operations run in graphql-js.
 */
function hasFragments(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    enter(node) {
      if (node.kind === Kind.FRAGMENT_SPREAD || node.kind === Kind.INLINE_FRAGMENT) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

const namedTypeOf = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);

/**
 * Whether graphql-jit can run an operation as graphql-js would and cheaply: its document holds one
 * operation (@envelop/graphql-jit keeps one compiled operation per document, whatever the
 * operationName: the second operation of a document would run the first), it selects through no
 * fragment, none of its variables is an input object or has a default, and compiling it costs at most
 * `budget`. The verdict is kept with the document, whose
 * life (and so the compiled code's: @envelop/graphql-jit keeps it in a WeakMap by document) is bounded
 * by yoga's document cache.
 */
export function compilableOperations(
  schema: GraphQLSchema,
  budget = JIT_COMPILE_BUDGET,
): (document: DocumentNode, operationName?: string | null) => boolean {
  const verdicts = new WeakMap<DocumentNode, Map<string, boolean>>();
  const compilable = (document: DocumentNode, operationName: string | null | undefined) =>
    document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length === 1 &&
    !hasFragments(document) &&
    document.definitions.every(
      (definition) =>
        definition.kind !== Kind.OPERATION_DEFINITION ||
        (definition.variableDefinitions ?? []).every(
          (variable) =>
            !isInputObjectType(schema.getType(namedTypeOf(variable.type))) &&
            // graphql-jit 0.8 refuses a non-null variable with a default when no value is sent.
            variable.defaultValue === undefined,
        ),
    ) &&
    jitCompileCost(schema, document, operationName, budget) <= budget;
  return (document, operationName) => {
    let byName = verdicts.get(document);
    if (!byName) {
      byName = new Map();
      verdicts.set(document, byName);
    }
    let verdict = byName.get(operationName ?? '');
    if (verdict === undefined) {
      verdict = compilable(document, operationName);
      byName.set(operationName ?? '', verdict);
    }
    return verdict;
  };
}

/**
 * Compiled execution; operations whose answers graphql-jit's compiled serialiser writes as
 * JSON.stringify would (compiled-json.ts) are compiled with it, the others without.
 */
export function useCompiledExecution(schema: GraphQLSchema) {
  const compilable = compilableOperations(schema);
  const plain = plainlySerialisable(schema);
  return [
    useGraphQlJit(
      { customJSONSerializer: true },
      {
        enableIf: ({ document, operationName }) => compilable(document, operationName) && plain(document),
      },
    ),
    useGraphQlJit(
      {},
      {
        enableIf: ({ document, operationName }) => compilable(document, operationName) && !plain(document),
      },
    ),
    useSerialiserFallback(),
  ];
}
