/** The measures behind the operation limits and the compile budget, without a database. */
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { compilableOperations, JIT_COMPILE_BUDGET } from '../../src/http/graphql-jit.ts';
import { jitCompileCost } from '../../src/http/jit-cost.ts';
import {
  checkInputs,
  documentNesting,
  MAX_DOCUMENT_NESTING,
  measureInputs,
  shapeKey,
  shapeVariables,
  useOperationLimits,
} from '../../src/http/operation-limits.ts';
import { schema } from '../../src/schema/index.ts';

function throughEntity(levels: number): string {
  let inner = 'key';
  for (let i = 0; i < levels; i++) inner = `key relations(first: 2) { edges { node { ${inner} } } }`;
  return `{ zones(first: 2) { edges { node { ${inner} } } } }`;
}

const operationOf = (document: ReturnType<typeof parse>) =>
  document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;

const LIMITS = {
  maxDepth: 15,
  maxBreadth: 500,
  maxComplexity: 50_000,
  maxInputDepth: 16,
  maxInputValues: 1_000,
};
const SCALARS = new Set(['String', 'Int', 'ID', 'Boolean', 'Float', 'JSON']);

describe('the compile cost graphql-jit would pay', () => {
  it('grows with the implementations of each interface level, about 12 times per level', () => {
    const costs = [1, 2, 3].map((n) => jitCompileCost(schema, parse(throughEntity(n)), null, 1e9));
    expect(costs[1]! / costs[0]!).toBeGreaterThan(8);
    expect(costs[2]! / costs[1]!).toBeGreaterThan(8);
  });

  it('stops counting soon after the budget, however deep the query', () => {
    const started = performance.now();
    const cost = jitCompileCost(schema, parse(throughEntity(25)), null, JIT_COMPILE_BUDGET);
    expect(cost).toBeGreaterThan(JIT_COMPILE_BUDGET);
    expect(cost).toBeLessThan(JIT_COMPILE_BUDGET + 200);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('counts fragments where their type condition applies', () => {
    const inline = jitCompileCost(schema, parse('{ entity(key: "x") { key name } }'), null, 1e9);
    const spread = jitCompileCost(
      schema,
      parse('{ entity(key: "x") { ...F } } fragment F on Zone { key name }'),
      null,
      1e9,
    );
    // The fragment applies to one of the twelve entity types only.
    expect(spread).toBeLessThan(inline);
  });

  it('lets ordinary queries be compiled and sends costly ones to the interpreter', () => {
    const compilable = compilableOperations(schema);
    expect(compilable(parse('{ zones(first: 5) { edges { node { key name city { name } } } } }'))).toBe(true);
    expect(compilable(parse(throughEntity(1)))).toBe(true);
    expect(compilable(parse(throughEntity(3)))).toBe(false);
    expect(compilable(parse('query($w: ZoneWhere) { zones(where: $w) { totalCount } }'))).toBe(false);
  });
});

describe('the size of an operation’s inputs', () => {
  it('measures a 100,000-deep variable without overflowing the stack, stopping at the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { AND: [deep] };
    const document = parse('query($w: ZoneWhere) { zones(where: $w) { totalCount } }');
    const size = measureInputs(
      operationOf(document),
      document,
      { w: deep },
      { depth: 16, values: 1_000 },
      SCALARS,
    );
    expect(size.depth).toBe(17);
  });

  it('counts inline values and variables together, and lists item by item', () => {
    const document = parse(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } zones(where: { key: { in: ["a", "b"] } }) { totalCount } }',
    );
    const size = measureInputs(
      operationOf(document),
      document,
      { ids: ['x', 'y', 'z'] },
      { depth: 99, values: 99 },
      SCALARS,
    );
    // $ids: the list and 3 items, and its use (1); where: 2 objects, the list and 2 items.
    expect(size.values).toBe(4 + 1 + 5);
  });

  it('leaves a scalar variable (the cypher field’s JSON params) to its field', () => {
    const document = parse('query($p: JSON) { cypher(query: "RETURN 1", params: $p) { rows } }');
    const params = { list: Array.from({ length: 5_000 }, (_, i) => i) };
    expect(checkInputs(schema, operationOf(document), document, { p: params }, LIMITS)).toBeNull();
  });

  it('names the variable that raises each limit', () => {
    const document = parse('query($w: ZoneWhere) { zones(where: $w) { totalCount } }');
    const wide = { OR: Array.from({ length: 600 }, () => ({ key: { eq: 'x' } })) };
    expect(checkInputs(schema, operationOf(document), document, { w: wide }, LIMITS)?.message).toMatch(
      /MAX_INPUT_VALUES/,
    );
    let deep: unknown = { key: { eq: 'x' } };
    for (let i = 0; i < 10; i++) deep = { AND: [deep] };
    expect(checkInputs(schema, operationOf(document), document, { w: deep }, LIMITS)?.message).toMatch(
      /MAX_INPUT_DEPTH/,
    );
  });
});

