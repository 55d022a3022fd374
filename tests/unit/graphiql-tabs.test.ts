import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphiqlTabs } from '../../src/http/graphiql-tabs.ts';
import { schema } from '../../src/schema/index.ts';

describe('GraphiQL example tabs', () => {
  it('are valid queries against the schema', () => {
    expect(graphiqlTabs.length).toBeGreaterThanOrEqual(4);
    for (const tab of graphiqlTabs) {
      expect(validate(schema, parse(tab.query)).map((e) => e.message)).toEqual([]);
    }
  });
});
