/**
 * Limits on what one operation may ask, checked once it is parsed and validated and before it runs:
 * before graphql-jit compiles anything, before variables are coerced, before any resolver (so before
 * any Cypher). They live here rather than in a resolver because each of those steps can itself be the
 * attack: compiling a deep selection through an interface exhausts the heap, coercing a 2,000-deep
 * `AND` overflows the stack.
 *
 * 1. Inputs: every argument value — written in the query or sent as a variable — at most
 *    `maxInputDepth` levels deep and `maxInputValues` values in all (MAX_TOKENS does not see variables).
 * 2. Shape: depth, breadth and complexity as the Pothos complexity plugin measures them
 *    (src/schema/builder.ts: a list costs its selection times its `first`/`last`/`limit`), with the
 *    request's variables.
 * 3. Operation types: the schema has no subscriptions; asking for one is a request error (a 400, not
 *    the 500 graphql-jit gives).
 *
 * Each refusal names the limit and the variable that raises it.
 */
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  type GraphQLSchema,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  type ValueNode,
  validate,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface OperationLimits {
  maxDepth: number;
  maxBreadth: number;
  maxComplexity: number;
  maxInputDepth: number;
  maxInputValues: number;
}

/** A request error: refused before execution, so HTTP 400 whatever the Accept header (no data at all). */
const requestError = (message: string, code: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });

export interface InputSize {
  /** Deepest nesting of objects and lists in any one argument (a scalar is 1). */
  depth: number;
  /** Values in all: every scalar, object and list, counted where they appear. */
  values: number;
}

/**
 * The size of an operation's inputs: its literal arguments (variables counted where they are used)
 * and the values of the variables it declares. Iterative, and it stops counting once a limit is
 * passed, so no input can make the measuring itself slow or overflow the stack.
 */
export function measureInputs(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  stopAt: { depth: number; values: number },
  scalarNames: ReadonlySet<string>,
): InputSize {
  const size: InputSize = { depth: 0, values: 0 };
  const over = () => size.depth > stopAt.depth || size.values > stopAt.values;

  const measureJson = (root: unknown) => {
    const stack: [unknown, number][] = [[root, 1]];
    while (stack.length && !over()) {
      const [value, depth] = stack.pop() as [unknown, number];
      size.values++;
      if (depth > size.depth) size.depth = depth;
      if (value !== null && typeof value === 'object') {
        for (const child of Array.isArray(value) ? value : Object.values(value))
          stack.push([child, depth + 1]);
      }
    }
  };
  const measureLiteral = (root: ValueNode) => {
    const stack: [ValueNode, number][] = [[root, 1]];
    while (stack.length && !over()) {
      const [value, depth] = stack.pop() as [ValueNode, number];
      size.values++;
      if (depth > size.depth) size.depth = depth;
      if (value.kind === Kind.LIST) for (const item of value.values) stack.push([item, depth + 1]);
      else if (value.kind === Kind.OBJECT)
        for (const field of value.fields) stack.push([field.value, depth + 1]);
    }
  };

  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    // A variable of a scalar type (not a list) is one value to GraphQL, never coerced field by field:
    // its size is its field's to bound (the cypher field's `params: JSON`: CYPHER_MAX_PARAMS_BYTES).
    const type = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
    if (type.kind === Kind.NAMED_TYPE && scalarNames.has(type.name.value)) continue;
    if (variables && Object.hasOwn(variables, name)) measureJson(variables[name]);
    // A default (`$w: ZoneWhere = { NOT: { NOT: … } }`) is an input like any other when no value is sent.
    else if (definition.defaultValue) measureLiteral(definition.defaultValue);
  }
  // Arguments of the operation and of every fragment (fragments of other operations count too: cheap,
  // and bounded by MAX_TOKENS like the rest of the document).
  const argumentsOf = (node: OperationDefinitionNode | DocumentNode) =>
    visit(node, {
      Argument(argument) {
        measureLiteral(argument.value);
        return false;
      },
    });
  argumentsOf(operation);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && !over()) {
      visit(definition, {
        Argument(argument) {
          measureLiteral(argument.value);
          return false;
        },
      });
    }
  }
  return size;
}

/** Deepest nesting of brackets a document may have: far past any real query, well short of the parser's stack. */
export const MAX_DOCUMENT_NESTING = 128;

/**
 * The deepest nesting of `{`, `[` and `(` in a query text, outside strings and comments; counting
 * stops past `stopAt`. graphql-js parses and validates values recursively: about 2,000 levels of `[[[…`
 * (4,000 tokens, under MAX_TOKENS) overflow its stack, so the text is measured before it is parsed.
 */
export function documentNesting(text: string, stopAt = MAX_DOCUMENT_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length && deepest <= stopAt; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"') {
      const block = text.startsWith('"""', i);
      // A block string ends at the first `"""` that is not escaped as `\"""`.
      let close = block ? text.indexOf('"""', i + 3) : -1;
      while (close > 0 && text[close - 1] === '\\') close = text.indexOf('"""', close + 3);
      if (block) i = close < 0 ? text.length : close + 2;
      else {
        for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === '}' || c === ']' || c === ')') depth--;
  }
  return deepest;
}

