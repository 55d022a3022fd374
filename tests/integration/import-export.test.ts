/**
 * `npm run import` and `npm run export` as processes, against the shared seeded Neo4j: idempotent
 * imports, bad files that write nothing, dry runs, usage errors and the three export formats. The round
 * trip of the whole graph into a second, empty Neo4j is in bulk-import.test.ts, which has that Neo4j.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { factDocumentSchema } from '../../src/graph/facts.ts';
import { CSV_COLUMNS, parseCsvFacts } from '../../src/graph/import/index.ts';
import { runCli as cli, importSummary as summary } from '../support/cli.ts';
import { uniqueKey, useExecutor } from '../support/neo4j.ts';

const executor = useExecutor(120_000);
const workDir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-import-export-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const target = path.join(workDir, name);
  writeFileSync(target, text);
  return target;
}

async function countKeys(keys: string[]): Promise<number> {
  const [row] = await executor.read('MATCH (n) WHERE n.key IN $keys RETURN count(n) AS n', { keys });
  return Number(row?.n);
}

/** A small document of our own: two Sources, a Company, a cluster and a technology, two relations. */
function ownFacts() {
  const keys = {
    source: uniqueKey('src'),
    secondSource: uniqueKey('src'),
    company: uniqueKey('company'),
    cluster: uniqueKey('cluster'),
    technology: uniqueKey('tech'),
  };
  const evidence = (quote: string, paragraph?: number) => ({ source: keys.source, quote, paragraph });
  const document = {
    nodes: [
      { label: 'Source', key: keys.source, name: 'Test source', properties: { year: 2024 } },
      { label: 'Source', key: keys.secondSource, name: 'Another test source' },
      {
        label: 'Company',
        key: keys.company,
        name: 'Test company, "quoted"',
        nameZh: '测试公司',
        aliases: ['TC', 'Test Co'],
        properties: { foundedYear: 1999 },
        evidence: [evidence('A company.', 1), evidence('Still a company.', 2)],
      },
      {
        label: 'IndustryCluster',
        key: keys.cluster,
        name: 'Test cluster',
        evidence: [evidence('A cluster.')],
      },
      { label: 'Technology', key: keys.technology, name: 'Test technology', evidence: [evidence('A tech.')] },
    ],
    relations: [
      {
        type: 'SPECIALIZES_IN',
        from: `IndustryCluster:${keys.cluster}`,
        to: `Technology:${keys.technology}`,
        properties: { since: 2001 },
        evidence: evidence('The cluster does tech.', 3),
      },
      {
        type: 'SPECIALIZES_IN',
        from: `IndustryCluster:${keys.cluster}`,
        to: `Technology:${keys.technology}`,
        // The same relation, stated by a second source: a second relationship.
        evidence: { source: keys.secondSource, quote: 'A second source says so too.' },
      },
    ],
  };
  return { keys, document };
}

