/** GET /export/neighborhood and /export/paths: the files the analyst tools' results export to. */
import { describe, expect, it } from 'vitest';
import { factDocumentSchema } from '../../src/graph/facts.ts';
import { createApp } from '../../src/http/yoga.ts';
import { createLogger } from '../../src/logger.ts';
import { schema } from '../../src/schema/index.ts';
import { useExecutor } from '../support/neo4j.ts';

const executor = useExecutor();
const app = createApp({ schema, executor, log: createLogger('silent') });
const get = (path: string) => app.fetch(`http://yoga${path}`);

describe('HTTP exports', () => {
  it('exports a neighbourhood as a fact document that validates, with the nodes and their sources', async () => {
    const response = await get('/export/neighborhood?key=zhongguancun&depth=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(/neighborhood-zhongguancun\.json/);
    const document = factDocumentSchema.parse(await response.json());
    const refs = document.nodes.map((n) => `${n.label}:${n.key}`);
    expect(refs).toEqual(
      expect.arrayContaining(['Zone:zhongguancun', 'Company:lenovo', 'Source:hi-tech-zones-overview']),
    );
    expect(document.relations.some((r) => r.type === 'ORIGINATED_IN' && r.from === 'Company:lenovo')).toBe(
      true,
    );
  });

  it('exports paths as GraphML and CSV', async () => {
    const graphml = await get('/export/paths?from=huawei&to=torch-program&format=graphml');
    expect(graphml.status).toBe(200);
    const xml = await graphml.text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<node id="Company:huawei"');
    expect(xml).toContain('<node id="Program:torch-program"');
    const csv = await get('/export/paths?from=huawei&to=torch-program&format=csv');
    expect((await csv.text()).split('\n')[0]).toMatch(/^kind,label,key/);
  });

  it('answers 400 with what to fix', async () => {
    for (const [path, message] of [
      ['/export/neighborhood', /key is required/],
      ['/export/neighborhood?key=zhongguancun&format=xls', /format must be one of json, csv, graphml/],
      ['/export/neighborhood?key=zhongguancun&depth=two', /depth must be a whole number/],
      ['/export/neighborhood?key=no-such-key', /No entity has the key/],
      ['/export/paths?from=huawei', /to is required/],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
  });
});