const scalarNames = new WeakMap<GraphQLSchema, ReadonlySet<string>>();
function scalarNamesOf(schema: GraphQLSchema): ReadonlySet<string> {
  let names = scalarNames.get(schema);
  if (!names) {
    names = new Set(
      Object.values(schema.getTypeMap())
        .filter(isScalarType)
        .map((t) => t.name),
    );
    scalarNames.set(schema, names);
  }
  return names;
}

function selectedOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName == null ? operations[0] : operations.find((o) => o.name?.value === operationName);
}

/** The first limit an operation's inputs pass, as an error; null when within every limit. */
export function checkInputs(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  limits: OperationLimits,
): GraphQLError | null {
  const size = measureInputs(
    operation,
    document,
    variables,
    { depth: limits.maxInputDepth, values: limits.maxInputValues },
    scalarNamesOf(schema),
  );
  if (size.depth > limits.maxInputDepth) {
    return requestError(
      `An argument is nested more than ${limits.maxInputDepth} levels deep (MAX_INPUT_DEPTH): flatten it — AND and OR take lists of conditions.`,
      'BAD_USER_INPUT',
      { limit: 'inputDepth', max: limits.maxInputDepth },
    );
  }
  if (size.values > limits.maxInputValues) {
    return requestError(
      `The arguments hold more than ${limits.maxInputValues} values in all (MAX_INPUT_VALUES): split the request into smaller ones.`,
      'BAD_USER_INPUT',
      { limit: 'inputValues', max: limits.maxInputValues },
    );
  }
  return null;
}

/** Depth, breadth and complexity of the selected operation with these variables; errors when over. */
export function checkShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | undefined,
  context: object,
  limits: OperationLimits,
): readonly GraphQLError[] {
  const rule = createComplexityRule({
    context,
    variableValues: { ...variables },
    operationName: operationName ?? null,
    validate: (measured, report) => {
      const over = (['depth', 'breadth', 'complexity'] as const).find(
        (measure) => measured[measure] > limits[`max${capitalize(measure)}`],
      );
      if (!over) return;
      const max = limits[`max${capitalize(over)}`];
      report(
        requestError(
          `The query's ${over} is ${measured[over]}, over the limit of ${max} (MAX_${over.toUpperCase()}): ask for fewer items (first:) or fewer nested relations.`,
          'QUERY_TOO_COMPLEX',
          { limit: over, value: measured[over], max },
        ),
      );
    },
  });
  return validate(schema, document, [rule]);
}

const capitalize = <S extends string>(s: S) => (s.charAt(0).toUpperCase() + s.slice(1)) as Capitalize<S>;

/** Operation types the schema has no root for (graphql-js 16 leaves this to execution, graphql-jit throws). */
function checkOperationType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLError | null {
  if (schema.getRootType(operation.operation)) return null;
  return requestError(
    `This server has no ${operation.operation}s: send a query (to read) or a mutation (to curate).`,
    'GRAPHQL_VALIDATION_FAILED',
  );
}

/**
 * The yoga plugin. Input and shape checks run in onExecute, before the execute function (interpreter
 * or compiled) is called; the verdict of an operation without variables is kept with its document.
 */
export function useOperationLimits(limits: OperationLimits): Plugin {
  const nestingError = requestError(
    `The query text is nested more than ${MAX_DOCUMENT_NESTING} levels deep: no query needs that many brackets.`,
    'BAD_USER_INPUT',
    { limit: 'documentNesting', max: MAX_DOCUMENT_NESTING },
  );
  const verdicts = new WeakMap<DocumentNode, Map<string, readonly GraphQLError[]>>();
  const check = (args: ExecutionArgs): readonly GraphQLError[] => {
    const { schema, document, operationName, variableValues, contextValue } = args;
    const operation = selectedOperation(document, operationName);
    if (!operation) return [];
    const cacheable = !operation.variableDefinitions?.length;
    const cacheKey = operationName ?? '';
    const cached = cacheable ? verdicts.get(document)?.get(cacheKey) : undefined;
    if (cached) return cached;
    const inputError =
      checkOperationType(schema, operation) ??
      checkInputs(schema, operation, document, variableValues ?? undefined, limits);
    const errors = inputError
      ? [inputError]
      : checkShape(schema, document, operationName, variableValues ?? undefined, contextValue ?? {}, limits);
    if (cacheable) {
      let byName = verdicts.get(document);
      if (!byName) {
        byName = new Map();
        verdicts.set(document, byName);
      }
      byName.set(cacheKey, errors);
    }
    return errors;
  };
  return {
    // Before the parser, which would overflow its stack on the text.
    onParse({ params }) {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      if (documentNesting(text) > MAX_DOCUMENT_NESTING) throw nestingError;
    },
    onExecute({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors.length) setResultAndStopExecution({ errors: [...errors] });
    },
    // Yoga sends subscription operations here instead of onExecute.
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors.length) setResultAndStopExecution({ errors: [...errors] });
    },
  };
}
