/**
 * The paging checks find a document's connections once and check their arguments on every request:
 * the same parsed document (yoga's parser cache) with other variables or another operation must be
 * judged afresh.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';
import { checkPagingArgs } from '../../src/schema/paging-args.ts';

const MAX = 100;

describe('checkPagingArgs on one parsed document', () => {
  const document = parse(`
    query Page($n: Int) { zones(first: $n) { edges { node { key ...Companies } } } }
    query Lookup { zone(key: "zhongguancun") { key } }
    query Both { zones(first: 5, last: 5) { edges { node { key } } } }
    fragment Companies on Zone { companies(first: 2000) { edges { node { key } } } }
  `);
  const check = (operationName: string, variableValues: Record<string, unknown> = {}) =>
    checkPagingArgs({ schema, document, operationName, variableValues }, MAX)?.message ?? null;

  it('judges each request by its own variables, the document having been seen before', () => {
    expect(check('Lookup')).toBeNull();
    expect(check('Page', { n: 5 })).toMatch(/^companies: .*2000/);
    expect(check('Page', { n: 500 })).toMatch(/^zones: .*100/);
    expect(check('Page', { n: 5 })).toMatch(/^companies:/);
  });

  it('judges each operation of the document by its own fields', () => {
    expect(check('Both')).toMatch(/^zones: .*first.*last|^zones: .*last.*first/);
    expect(check('Lookup')).toBeNull();
  });

  it('leaves variables that do not coerce to execution', () => {
    expect(check('Page', { n: 'many' })).toBeNull();
  });
});

describe('checkPagingArgs on literal paging arguments', () => {
  const document = parse(
    `query Fixed($where: ZoneWhere) { zones(first: 1000, where: $where) { edges { node { key } } } }`,
  );
  const check = (variableValues: Record<string, unknown>) =>
    checkPagingArgs({ schema, document, variableValues }, MAX)?.message ?? null;

  it('refuses them whatever the other variables, first seen with variables that do not coerce', () => {
    expect(check({ where: { nope: 1 } })).toMatch(/^zones: .*100/);
    expect(check({})).toMatch(/^zones: .*100/);
  });
});
