/**
 * Answers of compiled operations serialised by the code graphql-jit compiles for them
 * (`customJSONSerializer`: a fast-json-stringify function built from the operation's selection): no
 * walk of each value's type as JSON.stringify does, about 2.7 × faster on the nested 20 × 10 × 10 page
 * (128 kB: 1.3 ms against 3.5 ms; docs/architecture.md, "What each request pays over HTTP, third pass").
 *
 * Its output is JSON.stringify's byte for byte only where the operation says all there is to say of the
 * answer's shape, so it is used only for operations that
 * - select no fragment (graphql-jit merges the fields of all the types a fragment could apply to into one
 *   list of keys, whose order can differ from the answer's), and
 * - select no field of a custom scalar (graphql-jit knows the JSON types of the built-in ones only, and
 *   refuses to compile the operation otherwise);
 * and only for answers without errors or extensions (its errors follow a fixed list of keys, and it knows
 * no `extensions`): those are JSON.stringify's (`useSerialiserFallback`).
 */
import type { Plugin } from '@envelop/core';
import {
  type DocumentNode,
  type GraphQLFieldMap,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

type Fields = GraphQLFieldMap<unknown, unknown>;

/** Whether a selection set on a type of these fields holds only fields, each of a JSON type it knows. */
function plainSelection(fields: Fields, set: SelectionSetNode): boolean {
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD) return false;
    const name = selection.name.value;
    if (name === '__typename') continue;
    // Introspection's root fields (`__schema`, `__type`) are in no type's fields: not judged, refused.
    const field = fields[name];
    if (!field) return false;
    const type = getNamedType(field.type);
    if (isScalarType(type)) {
      if (!isSpecifiedScalarType(type)) return false;
    } else if (isEnumType(type)) {
      // Enum values are written as strings, which they are.
    } else if (isObjectType(type) || isAbstractType(type)) {
      if (!selection.selectionSet) return false;
      // A union has no fields of its own: only fragments select on it.
      if (!('getFields' in type)) return false;
      if (!plainSelection(type.getFields(), selection.selectionSet)) return false;
    } else return false;
  }
  return true;
}

/**
 * Whether graphql-jit's compiled serialiser writes the answers of this document's operation as
 * JSON.stringify would (see the file's comment); kept per document.
 */
export function plainlySerialisable(schema: GraphQLSchema): (document: DocumentNode) => boolean {
  const verdicts = new WeakMap<DocumentNode, boolean>();
  const judge = (document: DocumentNode) => {
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const [operation] = operations;
    if (operations.length !== 1 || !operation || document.definitions.length !== 1) return false;
    const root =
      operation.operation === 'query'
        ? schema.getQueryType()
        : operation.operation === 'mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    return !!root && plainSelection(root.getFields(), operation.selectionSet);
  };
  return (document) => {
    let verdict = verdicts.get(document);
    if (verdict === undefined) {
      verdict = judge(document);
      verdicts.set(document, verdict);
    }
    return verdict;
  };
}

type Stringify = (result: unknown) => string;
type Serialised = { errors?: readonly unknown[]; extensions?: unknown; stringify?: Stringify };

const guarded = new WeakMap<Stringify, Stringify>();

/** The compiled serialiser for answers with data only; JSON.stringify for any other. */
function withFallback(compiled: Stringify): Stringify {
  let stringify = guarded.get(compiled);
  if (!stringify) {
    stringify = (result) => {
      const { errors, extensions } = result as Serialised;
      return errors === undefined && extensions === undefined ? compiled(result) : JSON.stringify(result);
    };
    guarded.set(compiled, stringify);
  }
  return stringify;
}

/**
 * After compiled execution: a result's compiled serialiser is used only for an answer with data alone,
 * whatever is added to the result later (errors mapped, extensions).
 */
export function useSerialiserFallback(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (!result || Symbol.asyncIterator in result) return;
        // graphql-jit's results list `data` first; graphql-js writes `errors` first when there are any.
        if (result.errors !== undefined && Object.keys(result)[0] !== 'errors') {
          const { errors, data, extensions } = result;
          setResult({ errors, data, ...(extensions !== undefined && { extensions }) });
          return;
        }
        const serialised = result as Serialised;
        if (serialised.stringify && serialised.stringify !== JSON.stringify)
          serialised.stringify = withFallback(serialised.stringify);
      },
    }),
  };
}
