/**
 * Compiled answers serialised by graphql-jit's compiled serialiser (src/http/compiled-json.ts): only
 * operations whose answers it writes as JSON.stringify would, and only answers with data alone.
 */
import { parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { plainlySerialisable, useSerialiserFallback } from '../../src/http/compiled-json.ts';
import { schema } from '../../src/schema/index.ts';

const plain = plainlySerialisable(schema);
const verdict = (query: string) => plain(parse(query));

const NESTED = `{
  zones(first: 2) {
    pageInfo { hasNextPage endCursor }
    edges { cursor since node { key name approvedYear
      clusters(first: 2) { totalCount edges { node { key name } } }
    } }
  }
}`;

function compiledStringify(query: string): (result: unknown) => string {
  const compiled = compileQuery(schema, parse(query), undefined, { customJSONSerializer: true });
  if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));
  return compiled.stringify;
}

describe('which operations the compiled serialiser writes', () => {
  it('those that select fields only, each of a built-in scalar, an enum or an object', () => {
    expect(verdict(NESTED)).toBe(true);
    // Interface-typed fields, as long as no fragment selects on them.
    expect(
      verdict(
        'query($key: String!) { neighborhood(key: $key, depth: 2) { truncated nodes { key type name } edges { type from { key type } to { key } } } }',
      ),
    ).toBe(true);
    expect(verdict('{ zone(key: "shenzhen") { __typename key } }')).toBe(true);
  });

  it('not those with fragments, custom scalars, introspection or more than one operation', () => {
    // graphql-jit merges the keys of all the types a fragment may apply to: its order may not be the answer's.
    expect(verdict('{ zones { edges { node { ... on Zone { key } } } } }')).toBe(false);
    expect(verdict('{ zones { edges { node { ...Z } } } } fragment Z on Zone { key }')).toBe(false);
    expect(verdict('{ entity(key: "shenzhen") { key ... on Zone { approvedYear } } }')).toBe(false);
    // JSON is no type graphql-jit's serialiser knows (it would refuse to compile the operation).
    expect(verdict('{ cypher(query: "RETURN 1") { rows } }')).toBe(false);
    expect(verdict('{ __schema { queryType { name } } }')).toBe(false);
    expect(verdict('query A { zones { totalCount } } query B { zones { totalCount } }')).toBe(false);
    expect(verdict('{ zones { totalCount nope } }')).toBe(false);
  });

  it('writes such answers byte for byte as JSON.stringify does, escapes included', () => {
    const answer = {
      data: {
        zones: {
          pageInfo: { hasNextPage: true, endCursor: 'WyJRdWVyeS56b25lcyJd' },
          edges: [
            {
              cursor: 'c1',
              since: null,
              node: {
                key: 'shenzhen',
                name: 'Quote " backslash \\ tab \t newline \n lone surrogate \ud800 line sep \u2028 深圳',
                approvedYear: 1991,
                clusters: { totalCount: 0, edges: [] },
              },
            },
            {
              cursor: 'c2',
              since: 2003,
              node: {
                key: 'x'.repeat(6000),
                name: `${'long "quoted" '.repeat(400)}\u0001`,
                approvedYear: null,
                clusters: { totalCount: 2, edges: [{ node: { key: 'a', name: '' } }] },
              },
            },
          ],
        },
      },
    };
    expect(compiledStringify(NESTED)(answer)).toBe(JSON.stringify(answer));
  });
});

describe('answers with errors or extensions', () => {
  it('are written by JSON.stringify; answers with data alone by the compiled serialiser', () => {
    const compiled = (() => 'compiled') as (result: unknown) => string;
    const plugin = useSerialiserFallback();
    const serialised = (result: Record<string, unknown>) => {
      let current: Record<string, unknown> = { ...result, stringify: compiled };
      const hooks = plugin.onExecute?.({} as never) as { onExecuteDone: (payload: unknown) => void };
      hooks.onExecuteDone({
        result: current,
        setResult: (next: Record<string, unknown>) => (current = next),
      });
      const stringify = (current.stringify as ((r: unknown) => string) | undefined) ?? JSON.stringify;
      return stringify(current);
    };
    expect(serialised({ data: { a: 1 } })).toBe('compiled');
    // With errors: JSON.stringify, `errors` first as graphql-js writes them (graphql-jit lists `data` first).
    const withError = { data: { a: null }, errors: [{ message: 'no', path: ['a'] }] };
    expect(serialised(withError)).toBe(JSON.stringify({ errors: withError.errors, data: withError.data }));
    expect(serialised({ data: { a: 1 }, extensions: { cost: 3 } })).toBe(
      JSON.stringify({ data: { a: 1 }, extensions: { cost: 3 } }),
    );
  });

  it('leaves a result that has no compiled serialiser as it is', () => {
    const plugin = useSerialiserFallback();
    const hooks = plugin.onExecute?.({} as never) as { onExecuteDone: (payload: unknown) => void };
    const result: { data: object; stringify?: unknown } = { data: {} };
    hooks.onExecuteDone({ result });
    expect(result.stringify).toBeUndefined();
  });
});
