/**
 * The GraphQL-over-HTTP audits of graphql-http (pinned in package.json) against the app: no MUST may
 * fail, and no SHOULD (issue 13: what clients rely on); how many MUST/SHOULD/MAY pass is printed.
 */
import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { schema } from '../../src/schema/index.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const app = createApp({ schema, executor, log: createLogger('silent') });

describe('GraphQL over HTTP', () => {
  it('passes every MUST and SHOULD audit of graphql-http', async () => {
    const audits = serverAudits({
      url: 'http://yoga/graphql',
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(String(input), init)),
    });
    const results = await Promise.all(audits.map(async (audit) => ({ audit, result: await audit.fn() })));
    const tally: Record<string, { ok: number; failed: string[] }> = {};
    for (const { audit, result } of results) {
      const level = audit.name.split(' ')[0] as string;
      tally[level] ??= { ok: 0, failed: [] };
      if (result.status === 'ok') tally[level].ok++;
      else tally[level].failed.push(`${audit.name}: ${result.reason}`);
    }
    console.info(
      'graphql-http audits:',
      Object.entries(tally)
        .map(([level, t]) => `${level} ${t.ok} passed, ${t.failed.length} not`)
        .join('; '),
    );
    expect(tally.MUST?.failed ?? []).toEqual([]);
    expect(tally.SHOULD?.failed ?? []).toEqual([]);
    expect(tally.MUST?.ok).toBeGreaterThan(10);
    expect(tally.SHOULD?.ok).toBeGreaterThan(10);
  });
});