/** The same document as the import CSV. */
function asCsv(doc: ReturnType<typeof ownFacts>['document']): string {
  const cell = (v: unknown) => {
    const s = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const line = (cells: Record<string, unknown>) => CSV_COLUMNS.map((c) => cell(cells[c])).join(',');
  const rows = [CSV_COLUMNS.join(',')];
  for (const n of doc.nodes) {
    const base = { kind: 'node', ...n, aliases: 'aliases' in n ? n.aliases?.join('|') : undefined };
    const evidence = 'evidence' in n ? n.evidence : [];
    if (!evidence?.length) rows.push(line(base));
    for (const e of evidence ?? []) rows.push(line({ ...base, ...e }));
  }
  for (const r of doc.relations) rows.push(line({ kind: 'relation', ...r, ...r.evidence }));
  return `${rows.join('\n')}\n`;
}

describe('npm run import', () => {
  it('imports a file, and creates nothing when the same facts come again (JSON, then CSV)', {
    timeout: 120_000,
  }, async () => {
    const { keys, document } = ownFacts();
    const json = file('own.json', JSON.stringify(document, null, 2));
    const first = await cli('import', [json]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(summary(first.stdout)).toEqual({ nodes: [5, 0, 0], evidence: [4, 0, 0], relations: [2, 0, 0] });

    const second = await cli('import', [json]);
    expect(second.code).toBe(0);
    expect(summary(second.stdout)).toEqual({ nodes: [0, 0, 5], evidence: [0, 0, 4], relations: [0, 0, 2] });

    const csv = await cli('import', [file('own.csv', asCsv(document))]);
    expect(csv.stderr).toBe('');
    expect(summary(csv.stdout)).toEqual({ nodes: [0, 0, 5], evidence: [0, 0, 4], relations: [0, 0, 2] });

    const [company] = await executor.read(
      `MATCH (c:Company {key: $key})-[e:SOURCED_FROM]->(:Source {key: $source})
       RETURN c.name AS name, c.aliases AS aliases, c.foundedYear AS founded, collect(e.quote) AS quotes`,
      { key: keys.company, source: keys.source },
    );
    expect(company).toEqual({
      name: 'Test company, "quoted"',
      aliases: ['TC', 'Test Co'],
      founded: 1999,
      quotes: expect.arrayContaining(['A company.', 'Still a company.']),
    });

    // A later file may point at what the database already holds.
    const more = {
      nodes: [
        {
          label: 'Technology',
          key: uniqueKey('tech'),
          name: 'Another technology',
          evidence: [{ source: keys.source, quote: 'Another one.' }],
        },
      ],
      relations: [
        {
          type: 'SPECIALIZES_IN',
          from: `IndustryCluster:${keys.cluster}`,
          to: `Technology:${keys.technology}`,
          evidence: { source: keys.source, quote: 'Said again, elsewhere.' },
        },
      ],
    };
    const third = await cli('import', [file('more.json', JSON.stringify(more))]);
    expect(third.code).toBe(0);
    expect(summary(third.stdout)).toEqual({ nodes: [1, 0, 0], evidence: [1, 0, 0], relations: [0, 1, 0] });
  });

  it('writes nothing from a file with a bad row, and says where each problem is', async () => {
    const { keys, document } = ownFacts();
    const good = asCsv(document).trimEnd().split('\n');
    // Rows of the header's 15 columns (the last, `note`, empty).
    const bad = [
      ...good,
      'node,Zne,bad-label-test-row,Bad,,,,,,,,hi-tech-zones-overview,q,,', // an unknown label
      `relation,,,,,,,,LOCATED_IN,IndustryCluster:${keys.cluster},Zone:no-such-zone-test-x,hi-tech-zones-overview,q,,`,
      `node,Company,${uniqueKey('company')},Orphan,,,,,,,,no-such-source-test-x,q,,`,
      `relation,,,,,,,,ORIGINATED_IN,IndustryCluster:${keys.cluster},Technology:${keys.technology},${keys.source},q,,`,
    ];
    const badFile = file('bad.csv', `${bad.join('\n')}\n`);
    const before = await countKeys(Object.values(keys));
    const run = await cli('import', [badFile]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const n = good.length;
    expect(run.stderr).toContain(`${badFile}:${n + 1}: label: "Zne" is not a label of the ontology`);
    expect(run.stderr).toContain(
      `${badFile}:${n + 2}: to: Zone:no-such-zone-test-x is neither in the file nor in the database`,
    );
    expect(run.stderr).toContain(
      `${badFile}:${n + 3}: source: cites Source "no-such-source-test-x", which is neither in the file nor in the database`,
    );
    expect(run.stderr).toContain(
      `${badFile}:${n + 4}: type: ORIGINATED_IN may not join IndustryCluster to Technology`,
    );
    expect(run.stderr).toContain(`4 problems in ${badFile}; nothing was written.`);
    expect(await countKeys(Object.values(keys))).toBe(before);
    expect(before).toBe(0);

    const broken = await cli('import', [file('broken.json', '{"nodes": [\n  {"label": "Zone",}\n]}')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json:2: not valid JSON: /);
    const empty = await cli('import', [file('empty.csv', '')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('empty.csv: the file is empty');
  });

  it('with --dry-run reports what it would do and writes nothing', async () => {
    const { keys, document } = ownFacts();
    const run = await cli('import', [file('dry.json', JSON.stringify(document)), '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Dry run: .*dry\.json is valid \(5 nodes and 2 relations\); nothing was written/,
    );
    expect(summary(run.stdout)).toEqual({ nodes: [5, 0, 0], evidence: [4, 0, 0], relations: [2, 0, 0] });
    expect(await countKeys(Object.values(keys))).toBe(0);
  });

  it('exits 2 with the usage line on a usage error', async () => {
    const usage = 'Usage: npm run import -- <file.json|file.csv> [--dry-run | --bulk [--replace-store]]';
    const cases = [
      [],
      ['facts.xml'],
      [path.join(workDir, 'missing.json')],
      ['examples/facts.json', '--force'],
    ];
    const runs = await Promise.all(cases.map((args) => cli('import', args)));
    runs.forEach((run, i) => {
      const args = cases[i]!.join(' ');
      expect(run.code, args).toBe(2);
      expect(run.stderr, args).toContain(usage);
    });
  });
});

describe('npm run export', () => {
  async function neighboursOfZhongguancun(): Promise<string[]> {
    const rows = await executor.read(
      `MATCH (z:Zone {key: 'zhongguancun'})-[r]-(m)
       WHERE type(r) <> 'SOURCED_FROM' AND NOT m.key CONTAINS '-test-'
       RETURN DISTINCT [l IN labels(m) WHERE l <> 'Entity'][0] + ':' + m.key AS id`,
    );
    return ['Zone:zhongguancun', ...rows.map((r) => String(r.id))];
  }

  it('writes the neighbourhood of a node as GraphML that parses, with stable ids', async () => {
    const run = await cli('export', ['--format', 'graphml', '--key', 'zhongguancun']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Exported the neighbourhood of Zone:zhongguancun \(depth 1\): \d+ nodes/);
    // The search properties stored with each entity are derived (made again on import), not unknown.
    expect(run.stderr).not.toMatch(/does not know/);
    const root = parseXml(run.stdout);
    expect(root.name).toBe('graphml');
    const keys = root.children.filter((c) => c.name === 'key');
    const declared = new Map(keys.map((k) => [k.attributes.id, k.attributes['attr.type']]));
    expect(declared.get('n_label')).toBe('string');
    expect(declared.get('n_entityType')).toBe('string');
    expect(declared.get('e_paragraph')).toBe('long');
    const graph = root.children.find((c) => c.name === 'graph');
    expect(graph?.attributes.edgedefault).toBe('directed');
    const nodes = graph!.children.filter((c) => c.name === 'node');
    const edges = graph!.children.filter((c) => c.name === 'edge');
    const ids = new Set(nodes.map((n) => n.attributes.id));
    for (const id of await neighboursOfZhongguancun()) expect(ids).toContain(id);
    expect(ids).toContain('Source:hi-tech-zones-overview');
    for (const edge of edges) {
      expect(ids).toContain(edge.attributes.source);
      expect(ids).toContain(edge.attributes.target);
    }
    for (const data of [...nodes, ...edges].flatMap((e) => e.children)) {
      expect(declared.has(data.attributes.key)).toBe(true);
    }
    const zone = nodes.find((n) => n.attributes.id === 'Zone:zhongguancun')!;
    const value = (key: string) => zone.children.find((d) => d.attributes.key === key)?.text;
    expect(value('n_entityType')).toBe('Zone');
    expect(value('n_label')).toBe('Zhongguancun Science Park');
    expect(value('n_nameZh')).toBe('中关村科技园区');
    expect(JSON.parse(value('n_aliases') ?? '[]')).toContain('中关村');
    expect(edges.length).toBeGreaterThan(0);
    expect(new Set(edges.map((e) => e.attributes.id)).size).toBe(edges.length);
  });

  it('writes it as the import CSV and as a JSON fact document, to --out', async () => {
    const csvOut = path.join(workDir, 'zgc.csv');
    const csv = await cli('export', ['--format', 'csv', '--key', 'Zone:zhongguancun', '--out', csvOut]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe('');
    const csvText = readFileSync(csvOut, 'utf8');
    expect(csvText.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    const fromCsv = parseCsvFacts(csvText);
    expect(fromCsv.problems).toEqual([]);

    const json = await cli('export', ['--format', 'json', '--key', 'zhongguancun', '--depth', '1']);
    expect(json.code).toBe(0);
    const document = factDocumentSchema.parse(JSON.parse(json.stdout));
    const refs = new Set(document.nodes.map((n) => `${n.label}:${n.key}`));
    for (const id of await neighboursOfZhongguancun()) expect(refs).toContain(id);
    // Everything cited is in the file, so it imports anywhere.
    for (const n of document.nodes) for (const e of n.evidence) expect(refs).toContain(`Source:${e.source}`);
    for (const r of document.relations) {
      expect(refs).toContain(r.from);
      expect(refs).toContain(r.to);
      expect(refs).toContain(`Source:${r.evidence.source}`);
    }
    expect(fromCsv.document.nodes.map((n) => `${n.label}:${n.key}`)).toContain('Zone:zhongguancun');
  });

  it('exits 2 on a usage error or a key that names no node; a key names one node only', async () => {
    const cases = [
      [],
      ['--format', 'xml'],
      ['--format', 'json', '--depth', '2'],
      ['--format', 'json', '--key', 'x', '--depth', '4'],
    ];
    const [missing, city, ...runs] = await Promise.all([
      cli('export', ['--format', 'json', '--key', 'no-such-key-test-x']),
      // Keys are unique across labels: the city of the zone `anshan` is `anshan-place`, and its
      // former key, given with its label, still names it (src/graph/entity-keys.ts).
      cli('export', ['--format', 'json', '--key', 'Place:anshan', '--depth', '1']),
      ...cases.map((args) => cli('export', args)),
    ]);
    runs.forEach((run, i) => {
      const args = cases[i]!.join(' ');
      expect(run.code, args).toBe(2);
      expect(run.stderr, args).toContain('Usage: npm run export -- --format');
    });
    expect(missing!.code).toBe(2);
    expect(missing!.stderr).toContain('--key no-such-key-test-x: no node has this key.');
    expect(city!.code, city!.stderr).toBe(0);
    expect(JSON.parse(city!.stdout).nodes.map((n: any) => `${n.label}:${n.key}`)).toContain(
      'Place:anshan-place',
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// A small, strict XML reader: enough to say that the GraphML is well-formed and to walk it.

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decode(text: string, at: number): string {
  return text.replace(/&([^;]*);|[&<]/g, (whole, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`unescaped ${whole} at ${at}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity in named) return named[entity] as string;
    const code = /^#x([0-9a-f]+)$/i.exec(entity)?.[1] ?? /^#(\d+)$/.exec(entity)?.[1];
    if (code === undefined) throw new Error(`unknown entity &${entity}; at ${at}`);
    return String.fromCodePoint(entity.startsWith('#x') ? Number.parseInt(code, 16) : Number(code));
  });
}

function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`XML: ${message} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const name = /[A-Za-z_][\w.:-]*/y;
  const attribute = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
  while (i < xml.length) {
    const next = xml.indexOf('<', i);
    const text = xml.slice(i, next < 0 ? xml.length : next);
    if (stack.length) (stack[stack.length - 1] as XmlElement).text += decode(text, i);
    else if (text.trim()) fail('text outside the root element');
    if (next < 0) break;
    i = next;
    if (xml.startsWith('</', i)) {
      name.lastIndex = i + 2;
      const closing = name.exec(xml)?.[0] ?? fail('bad closing tag');
      const open = stack.pop() ?? fail(`</${closing}> without an open element`);
      if (open.name !== closing) fail(`</${closing}> closes <${open.name}>`);
      i = name.lastIndex;
      if (xml[i] !== '>') fail('expected >');
      i++;
      continue;
    }
    name.lastIndex = i + 1;
    const element: XmlElement = {
      name: name.exec(xml)?.[0] ?? fail('bad tag'),
      attributes: {},
      children: [],
      text: '',
    };
    i = name.lastIndex;
    for (;;) {
      attribute.lastIndex = i;
      const match = attribute.exec(xml);
      if (!match) break;
      const key = match[1] as string;
      if (key in element.attributes) fail(`attribute ${key} twice`);
      element.attributes[key] = decode(match[3] ?? match[4] ?? '', i);
      i = attribute.lastIndex;
    }
    while (/\s/.test(xml[i] ?? '')) i++;
    const selfClosing = xml.startsWith('/>', i);
    if (!selfClosing && xml[i] !== '>') fail('expected > or />');
    i += selfClosing ? 2 : 1;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) fail('a second root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length) fail(`<${stack[stack.length - 1]?.name}> is not closed`);
  return root ?? fail('no root element');
}
