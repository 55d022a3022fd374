/** The GraphQL path end to end without a port: yoga.fetch → Pothos → executor → the real Neo4j. */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { schema } from '../../src/schema/index.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const app = createApp({ schema, executor, log: createLogger('silent') });

async function query(source: string) {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: source }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

describe('stats', () => {
  it('counts the seeded nodes per label, read from Neo4j', async () => {
    const { status, body } = await query(
      '{ stats { nodesByLabel { name count } relationshipsByType { name count } } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const byLabel = Object.fromEntries(body.data.stats.nodesByLabel.map((c: any) => [c.name, c.count]));
    const [row] = await executor.read('MATCH (z:Zone) RETURN count(z) AS n');
    expect(byLabel.Zone).toBe(row?.n);
    expect(byLabel.Zone).toBeGreaterThanOrEqual(177);
    const byType = Object.fromEntries(body.data.stats.relationshipsByType.map((c: any) => [c.name, c.count]));
    expect(byType.LOCATED_IN).toBeGreaterThan(177);
  });
});

describe('health', () => {
  it('answers liveness and readiness while Neo4j is up', async () => {
    expect((await app.fetch('http://yoga/healthz')).status).toBe(200);
    expect((await app.fetch('http://yoga/readyz')).status).toBe(200);
  });
});
