import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('shows GraphQL that is valid against the schema', () => {
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) expect(validate(schema, parse(block)).map((e) => e.message)).toEqual([]);
  });

  it('documents every variable that src/config.ts reads', () => {
    const config = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const variables = [...config.matchAll(/^ {4}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1] as string);
    expect(variables.length).toBeGreaterThan(10);
    for (const name of variables) {
      expect(readme, `README.md lacks ${name}`).toContain(`\`${name}\``);
      expect(example, `.env.example lacks ${name}`).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });
});
