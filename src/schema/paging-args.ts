/**
 * Paging arguments checked before execution. Every connection is non-null, so an error raised by its
 * resolver would null its parent (or the whole answer, for a root list) and take the rest of the page
 * with it. Instead, an operation whose paging arguments no page can have — `first`/`last` outside
 * 0…MAX_PAGE_SIZE, `first` with `last`, `before` with `first`, `after` with `last`, `after` with
 * `before`, a cursor of another list or another order — is refused as a whole, as a request error
 * (HTTP 400, no `data`), before any resolver runs. The checks are the store's own (`planPage`), with
 * the arguments the resolver will receive (variables coerced, defaults applied).
 */
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  type GraphQLField,
  getNamedType,
  isAbstractType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';
import { CursorError } from '../graph/cursor.ts';
import { type OrderBy, PageError, planPage } from '../graph/paging.ts';

interface PagedList {
  /** What its cursors are tied to (`Query.zones`, `Zone.companies`, `Entity.relations`). */
  list: string;
  /** The order used when no orderBy is given. */
  defaultOrder: OrderBy;
}

const lists = new Map<string, PagedList>();

/** Declares the connection field `typeName.fieldName`: the list its cursors belong to, its default order. */
export function registerPagedList(typeName: string, fieldName: string, list: PagedList): void {
  lists.set(`${typeName}.${fieldName}`, list);
}

/** The list behind a field of `typeName` (an interface's field: the one list every entity shares). */
function pagedList(typeName: string, fieldName: string): PagedList | undefined {
  return lists.get(`${typeName}.${fieldName}`) ?? lists.get(`Entity.${fieldName}`);
}

const requestError = (message: string, node: { loc?: unknown } & object) =>
  new GraphQLError(message, {
    nodes: [node as never],
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });

/** The first paging argument of the operation that no page can have, as a request error; else null. */
export function checkPagingArgs(
  args: Pick<ExecutionArgs, 'schema' | 'document' | 'operationName' | 'variableValues'>,
  maxPageSize: number,
): GraphQLError | null {
  const { schema, document } = args;
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    args.operationName == null ? operations[0] : operations.find((o) => o.name?.value === args.operationName);
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  // Variables that do not coerce are execution's to report, with its own message.
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const typeInfo = new TypeInfo(schema);
  let found: GraphQLError | null = null;
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      if (found) return false;
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef() as GraphQLField<unknown, unknown> | null;
      if (!parent || !field) return undefined;
      if (!getNamedType(field.type).name.endsWith('Connection')) return undefined;
      const paged = pagedList(isAbstractType(parent) ? 'Entity' : parent.name, field.name);
      if (!paged) return undefined;
      let values: Record<string, unknown>;
      try {
        values = getArgumentValues(field, node, variables);
      } catch {
        return undefined; // execution reports it
      }
      const order = (values.orderBy as OrderBy | null | undefined) ?? paged.defaultOrder;
      try {
        planPage(
          {
            first: values.first as number | null | undefined,
            last: values.last as number | null | undefined,
            after: values.after as string | null | undefined,
            before: values.before as string | null | undefined,
          },
          order,
          maxPageSize,
          paged.list,
        );
      } catch (error) {
        if (error instanceof PageError || error instanceof CursorError) {
          found = requestError(`${node.alias?.value ?? node.name.value}: ${error.message}`, node);
          return false;
        }
        throw error;
      }
      return undefined;
    },
  });
  visit(operation, visitor);
  for (const definition of document.definitions) {
    if (found) break;
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      visit(definition as DocumentNode['definitions'][number], visitor);
  }
  return found;
}
