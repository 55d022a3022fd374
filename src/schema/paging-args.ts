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
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
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
import { type OrderBy, type PagedListRef, PageError, planPage } from '../graph/paging.ts';

/** A connection field's list (`Query.zones`, `Zone.companies`, `Entity.relations`) and its items' label. */
interface PagedList extends PagedListRef {
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

/** A connection field of an operation whose paging arguments are checked. */
interface PagedSite {
  node: FieldNode;
  /** The field with only its paging arguments: the rest (`where`) is execution's to coerce. */
  pagingField: GraphQLField<unknown, unknown>;
  paged: PagedList;
}

const PAGING_ARGUMENTS = new Set(['first', 'last', 'after', 'before', 'orderBy']);

/**
 * The connection fields of `operation` and of the fragments it may spread, with their lists. Found once
 * per parsed document (yoga's parser cache hands the same document to every request of the same text),
 * so that a request without connections pays nothing and one with them pays only for their arguments.
 */
const sitesByDocument = new WeakMap<DocumentNode, Map<OperationDefinitionNode, PagedSites>>();

interface PagedSites {
  sites: PagedSite[];
  /** Whether a paging argument takes a variable: if none does, one verdict holds for every request. */
  usesVariables: boolean;
  verdict?: GraphQLError | null;
}

const takesVariable = (node: FieldNode) =>
  (node.arguments ?? []).some((argument) => {
    if (!PAGING_ARGUMENTS.has(argument.name.value)) return false;
    let found = false;
    visit(argument.value, {
      Variable() {
        found = true;
      },
    });
    return found;
  });

function pagedSites(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): PagedSites {
  let byOperation = sitesByDocument.get(document);
  if (!byOperation) {
    byOperation = new Map();
    sitesByDocument.set(document, byOperation);
  }
  const known = byOperation.get(operation);
  if (known) return known;
  const sites: PagedSite[] = [];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef() as GraphQLField<unknown, unknown> | null;
      if (!parent || !field) return;
      if (!getNamedType(field.type).name.endsWith('Connection')) return;
      const paged = pagedList(isAbstractType(parent) ? 'Entity' : parent.name, field.name);
      if (!paged) return;
      const pagingField = { ...field, args: field.args.filter((a) => PAGING_ARGUMENTS.has(a.name)) };
      sites.push({ node, pagingField, paged });
    },
  });
  visit(operation, visitor);
  for (const fragment of spreadFragments(document, operation)) visit(fragment, visitor);
  const found = { sites, usesVariables: sites.some((site) => takesVariable(site.node)) };
  byOperation.set(operation, found);
  return found;
}

/** The fragments `operation` spreads, directly or through other fragments. */
function spreadFragments(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) byName.set(definition.name.value, definition);
  const reached = new Map<string, FragmentDefinitionNode>();
  const follow = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (!fragment || reached.has(fragment.name.value)) return;
        reached.set(fragment.name.value, fragment);
        follow(fragment);
      },
    });
  follow(operation);
  return [...reached.values()];
}

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
  const found = pagedSites(schema, document, operation);
  if (!found.sites.length) return null;
  if (!found.usesVariables) {
    // Literals only: the verdict needs no variables, and holds for every request of this operation.
    if (found.verdict === undefined) found.verdict = firstRefusal(found.sites, {}, maxPageSize);
    return found.verdict;
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  // Variables that do not coerce are execution's to report, with its own message.
  if (coerced.errors) return null;
  return firstRefusal(found.sites, coerced.coerced, maxPageSize);
}

function firstRefusal(
  sites: PagedSite[],
  variables: Record<string, unknown>,
  maxPageSize: number,
): GraphQLError | null {
  for (const { node, pagingField, paged } of sites) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(pagingField, node, variables);
    } catch {
      continue; // execution reports it
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
        paged,
      );
    } catch (error) {
      if (error instanceof PageError || error instanceof CursorError)
        return requestError(`${node.alias?.value ?? node.name.value}: ${error.message}`, node);
      throw error;
    }
  }
  return null;
}
