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
  type ASTNode,
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
  const literals = measureLiterals(operation, document, stopAt);
  return measureVariables(operation, variables, stopAt, scalarNames, literals);
}

/** Counts values into `size` until a limit is passed. */
function counter(size: InputSize, stopAt: { depth: number; values: number }) {
  const over = () => size.depth > stopAt.depth || size.values > stopAt.values;
  const measure = <T>(root: T, childrenOf: (value: T) => Iterable<T>) => {
    const stack: [T, number][] = [[root, 1]];
    while (stack.length && !over()) {
      const [value, depth] = stack.pop() as [T, number];
      size.values++;
      if (depth > size.depth) size.depth = depth;
      for (const child of childrenOf(value)) stack.push([child, depth + 1]);
    }
  };
  return { over, measure };
}

const jsonChildren = (value: unknown): Iterable<unknown> =>
  value !== null && typeof value === 'object' ? (Array.isArray(value) ? value : Object.values(value)) : [];
const literalChildren = (value: ValueNode): Iterable<ValueNode> =>
  value.kind === Kind.LIST
    ? value.values
    : value.kind === Kind.OBJECT
      ? value.fields.map((field) => field.value)
      : [];

/**
 * The literal arguments of an operation and of every fragment (fragments of other operations count
 * too: cheap, and bounded by MAX_TOKENS like the rest of the document). They depend on the document
 * alone, so the plugin measures them once per document.
 */
export function measureLiterals(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  stopAt: { depth: number; values: number },
): InputSize {
  const size: InputSize = { depth: 0, values: 0 };
  const { over, measure } = counter(size, stopAt);
  const argumentsOf = (node: ASTNode) =>
    visit(node, {
      Argument(argument) {
        measure(argument.value, literalChildren);
        return false;
      },
    });
  argumentsOf(operation);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && !over()) argumentsOf(definition);
  }
  return size;
}

/** `literals` plus the values of the variables the operation declares (or their defaults). */
function measureVariables(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  stopAt: { depth: number; values: number },
  scalarNames: ReadonlySet<string>,
  literals: InputSize,
): InputSize {
  const size: InputSize = { ...literals };
  const { measure } = counter(size, stopAt);
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    // A variable of a scalar type (not a list) is one value to GraphQL, never coerced field by field:
    // its size is its field's to bound (the cypher field's `params: JSON`: CYPHER_MAX_PARAMS_BYTES).
    const type = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
    if (type.kind === Kind.NAMED_TYPE && scalarNames.has(type.name.value)) continue;
    if (variables && Object.hasOwn(variables, name)) measure(variables[name], jsonChildren);
    // A default (`$w: ZoneWhere = { NOT: { NOT: … } }`) is an input like any other when no value is sent.
    else if (definition.defaultValue) measure(definition.defaultValue, literalChildren);
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
  literals: InputSize = measureLiterals(operation, document, stopAtOf(limits)),
): GraphQLError | null {
  const size = measureVariables(operation, variables, stopAtOf(limits), scalarNamesOf(schema), literals);
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

const stopAtOf = (limits: OperationLimits) => ({
  depth: limits.maxInputDepth,
  values: limits.maxInputValues,
});

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

/** What the plugin keeps of one operation of a parsed document (yoga caches parsed documents). */
interface OperationMemo {
  /** The operation type's verdict (null: the schema has it). */
  typeError?: GraphQLError | null;
  /** Its literal arguments' size, the same for every request. */
  literals?: InputSize;
  /** The variables its shape can depend on (shapeVariables). */
  shapeVariables?: readonly string[];
  /** Shape verdicts by those variables' values (shapeKey). */
  shapes: Map<string, readonly GraphQLError[]>;
}

/** Distinct shape verdicts kept per operation; past it they are measured anew (bounded memory). */
const MAX_SHAPES_PER_OPERATION = 64;

/** The arguments the complexity reads (src/schema/builder.ts: a list costs its selection times these). */
const SIZE_ARGUMENTS = new Set(['first', 'last', 'limit']);

/**
 * The variables an operation's depth, breadth and complexity can depend on: those given to `first`,
 * `last` or `limit` (Int arguments, so never inside an input object) and to `@skip`/`@include`, in
 * the operation or any fragment. A lookup by `$key` has one shape whatever the key, so its shape is
 * measured once — the complexity walk of the whole document was ~110 µs of every request.
 */
export function shapeVariables(
  operation: OperationDefinitionNode,
  document: DocumentNode,
): readonly string[] {
  const names = new Set<string>();
  const add = (value: ValueNode) => {
    if (value.kind === Kind.VARIABLE) names.add(value.name.value);
  };
  const collect = (node: ASTNode) =>
    visit(node, {
      Field(field) {
        for (const argument of field.arguments ?? [])
          if (SIZE_ARGUMENTS.has(argument.name.value)) add(argument.value);
      },
      Directive(directive) {
        for (const argument of directive.arguments ?? []) add(argument.value);
      },
    });
  collect(operation);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition);
  }
  return [...names].sort();
}

/** The values of `names` in this request: the key of a shape verdict. */
export function shapeKey(
  names: readonly string[],
  variables: Readonly<Record<string, unknown>> | undefined,
): string {
  return JSON.stringify(
    names.map((name) => (variables && Object.hasOwn(variables, name) ? variables[name] : '(default)')),
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
  const memos = new WeakMap<DocumentNode, Map<string, OperationMemo>>();
  const memoOf = (document: DocumentNode, operationName: string | null | undefined) => {
    let byName = memos.get(document);
    if (!byName) {
      byName = new Map();
      memos.set(document, byName);
    }
    const name = operationName ?? '';
    let memo = byName.get(name);
    if (!memo) {
      memo = { shapes: new Map() };
      byName.set(name, memo);
    }
    return memo;
  };
  const check = (args: ExecutionArgs): readonly GraphQLError[] => {
    const { schema, document, operationName, variableValues, contextValue } = args;
    const operation = selectedOperation(document, operationName);
    if (!operation) return [];
    const memo = memoOf(document, operationName);
    if (memo.typeError === undefined) memo.typeError = checkOperationType(schema, operation);
    if (memo.typeError) return [memo.typeError];
    memo.literals ??= measureLiterals(operation, document, stopAtOf(limits));
    const variables = variableValues ?? undefined;
    const inputError = checkInputs(schema, operation, document, variables, limits, memo.literals);
    if (inputError) return [inputError];
    memo.shapeVariables ??= shapeVariables(operation, document);
    const key = shapeKey(memo.shapeVariables, variables);
    let errors = memo.shapes.get(key);
    if (!errors) {
      errors = checkShape(schema, document, operationName, variables, contextValue ?? {}, limits);
      if (memo.shapes.size >= MAX_SHAPES_PER_OPERATION) memo.shapes.clear();
      memo.shapes.set(key, errors);
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
