import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '../../src/schema/index.ts';

describe('schema/schema.graphql', () => {
  it('is the printed, sorted SDL of the code-first schema', () => {
    const committed = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(
      committed === printedSchema(),
      'schema/schema.graphql is stale: run `npm run schema:print` and commit the result',
    ).toBe(true);
  });
});
