import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cachePoliciesOf, json, possibleTypesOf } from '../../src/schema/client-files.ts';
import { printedSchema, schema } from '../../src/schema/index.ts';

const committed = (name: string) => readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8');

describe('schema/schema.graphql', () => {
  it('is the printed, sorted SDL of the code-first schema', () => {
    expect(
      committed('schema.graphql') === printedSchema(),
      'schema/schema.graphql is stale: run `npm run schema:print` and commit the result',
    ).toBe(true);
  });

  it.each([
    ['possible-types.json', () => json(possibleTypesOf(schema))],
    ['cache-policies.json', () => json(cachePoliciesOf(schema))],
  ])('schema/%s is generated from the same schema', (name, generate) => {
    expect(committed(name), `schema/${name} is stale: run \`npm run schema:print\``).toBe(generate());
  });

  it('possible-types.json names every entity type under Node and Entity', () => {
    const possible = JSON.parse(committed('possible-types.json')) as Record<string, string[]>;
    expect(possible.Entity).toContain('Zone');
    expect(possible.Node).toEqual(expect.arrayContaining(possible.Entity ?? []));
  });
});
