/** The import file reader (no database): every kind of problem with its line, and both formats. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWriter, type ExportFormat, xmlEscape } from '../../src/graph/export.ts';
import type { FactDocument } from '../../src/graph/facts.ts';
import {
  aliasesCell,
  CSV_COLUMNS,
  formatProblem,
  importFormatOf,
  jsonLineIndex,
  type ParsedImport,
  parseAliasesCell,
  parseCsvFacts,
  parseImportFile,
  parseJsonFacts,
  referenceProblems,
} from '../../src/graph/import/index.ts';

const EXAMPLE_JSON = readFileSync(new URL('../../examples/facts.json', import.meta.url), 'utf8');
const EXAMPLE_CSV = readFileSync(new URL('../../examples/facts.csv', import.meta.url), 'utf8');

/** The problems as the import prints them. */
function printed(parsed: ParsedImport, file = 'f'): string[] {
  return parsed.problems.map((p) => formatProblem(file, p));
}

const HEADER = CSV_COLUMNS.join(',');
/** A CSV row from named cells, in the header's order. */
function row(cells: Partial<Record<(typeof CSV_COLUMNS)[number], string>>): string {
  return CSV_COLUMNS.map((c) => {
    const v = cells[c] ?? '';
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(',');
}
const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

const SOURCE_ROW = row({ kind: 'node', label: 'Source', key: 'src', name: 'A source' });
const zoneRow = (key: string, extra: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}) =>
  row({ kind: 'node', label: 'Zone', key, name: `Zone ${key}`, source: 'src', quote: 'q', ...extra });

describe('the examples', () => {
  it('parse without a problem, JSON and CSV to the same document', () => {
    const json = parseJsonFacts(EXAMPLE_JSON);
    const csvParsed = parseCsvFacts(EXAMPLE_CSV);
    expect(json.problems).toEqual([]);
    expect(csvParsed.problems).toEqual([]);
    expect(json.document.nodes).toHaveLength(3);
    expect(json.document.relations).toHaveLength(2);
    expect(new Set(json.document.nodes.map((n) => n.label)).size).toBe(3);
    expect(csvParsed.document).toEqual(json.document);
    // The node with two pieces of evidence takes two CSV rows.
    const cluster = csvParsed.document.nodes.find((n) => n.label === 'IndustryCluster');
    expect(cluster?.evidence).toHaveLength(2);
    expect(cluster?.aliases).toEqual(['ZGC open-source cluster', 'Zhongguancun OSS cluster']);
  });

  it('are chosen by extension', () => {
    expect(importFormatOf('examples/facts.json')).toBe('json');
    expect(importFormatOf('x/FACTS.CSV')).toBe('csv');
    expect(importFormatOf('facts.xml')).toBeUndefined();
    expect(parseImportFile(EXAMPLE_CSV, 'csv').format).toBe('csv');
  });
});

describe('JSON problems', () => {
  const bad = [
    '{', //                                                                      1
    '  "nodes": [', //                                                          2
    '    { "label": "Source", "key": "src", "name": "A source" },', //          3
    '    {', //                                                                 4
    '      "label": "Zne",', //                                                 5
    '      "key": "a",', //                                                     6
    '      "name": "A",', //                                                    7
    '      "evidence": [{ "source": "src" }]', //                               8
    '    },', //                                                                9
    '    { "label": "Zone", "name": "No key", "evidence": [{ "source": "src" }] },', // 10
    '    {', //                                                                 11
    '      "label": "Zone",', //                                                12
    '      "key": "b",', //                                                     13
    '      "name": "B",', //                                                    14
    '      "properties": { "approvedYear": "1988", "color": "red" },', //       15
    '      "evidence": [{ "source": "src", "quote": "", "paragraph": 0 }]', //  16
    '    },', //                                                                17
    '    { "label": "Zone", "key": "c", "name": "C", "evidence": [] },', //    18
    '    { "label": "Zone", "key": "d", "name": "D", "evidence": [{ "source": "src" }], "nmae": "x" },', // 19
    '    { "label": "Zone", "key": "d", "name": "D again", "evidence": [{ "source": "src" }] }', // 20
    '  ],', //                                                                  21
    '  "relations": [', //                                                      22
    '    { "type": "PART_OF", "from": "Zone:d", "to": "Place:p", "evidence": { "source": "src" } },', // 23
    '    { "type": "NEAR", "from": "Zone:d", "to": "Place:p", "evidence": { "source": "src" } },', // 24
    '    { "type": "LOCATED_IN", "from": "Zone:d", "to": "Plase:p", "evidence": { "source": "src" } },', // 25
    '    { "type": "LOCATED_IN", "from": "Zone:d", "to": "Place:p" }', //      26
    '  ]', //                                                                   27
    '}', //                                                                     28
  ].join('\n');
  const problems = printed(parseJsonFacts(bad), 'bad.json');

  it('reports an unknown label at its line, with the JSON path', () => {
    expect(problems).toContainEqual(
      expect.stringMatching(/^bad\.json:5: nodes\[1\]\.label: "Zne" is not a label/),
    );
  });

  it('reports a missing key', () => {
    expect(problems).toContain('bad.json:10: nodes[2].key: is required');
  });

  it('reports wrong properties and evidence at their lines', () => {
    expect(problems).toContainEqual(
      expect.stringMatching(/^bad\.json:15: nodes\[3\]\.properties: Zone has no property color/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^bad\.json:15: nodes\[3\]\.properties\.approvedYear: /),
    );
    expect(problems).toContain('bad.json:16: nodes[3].evidence[0].quote: must not be empty');
    expect(problems).toContain('bad.json:16: nodes[3].evidence[0].paragraph: must be 1 or more (got 0)');
  });

  it('reports a node without evidence, an unknown member and a node defined twice', () => {
    expect(problems).toContain('bad.json:18: nodes[4].evidence: needs at least one source (evidence)');
    expect(problems).toContainEqual(expect.stringMatching(/^bad\.json:19: nodes\[5\]\.nmae: unknown member/));
    expect(problems).toContain('bad.json:20: nodes[6].key: Zone:d is already defined at line 19 (nodes[5])');
  });

  it('reports a relation its labels do not allow, an unknown type, label and missing evidence', () => {
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^bad\.json:23: relations\[0\]\.type: PART_OF may not join Zone to Place \(PART_OF joins /,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^bad\.json:24: relations\[1\]\.type: "NEAR" is not a relationship type/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^bad\.json:25: relations\[2\]\.to: "Plase:p": Plase is not a label/),
    );
    expect(problems).toContain('bad.json:26: relations[3].evidence: is required');
  });

  it('keeps only the valid items, and lists problems in file order', () => {
    const parsed = parseJsonFacts(bad);
    expect(parsed.document.nodes.map((n) => n.key)).toEqual(['src', 'd']);
    expect(parsed.document.relations).toEqual([]);
    const lines = parsed.problems.map((p) => p.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('reports a malformed file with the line of the error', () => {
    expect(printed(parseJsonFacts('{\n  "nodes": [\n    { "label": "Zone", }\n  ]\n}'), 'x.json')).toEqual([
      expect.stringMatching(/^x\.json:3: not valid JSON: /),
    ]);
    expect(printed(parseJsonFacts('{\n  "nodes": [\n'), 'x.json')).toEqual([
      expect.stringMatching(/^x\.json:2: not valid JSON: /),
    ]);
    expect(printed(parseJsonFacts(''), 'x.json')).toEqual(['x.json: the file is empty']);
    expect(printed(parseJsonFacts('  \n'), 'x.json')).toEqual(['x.json: the file is empty']);
    expect(printed(parseJsonFacts('[]'), 'x.json')).toEqual([
      'x.json:1: must be a JSON object { "nodes": [...], "relations": [...] }',
    ]);
    expect(printed(parseJsonFacts('{"nodes": {}}'), 'x.json')).toEqual(['x.json:1: nodes: must be an array']);
    expect(printed(parseJsonFacts('{}'), 'x.json')).toEqual(['x.json: holds no nodes and no relations']);
    expect(printed(parseJsonFacts('{"nodes": [], "edges": []}'), 'x.json')).toEqual([
      'x.json:1: edges: unknown member (a fact document holds "nodes" and "relations")',
    ]);
  });

  it('indexes the lines of values without recursing into deep nesting', () => {
    const index = jsonLineIndex('{\n "a": [\n  1,\n  {"b":\n   2}\n ],\n "c": "x\\ny"\n}');
    expect(index.get('a')).toBe(2);
    expect(index.get('a.0')).toBe(3);
    expect(index.get('a.1.b')).toBe(4);
    expect(index.get('c')).toBe(7);
    const deep = `{"x": ${'['.repeat(50_000)}${']'.repeat(50_000)}, "y": 1}`;
    expect(jsonLineIndex(deep).get('y')).toBe(1);
  });
});

describe('hidden characters', () => {
  it('are refused in names, descriptions, quotes and notes, as curation refuses them (outside attack, session 7)', () => {
    const text = JSON.stringify({
      nodes: [
        {
          label: 'Technology',
          key: 'hidden-chars',
          name: 'ctl\u0000name',
          nameZh: '\u200b',
          aliases: ['bidi\u202e'],
          description: 'd\u0001',
          evidence: [{ source: 's', note: 'n\u0000' }],
        },
      ],
      relations: [],
    });
    // The input is shown with what would not show escaped (a bidi override would reorder the terminal).
    expect(printed(parseJsonFacts(text), 'h.json')).toEqual([
      'h.json:1: nodes[0].name: "ctl\\u0000name" must not contain control characters, line breaks or invisible format characters (zero-width spaces, bidi controls); found U+0000 at character 4',
      'h.json:1: nodes[0].nameZh: "\\u200b" must not contain control characters, line breaks or invisible format characters (zero-width spaces, bidi controls); found U+200B at character 1',
      'h.json:1: nodes[0].aliases[0]: "bidi\\u202e" must not contain control characters, line breaks or invisible format characters (zero-width spaces, bidi controls); found U+202E at character 5',
      'h.json:1: nodes[0].description: "d\\u0001" must not contain control characters other than tabs and line breaks, nor invisible format characters (zero-width spaces, bidi controls); found U+0001 at character 2',
      'h.json:1: nodes[0].evidence[0].note: "n\\u0000" must not contain control characters other than tabs and line breaks, nor invisible format characters (zero-width spaces, bidi controls); found U+0000 at character 2',
    ]);
    // Line breaks and tabs stay allowed where curation allows them: descriptions and quotes.
    const fine = JSON.stringify({
      nodes: [
        {
          label: 'Technology',
          key: 'fine',
          name: '中关村 ZGC',
          description: 'a\n\tb',
          evidence: [{ source: 's', quote: 'q\nr' }],
        },
      ],
      relations: [],
    });
    expect(printed(parseJsonFacts(fine), 'f.json')).toEqual([]);
  });
});

describe('CSV problems', () => {
  it('reports each bad row at its line, with the column', () => {
    const text = csv(
      SOURCE_ROW, //                                                                  2
      row({ kind: 'node', label: 'Zne', key: 'a', name: 'A', source: 'src' }), //    3
      row({ kind: 'node', label: 'Zone', name: 'No key', source: 'src' }), //        4
      zoneRow('b', { properties: '{"approvedYear": 1988' }), //                      5
      zoneRow('c', { paragraph: 'two' }), //                                         6
      zoneRow('d', { description: 'multi\nline' }), //                               7-8
      zoneRow('d', { name: 'Another name', quote: 'other quote' }), //              9
      zoneRow('e', { quote: 'q', paragraph: '3' }), //                               10
      zoneRow('e', { quote: 'q', paragraph: '4' }), //                               11
      row({ kind: 'relation', type: 'PART_OF', from: 'Zone:d', to: 'Place:p', source: 'src' }), // 12
      row({ kind: 'relation', type: 'LOCATED_IN', from: 'Zone:d', to: 'Place:p', source: 'src' }), // 13
      row({ kind: 'relation', type: 'LOCATED_IN', from: 'Zone:d', to: 'Place:p', source: 'src' }), // 14
      row({ kind: 'relation', type: 'LOCATED_IN', from: 'Zone:d', to: 'Place:p' }), // 15
      row({
        kind: 'relation',
        label: 'Zone',
        type: 'LOCATED_IN',
        from: 'Zone:d',
        to: 'Place:p',
        source: 'src',
      }), // 16
      row({ kind: 'edge', key: 'x' }), //                                            17
      'node,Zone,f', //                                                               18
      row({ kind: 'node', label: 'Zone', key: 'g', name: 'G', quote: 'no source' }), // 19
    );
    expect(printed(parseCsvFacts(text), 'bad.csv')).toEqual([
      expect.stringMatching(/^bad\.csv:3: label: "Zne" is not a label of the ontology/),
      'bad.csv:4: key: is required',
      'bad.csv:5: properties: "{\\"approvedYear\\": 1988" is not a JSON object, e.g. {"year": 1988}',
      'bad.csv:6: paragraph: "two" is not a whole number',
      'bad.csv:9: name: "Another name" differs from line 7 ("Zone d") for the same node Zone:d',
      'bad.csv:11: source: repeats the evidence at line 10 (same source and quote)',
      expect.stringMatching(/^bad\.csv:12: type: PART_OF may not join Zone to Place/),
      'bad.csv:14: repeats the relation at line 13 (same type, ends and source)',
      'bad.csv:15: source: is required',
      'bad.csv:16: label: belongs to node rows; leave empty on a relation row',
      'bad.csv:17: kind: "edge" must be "node" or "relation"',
      `bad.csv:18: has 3 fields, the header has ${CSV_COLUMNS.length}`,
      'bad.csv:19: source: is required when quote or paragraph is given',
    ]);
  });

  it('reports a malformed file', () => {
    expect(printed(parseCsvFacts(''), 'x.csv')).toEqual(['x.csv: the file is empty']);
    expect(printed(parseCsvFacts(`${HEADER}\n`), 'x.csv')).toEqual(['x.csv:1: holds a header but no rows']);
    expect(printed(parseCsvFacts(csv(SOURCE_ROW, 'node,"Zone,x')), 'x.csv')).toEqual([
      expect.stringMatching(/^x\.csv:3: not valid CSV: Quote Not Closed/),
    ]);
    expect(printed(parseCsvFacts(csv(SOURCE_ROW, 'node,Zone,"x"y')), 'x.csv')).toEqual([
      expect.stringMatching(/^x\.csv:3: not valid CSV: Invalid Closing Quote/),
    ]);
    expect(printed(parseCsvFacts('kind,label,colour\nnode,Zone,red\n'), 'x.csv')).toEqual([
      expect.stringMatching(/^x\.csv:1: unknown column "colour" \(columns: kind, label, /),
    ]);
    expect(printed(parseCsvFacts('label,key\nZone,x\n'), 'x.csv')).toEqual([
      'x.csv:1: needs a "kind" column (node or relation)',
    ]);
  });

  it('takes columns in any order, and only those it needs', () => {
    const parsed = parseCsvFacts('name,key,label,kind\nA source,src,Source,node\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.document.nodes).toEqual([{ label: 'Source', key: 'src', name: 'A source', evidence: [] }]);
  });

  it('reads aliases as a|b|c or as a JSON array', () => {
    expect(parseAliasesCell('a | b||c')).toEqual(['a', 'b', 'c']);
    expect(parseAliasesCell('["x|y", "z"]')).toEqual(['x|y', 'z']);
    expect(parseAliasesCell('[oops')).toHaveProperty('error');
    expect(aliasesCell(['a', 'b'])).toBe('a|b');
    expect(parseAliasesCell(aliasesCell(['x|y', 'z']))).toEqual(['x|y', 'z']);
    expect(aliasesCell(undefined)).toBe('');
  });
});

describe('references the database cannot resolve', () => {
  it('become problems at the lines that make them, except for nodes the file defines but got wrong', () => {
    const text = csv(
      SOURCE_ROW, //                                                                  2
      zoneRow('a', { source: 'missing-source' }), //                                3
      row({ kind: 'node', label: 'Place', key: 'p', source: 'src' }), // 4: no name
      row({ kind: 'relation', type: 'LOCATED_IN', from: 'Zone:a', to: 'Place:nowhere', source: 'src' }), // 5
      row({ kind: 'relation', type: 'LOCATED_IN', from: 'Zone:a', to: 'Place:p', source: 'src' }), // 6
    );
    const parsed = parseCsvFacts(text);
    expect(printed(parsed, 'r.csv')).toEqual(['r.csv:4: name: is required']);
    const missing = ['Place:nowhere', 'Place:p', 'Source:missing-source'];
    expect(referenceProblems(parsed, missing).map((p) => formatProblem('r.csv', p))).toEqual([
      'r.csv:3: source: cites Source "missing-source", which is neither in the file nor in the database',
      'r.csv:5: to: Place:nowhere is neither in the file nor in the database',
    ]);

    const json = parseJsonFacts(
      JSON.stringify(
        {
          nodes: [{ label: 'Zone', key: 'a', name: 'A', evidence: [{ source: 'gone' }] }],
          relations: [
            { type: 'LOCATED_IN', from: 'Zone:a', to: 'Place:nowhere', evidence: { source: 'gone' } },
          ],
        },
        null,
        2,
      ),
    );
    expect(json.problems).toEqual([]);
    expect(
      referenceProblems(json, ['Place:nowhere', 'Source:gone']).map((p) => formatProblem('r.json', p)),
    ).toEqual([
      'r.json:9: nodes[0].evidence[0].source: cites Source "gone", which is neither in the file nor in the database',
      'r.json:18: relations[0].to: Place:nowhere is neither in the file nor in the database',
      'r.json:20: relations[0].evidence.source: cites Source "gone", which is neither in the file nor in the database',
    ]);
    expect(referenceProblems(json, [])).toEqual([]);
  });
});

describe('export writers read back by the import', () => {
  const example = parseJsonFacts(EXAMPLE_JSON).document;

  function write(format: ExportFormat, doc: FactDocument, onWarning?: (m: string) => void): string {
    const writer = createWriter(format, onWarning);
    return (
      writer.begin() +
      doc.nodes.map((n) => writer.node(n)).join('') +
      doc.relations.map((r) => writer.relation(r)).join('') +
      writer.end()
    );
  }

  it('JSON and CSV round-trip the example, tricky text included', () => {
    const tricky: FactDocument = structuredClone(example);
    const node = tricky.nodes[1]!;
    node.description = 'Commas, "quotes",\nnew lines\r\nand  spaces ';
    node.aliases = ['a|b', ' c'.trim(), '中关村'];
    // Evidence with a note instead of a quote, on a node and on a relation: both formats keep it.
    node.evidence.push({ source: node.evidence[0]!.source, note: 'Inferred from the map, "not" quoted.' });
    tricky.relations[0]!.evidence = {
      source: node.evidence[0]!.source,
      paragraph: 3,
      note: 'Shown in a figure, not in words.',
    };
    for (const format of ['json', 'csv'] as const) {
      const parsed = parseImportFile(write(format, tricky), format);
      expect(parsed.problems, format).toEqual([]);
      expect(parsed.document, format).toEqual(tricky);
    }
  });

  it('CSV says once what it leaves out: claims and former keys', () => {
    const doc: FactDocument = structuredClone(example);
    for (const node of doc.nodes.slice(1)) node.formerKeys = [`${node.key}-old`];
    const warnings: string[] = [];
    write('csv', doc, (m) => warnings.push(m));
    expect(warnings).toEqual([
      "the CSV format has no column for a node's formerKeys: left out (--format json keeps them)",
    ]);
    expect(write('csv', example, (m) => warnings.push(m))).toContain('example-field-notes');
    expect(warnings).toHaveLength(1);
  });

  it('an empty selection is still a valid file of its format', () => {
    const empty = { nodes: [], relations: [] };
    expect(JSON.parse(write('json', empty))).toEqual(empty);
    expect(write('csv', empty)).toBe(`${HEADER}\n`);
    expect(write('graphml', empty)).toContain('<graph id="hitech-kg" edgedefault="directed">');
  });

  it('GraphML declares every attribute it uses and escapes text', () => {
    const doc: FactDocument = structuredClone(example);
    doc.nodes[1]!.description = '<b>R&D</b> "quoted" \'single\' \u0001';
    const xml = write('graphml', doc);
    const declared = new Set([...xml.matchAll(/<key id="([^"]+)"/g)].map((m) => m[1]));
    const used = new Set([...xml.matchAll(/<data key="([^"]+)"/g)].map((m) => m[1]));
    for (const id of used) expect(declared).toContain(id);
    expect(xml).toContain('attr.name="since" attr.type="long"');
    expect(xml).toContain('attr.name="value" attr.type="double"');
    expect(xml).toContain('&lt;b&gt;R&amp;D&lt;/b&gt; &quot;quoted&quot; &apos;single&apos; </data>');
    expect(xml).toContain('<node id="IndustryCluster:example-zhongguancun-open-source-cluster">');
    expect(xml).toContain(
      'source="IndustryCluster:example-zhongguancun-open-source-cluster" target="Zone:zhongguancun"',
    );
    expect(xmlEscape('a\u0000b\u{1F600}')).toBe('ab\u{1F600}');
  });

  it('GraphML keeps the note of a relation’s evidence, and former keys', () => {
    const doc: FactDocument = structuredClone(example);
    doc.relations[0]!.evidence = { source: 'example-field-notes', note: 'Shown in a figure, not in words.' };
    const xml = write('graphml', doc);
    expect(xml).toContain(
      '<key id="e_evidenceNote" for="edge" attr.name="evidenceNote" attr.type="string"/>',
    );
    expect(xml).toContain('<data key="e_evidenceNote">Shown in a figure, not in words.</data>');
    // formerKeys is declared, so it is written (as the JSON list a GraphML string holds).
    doc.nodes[1]!.formerKeys = ['old-key'];
    expect(write('graphml', doc)).toContain('<data key="n_formerKeys">[&quot;old-key&quot;]</data>');
  });
});
