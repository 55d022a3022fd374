/**
 * Exports over HTTP of what the analyst tools find: GET /export/neighborhood?key=K&depth=D and
 * GET /export/paths?from=A&to=B, each with format=graphml|csv|json (default json) — the same files as
 * `npm run export` writes, for Gephi, pandas, NetworkX or `npm run import`. Bad input gets 400 with a
 * message that says what to fix.
 */
import type { Plugin } from 'graphql-yoga';
import { AnalystStore } from '../graph/analyst-store.ts';
import {
  createWriter,
  EXPORT_FORMATS,
  type ExportFormat,
  readFacts,
  type Selection,
  selectionOf,
} from '../graph/export.ts';
import { keyProblem } from '../graph/input-rules.ts';
import type { EntityRecord } from '../graph/records.ts';
import type { Logger } from '../logger.ts';
import type { Executor } from '../neo4j/executor.ts';
import { inputErrorOf, publicErrorOf } from '../schema/errors.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
};

class BadRequest extends Error {}

function intParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new BadRequest(`${name} must be a whole number; got "${raw}"`);
  return value;
}

/** A required key parameter, checked as every key is before any Cypher (and never echoed at length). */
function requiredKey(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value) throw new BadRequest(`${name} is required`);
  const problem = keyProblem(value);
  if (problem) throw new BadRequest(`${name} ${problem}`);
  return value;
}

const jsonResponse = (fetchAPI: { Response: typeof Response }, status: number, error: string) =>
  new fetchAPI.Response(JSON.stringify({ error }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

async function render(executor: Executor, selection: Selection, format: ExportFormat): Promise<string> {
  const writer = createWriter(format);
  const parts = [writer.begin()];
  for await (const item of readFacts(executor, selection)) {
    parts.push(item.kind === 'node' ? writer.node(item.node) : writer.relation(item.relation));
  }
  parts.push(writer.end());
  return parts.join('');
}

export function useExports(executor: Executor, log: Logger): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/export/')) return;
      const params = url.searchParams;
      try {
        if (request.method !== 'GET') throw new BadRequest('use GET');
        const format = (params.get('format') ?? 'json') as ExportFormat;
        if (!EXPORT_FORMATS.includes(format)) {
          throw new BadRequest(`format must be one of ${EXPORT_FORMATS.join(', ')}; got "${format}"`);
        }
        const store = new AnalystStore(executor);
        let nodes: EntityRecord[];
        let name: string;
        if (url.pathname === '/export/neighborhood') {
          const key = requiredKey(params, 'key');
          const asOf = params.get('asOf');
          const graph = await store.neighborhood({
            key,
            depth: intParam(params, 'depth', 1),
            limit: intParam(params, 'limit', 200),
            types: params.getAll('type'),
            asOf: asOf ? intParam(params, 'asOf', 0) : null,
          });
          nodes = graph.nodes;
          name = `neighborhood-${key}`;
        } else if (url.pathname === '/export/paths') {
          const [from, to] = [requiredKey(params, 'from'), requiredKey(params, 'to')];
          const paths = await store.paths(
            from,
            to,
            intParam(params, 'maxLength', 4),
            intParam(params, 'limit', 3),
          );
          nodes = paths.flatMap((p) => p.nodes);
          name = `paths-${from}-${to}`;
        } else {
          endResponse(
            new fetchAPI.Response('Not found: use /export/neighborhood or /export/paths', { status: 404 }),
          );
          return;
        }
        const body = await render(executor, await selectionOf(executor, nodes), format);
        endResponse(
          new fetchAPI.Response(body, {
            status: 200,
            headers: {
              'content-type': CONTENT_TYPES[format],
              'content-disposition': `attachment; filename="${name.replace(/[^a-z0-9.-]/gi, '_')}.${format}"`,
            },
          }),
        );
      } catch (error) {
        if (error instanceof BadRequest) {
          endResponse(jsonResponse(fetchAPI, 400, error.message));
          return;
        }
        // The same map as GraphQL answers use: the client's input is a 400, an absent Neo4j a 503.
        const input = inputErrorOf(error);
        if (input) {
          endResponse(jsonResponse(fetchAPI, input.http ?? 400, input.message));
          return;
        }
        // Unexpected: logged here, and nothing of it (message, stack, Cypher) goes to the client.
        log.error({ err: error, path: url.pathname }, 'export failed');
        const known = publicErrorOf(error);
        endResponse(
          known
            ? jsonResponse(fetchAPI, known.http ?? 500, known.message)
            : jsonResponse(fetchAPI, 500, 'Unexpected error.'),
        );
      }
    },
  };
}
