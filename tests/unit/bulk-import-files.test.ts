/**
 * The offline importer's CSV files (src/graph/bulk/import-files.ts) and arguments: values typed as the
 * driver sends them, one file per shape, what CSV cannot carry set aside. The graph they make is
 * compared with the online import's in tests/integration/bulk-import.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ARRAY_DELIMITER,
  csvField,
  csvType,
  relationshipProperties,
  writeImportFiles,
} from '../../src/graph/bulk/import-files.ts';
import type { FactDocument, RelationFact } from '../../src/graph/facts.ts';
import { relationProperties } from '../../src/graph/loader.ts';
import { C1_ONLY_ITEMS, importerArguments, importerJvmArguments } from '../../src/neo4j/offline-import.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'hitech-kg-import-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc: FactDocument = {
  nodes: [
    { label: 'Source', key: 'src', name: 'A source', evidence: [] },
    {
      label: 'Indicator',
      key: 'ind-whole',
      name: 'Whole',
      properties: { value: 12, year: 2020 },
      evidence: [{ source: 'src' }],
    },
    {
      label: 'Indicator',
      key: 'ind-fraction',
      name: 'Fraction',
      properties: { value: 12.5, year: 2020 },
      evidence: [{ source: 'src', quote: 'It says "12.5",\nthen more.', paragraph: 3 }],
    },
    { label: 'Technology', key: 'tech', name: 'Tech', aliases: [], evidence: [] },
  ],
  relations: [],
};

describe('csvType and csvField', () => {
  it('types numbers as the driver sends them: whole ones long, others double', () => {
    expect(csvType(2020)).toBe('long');
    expect(csvType(12.5)).toBe('double');
    expect(csvType(['a', 'b'])).toBe('string[]');
    expect(csvType([1, 2])).toBe('long[]');
    expect(csvType(true)).toBe('boolean');
  });
  it('has no type for what would not come back as it was: empty lists, empty or delimited elements', () => {
    expect(csvType([])).toBeNull();
    expect(csvType(['', 'a'])).toBeNull();
    expect(csvType([`a${ARRAY_DELIMITER}b`])).toBeNull();
  });
  it('quotes every string (so "" stays an empty string) and leaves absent values unquoted and empty', () => {
    expect(csvField('', 'string')).toBe('""');
    expect(csvField('say "hi"', 'string')).toBe('"say ""hi"""');
    expect(csvField(undefined, 'long')).toBe('');
    expect(csvField(['a', 'b'], 'string[]')).toBe(`"a${ARRAY_DELIMITER}b"`);
  });
});

describe('writeImportFiles', () => {
  it('writes one file per label and shape, each node also an Entity, evidence as SOURCED_FROM', async () => {
    const files = await writeImportFiles(doc, dir);
    expect(files.nodeCount).toBe(4);
    expect(files.relationshipCount).toBe(2);
    // The two indicators differ in value's type: two files.
    const indicators = files.nodes.filter((n) => n.labels[0] === 'Indicator');
    expect(indicators).toHaveLength(2);
    for (const n of files.nodes) expect(n.labels).toContain('Entity');
    const headers = indicators.map((n) => readFileSync(n.file, 'utf8').split('\n')[0]);
    expect(headers.some((h) => h?.includes('value:long'))).toBe(true);
    expect(headers.some((h) => h?.includes('value:double'))).toBe(true);
    const evidence = files.relationships.filter((r) => r.type === 'SOURCED_FROM');
    const text = evidence.map((r) => readFileSync(r.file, 'utf8')).join('');
    // No quote is an empty one, as the online path stores it; a line break makes the files multiline.
    // Nodes by their number in the document (--id-type=integer): Indicator:ind-whole is 1, Source:src 0.
    expect(text).toContain('1,0,""');
    expect(text).toContain('3,"It says ""12.5"",\nthen more."');
    expect(files.multiline).toBe(true);
  });

  it('sets empty lists aside for Cypher (the importer reads an empty array field as no property)', async () => {
    const files = await writeImportFiles(doc, dir);
    expect(files.emptyLists).toEqual([{ key: 'tech', props: { aliases: [] } }]);
  });

  it('refuses a reference to a node outside the document (the store it goes into is empty)', async () => {
    const dangling: FactDocument = {
      nodes: [{ label: 'Technology', key: 'tech', name: 'Tech', evidence: [{ source: 'elsewhere' }] }],
      relations: [],
    };
    await expect(writeImportFiles(dangling, dir)).rejects.toThrow(
      /Source:elsewhere is not a node of the document/,
    );
  });
  it("refuses a node twice (its number would name two nodes); relations twice are the validation's", async () => {
    const twice: FactDocument = {
      nodes: [
        { label: 'Technology', key: 'tech', name: 'Tech', evidence: [] },
        { label: 'Technology', key: 'tech', name: 'Tech again', evidence: [] },
      ],
      relations: [],
    };
    await expect(writeImportFiles(twice, dir)).rejects.toThrow(/node Technology:tech twice; validate/);
  });
});

describe('relationshipProperties', () => {
  it("stores what the online path stores: the source's key and relationProperties, in every corner", () => {
    const base = { type: 'LOCATED_IN', from: 'Zone:a', to: 'Place:b' } as const;
    const cases: RelationFact[] = [
      { ...base, evidence: { source: 's' } },
      { ...base, evidence: { source: 's', quote: 'q', paragraph: 3, note: 'n' } },
      { ...base, properties: { role: 'x', share: 0.5, since: null }, evidence: { source: 's', quote: '' } },
      // Names the evidence also stores: the evidence's win, absent ones included; a sourceKey property
      // wins over the source, as in the online path's spread.
      {
        ...base,
        properties: { quote: 'p', paragraph: 9, evidenceNote: 'p', sourceKey: 'other' },
        evidence: { source: 's' },
      },
      { ...base, properties: { sourceKey: null, tags: ['a', 'b'] }, evidence: { source: 's', note: null } },
    ] as unknown as RelationFact[];
    for (const rel of cases)
      expect(relationshipProperties(rel)).toStrictEqual({
        sourceKey: rel.evidence.source,
        ...relationProperties(rel),
      });
  });
});

describe('importerJvmArguments', () => {
  const base = { memory: '1g', logDir: '/logs' };
  it("maps the server's class-data archive when there is one, and goes without otherwise", () => {
    expect(importerJvmArguments({ ...base, items: 10, archive: '/cache/neo4j-1.jsa' })).toContain(
      '-XX:SharedArchiveFile=/cache/neo4j-1.jsa',
    );
    expect(
      importerJvmArguments({ ...base, items: 10, archive: null }).some((a) => a.includes('SharedArchive')),
    ).toBe(false);
  });

  it('runs C1 only with the serial GC up to C1_ONLY_ITEMS (SF 1 included), G1 and the full JIT above', () => {
    const sf1 = importerJvmArguments({ ...base, items: 169_219 + 974_347, archive: null });
    expect(sf1).toEqual(expect.arrayContaining(['-Xmx1g', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']));
    const large = importerJvmArguments({ ...base, items: C1_ONLY_ITEMS, archive: null });
    expect(large).toContain('-XX:+UseG1GC');
    expect(large).not.toContain('-XX:TieredStopAtLevel=1');
    expect(large).toContain('-XX:ErrorFile=/logs/hs_err_pid%p.log');
  });
});

describe('importerArguments', () => {
  it('names the database before the file lists, and stops at the first bad entry', async () => {
    const files = await writeImportFiles(doc, dir);
    const args = importerArguments(files, { overwrite: false, report: '/tmp/r', memory: '1g' });
    expect(args.slice(0, 4)).toEqual(['database', 'import', 'full', 'neo4j']);
    expect(args).toContain('--bad-tolerance=0');
    expect(args).toContain('--array-delimiter=U+001F');
    expect(args).toContain('--id-type=integer');
    expect(args).toContain('--multiline-fields=true');
    expect(args.filter((a) => a.startsWith('--nodes=Indicator:Entity='))).toHaveLength(2);
  });
});