describe('variable defaults', () => {
  it('count like the values they stand for, when no value is sent', () => {
    const deep = `${'{ NOT: '.repeat(40)}{ key: { eq: "x" } }${' }'.repeat(40)}`;
    const document = parse(`query($w: ZoneWhere = ${deep}) { zones(where: $w) { totalCount } }`);
    expect(checkInputs(schema, operationOf(document), document, {}, LIMITS)?.message).toMatch(
      /MAX_INPUT_DEPTH/,
    );
    // A value sent replaces the default: then the value is what counts.
    expect(
      checkInputs(schema, operationOf(document), document, { w: { key: { eq: 'x' } } }, LIMITS),
    ).toBeNull();
  });
});

describe('the nesting of a query text', () => {
  it('counts brackets outside strings, block strings and comments', () => {
    expect(documentNesting('{ a { b(x: [1, [2]]) } }')).toBe(5);
    expect(documentNesting('{ a(s: "[[[[{{{{", t: """ [[[[ """) } # [[[[[[')).toBe(2);
    expect(documentNesting(`{ __typename(x: ${'['.repeat(2_050)}1${']'.repeat(2_050)}) }`)).toBeGreaterThan(
      MAX_DOCUMENT_NESTING,
    );
  });
});

describe('block strings with an escaped triple quote', () => {
  it('stay strings to their real end: brackets after them count, brackets in them do not', () => {
    const deep = `"""\\"""x"""\nquery { __typename(x: ${'['.repeat(2_400)}1${']'.repeat(2_400)}) }`;
    expect(documentNesting(deep)).toBeGreaterThan(MAX_DOCUMENT_NESTING);
    expect(documentNesting('{ company(key: """\\""" [[[[ {{{{ ((((""") { key } }')).toBe(2);
  });
});

describe('verdicts the plugin keeps per parsed document', () => {
  // The plugin alone on our schema: an accepted operation goes on to its resolvers, which fail here
  // (no context, no Neo4j) with an error that is not a limit's; a refused one never gets there.
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: [useOperationLimits({ ...LIMITS, maxComplexity: 400, maxDepth: 8 })],
  });
  const codesOf = async (query: string, variables: Record<string, unknown>) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return (body.errors ?? []).map((e) => e.extensions?.code);
  };
  const page =
    'query($n: Int!, $key: String) { zones(first: $n, where: { key: { eq: $key } }) { edges { node { key name } } } }';

  it('measure the shape again when an Int variable changes, in either order', async () => {
    expect(await codesOf(page, { n: 5, key: 'a' })).not.toContain('QUERY_TOO_COMPLEX');
    expect(await codesOf(page, { n: 500, key: 'a' })).toContain('QUERY_TOO_COMPLEX');
    expect(await codesOf(page, { n: 5, key: 'b' })).not.toContain('QUERY_TOO_COMPLEX');
    expect(await codesOf(page, { n: 500, key: 'b' })).toContain('QUERY_TOO_COMPLEX');
  });

  it('count a part that @include switches off as if it were on, whatever the Boolean', async () => {
    const deep = `query($deep: Boolean!) { zones(first: 1) { edges { node { key ... @include(if: $deep) {
      relations(first: 1) { edges { node { key relations(first: 1) { edges { node { key relations(first: 1) {
        edges { node { key } } } } } } } } } } } } } }`;
    expect(await codesOf(deep, { deep: false })).toContain('QUERY_TOO_COMPLEX');
    expect(await codesOf(deep, { deep: true })).toContain('QUERY_TOO_COMPLEX');
  });

  it('still measure each request’s variable values against the input limits', async () => {
    const query = 'query($w: ZoneWhere) { zones(first: 1, where: $w) { edges { node { key } } } }';
    const wide = { OR: Array.from({ length: 2_000 }, (_, i) => ({ key: { eq: `k${i}` } })) };
    expect(await codesOf(query, { w: { key: { eq: 'a' } } })).not.toContain('BAD_USER_INPUT');
    expect(await codesOf(query, { w: wide })).toContain('BAD_USER_INPUT');
  });

  it('key a shape by the variables given to first, last, limit and directives only', () => {
    const document = parse(`query($n: Int, $year: Int, $key: String!, $on: Boolean!, $w: ZoneWhere) {
      zones(first: $n, where: { approvedYear: { gte: $year } }) { edges { node { ...F } } }
      search(text: $key) { __typename }
    } fragment F on Zone { key @include(if: $on) }`);
    const names = shapeVariables(operationOf(document), document);
    expect(names).toEqual(['n', 'on']);
    expect(shapeKey(names, { n: 3, year: 1990, key: 'a', on: true })).toBe(
      shapeKey(names, { n: 3, year: 2001, key: 'b', on: true, w: { key: { eq: 'x' } } }),
    );
    expect(shapeKey(names, { n: 3, on: true })).not.toBe(shapeKey(names, { n: 4, on: true }));
    expect(shapeKey(names, { n: 3, on: true })).not.toBe(shapeKey(names, { n: 3, on: false }));
    expect(shapeKey(names, { on: true })).not.toBe(shapeKey(names, { n: null, on: true }));
  });
});
