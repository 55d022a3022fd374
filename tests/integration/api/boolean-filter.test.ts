/**
 * A yes/no property is filtered as one (BooleanFilter: eq, ne, isNull): an outside attack found
 * `Source.seen` filtered as text, where `eq: "true"` matched nothing and `contains` answered an
 * internal error.
 */
import { describe, expect, it } from 'vitest';
import { useApi } from '../../support/graphql.ts';

const api = useApi();

describe('BooleanFilter', () => {
  it('counts the sources seen and not seen, which together are those with a value', async () => {
    const data = await api.ok(`{
      seen: sources(where: { seen: { eq: true } }) { totalCount }
      notSeen: sources(where: { seen: { ne: true } }) { totalCount }
      valued: sources(where: { seen: { isNull: false } }) { totalCount }
    }`);
    expect(data.seen.totalCount).toBeGreaterThan(0);
    expect(data.notSeen.totalCount).toBeGreaterThan(0);
    expect(data.seen.totalCount + data.notSeen.totalCount).toBe(data.valued.totalCount);
  });

  it('refuses text operators on it, as a request error naming the field', async () => {
    const error = await api.fails('{ sources(where: { seen: { contains: "tr" } }) { totalCount } }');
    expect(error.message).toMatch(/contains/);
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });
});
