/**
 * A validated fact document as the CSV files of Neo4j's offline importer (`neo4j-admin database import
 * full`, src/neo4j/offline-import.ts), for `npm run import -- --bulk` into the local store.
 *
 * The graph must be the one the online path makes (loader.ts, bulk-loader.ts), so every value is
 * written as the driver would send it (executor.ts): whole numbers as `long`, others as `double`,
 * lists as arrays of their elements' type, strings always quoted (so that "" stays an empty string,
 * and an unquoted empty field is an absent property). A CSV column has one type, so nodes (and
 * relationships) are grouped by their shape — label or type, and each property's name and type — one
 * file per group with its own header. What CSV cannot say is left for Cypher once the server runs:
 * empty lists (an empty array field is read as no property) and claims (few; claims-writer.ts).
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { assertFormerKeysNameOne, ENTITY_LABEL } from '../entity-keys.ts';
import type { FactDocument, NodeFact } from '../facts.ts';
import { nodeProperties, relationProperties } from '../loader.ts';
import { evidenceIdentity, nodeIdentity, relationIdentity } from '../merge-facts.ts';
import { cypherName, EVIDENCE_RELATIONSHIP } from '../ontology.ts';

/** Between the elements of a list in one field: a control character no text of ours holds. */
export const ARRAY_DELIMITER = '\u001f';

type CsvType = 'string' | 'long' | 'double' | 'boolean' | 'string[]' | 'long[]' | 'double[]' | 'boolean[]';

export interface ImportFiles {
  /** `--nodes=Label:Entity=file` arguments' parts. */
  nodes: { labels: string[]; file: string }[];
  /** `--relationships=TYPE=file` arguments' parts. */
  relationships: { type: string; file: string }[];
  /** Whether a value holds a line break (the importer must then be told: slower parsing). */
  multiline: boolean;
  nodeCount: number;
  relationshipCount: number;
  /** Properties CSV cannot carry (empty lists), to set by key once the server runs. */
  emptyLists: { key: string; props: Record<string, unknown[]> }[];
}

/** One group's file: the header, then a line per item, written as it comes. */
class CsvFile {
  readonly stream;
  private lines: string[] = [];
  constructor(
    readonly file: string,
    header: string,
  ) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
    this.lines.push(header);
  }
  async add(line: string): Promise<void> {
    this.lines.push(line);
    if (this.lines.length >= 5_000) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.lines.length) return;
    const text = `${this.lines.join('\n')}\n`;
    this.lines = [];
    if (!this.stream.write(text))
      await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The importer's type for a value as the driver would store it; null when CSV cannot say it. */
export function csvType(value: unknown): CsvType | null {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isSafeInteger(value) ? 'long' : 'double';
    default:
      break;
  }
  if (!Array.isArray(value) || value.length === 0) return null;
  const types = new Set(value.map(csvType));
  if (types.size === 1 && types.has('string')) {
    // An empty element or one holding the delimiter would not come back as it was.
    return value.every((v: string) => v !== '' && !v.includes(ARRAY_DELIMITER)) ? 'string[]' : null;
  }
  if (types.size === 1 && types.has('boolean')) return 'boolean[]';
  if ([...types].every((t) => t === 'long')) return 'long[]';
  return null;
}

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** One field: strings always quoted; absent values an empty, unquoted field. */
export function csvField(value: unknown, type: CsvType): string {
  if (value === undefined || value === null) return '';
  if (type === 'string') return quoted(value as string);
  if (type.endsWith('[]')) return quoted((value as unknown[]).map(String).join(ARRAY_DELIMITER));
  return String(value);
}

/** Properties with their CSV types, in name order: the shape that names a group. */
function shapeOf(props: Record<string, unknown>, what: string): [string, CsvType][] {
  const shape: [string, CsvType][] = [];
  for (const [name, value] of Object.entries(props)) {
    const type = csvType(value);
    if (type === null) continue;
    if (!NAME.test(name))
      throw new Error(`bulk import: ${what} has a property named ${JSON.stringify(name)}`);
    shape.push([name, type]);
  }
  return shape.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function assertUnique(ids: Iterable<string>, what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`bulk import: ${what} ${id} twice; validate the document first`);
    seen.add(id);
  }
}

const hasLineBreak = (value: unknown): boolean =>
  typeof value === 'string'
    ? /[\r\n]/.test(value)
    : Array.isArray(value) && value.some((v) => typeof v === 'string' && /[\r\n]/.test(v));

/**
 * Writes the document's nodes, evidence (SOURCED_FROM) and relations into `dir` as importer CSV files.
 * The document must be validated, with every reference to one of its nodes (the store is empty).
 */
export async function writeImportFiles(doc: FactDocument, dir: string): Promise<ImportFiles> {
  assertUnique(doc.nodes.map(nodeIdentity), 'node');
  assertUnique(doc.relations.map(relationIdentity), 'relation');
  assertFormerKeysNameOne(doc.nodes);
  for (const node of doc.nodes)
    assertUnique(node.evidence.map(evidenceIdentity), `evidence of ${nodeIdentity(node)}`);
  const ids = new Set(doc.nodes.map(nodeIdentity));
  const known = (ref: string) => {
    if (!ids.has(ref)) throw new Error(`bulk import: ${ref} is not a node of the document`);
    return ref;
  };

  const files = new Map<string, CsvFile>();
  const result: ImportFiles = {
    nodes: [],
    relationships: [],
    multiline: false,
    nodeCount: 0,
    relationshipCount: 0,
    emptyLists: [],
  };
  const fileFor = (group: string, header: string, register: (file: string) => void): CsvFile => {
    let csv = files.get(group);
    if (!csv) {
      csv = new CsvFile(path.join(dir, `${files.size + 1}.csv`), header);
      files.set(group, csv);
      register(csv.file);
    }
    return csv;
  };

  const writeNode = async (node: NodeFact) => {
    const props = nodeProperties(node);
    const shape = shapeOf(props, nodeIdentity(node));
    const label = cypherName(node.label) && node.label;
    const header = [':ID', ...shape.map(([name, type]) => `${name}:${type}`)].join(',');
    const csv = fileFor(`node|${label}|${header}`, header, (file) =>
      result.nodes.push({ labels: [label, ENTITY_LABEL], file }),
    );
    await csv.add([quoted(nodeIdentity(node)), ...shape.map(([n, t]) => csvField(props[n], t))].join(','));
    const empty = Object.entries(props).filter(([, v]) => Array.isArray(v) && csvType(v) === null);
    if (empty.some(([, v]) => (v as unknown[]).length > 0))
      throw new Error(`bulk import: ${nodeIdentity(node)} has a list the importer cannot read back as it is`);
    if (empty.length)
      result.emptyLists.push({
        key: node.key,
        props: Object.fromEntries(empty) as Record<string, unknown[]>,
      });
    result.multiline ||= Object.values(props).some(hasLineBreak);
    result.nodeCount += 1;
  };

  const writeRelationship = async (
    type: string,
    from: string,
    to: string,
    props: Record<string, unknown>,
  ) => {
    const shape = shapeOf(props, `a ${type} relationship of ${from}`);
    if (shape.length !== Object.keys(props).length)
      throw new Error(`bulk import: a ${type} relationship of ${from} has a value the importer cannot write`);
    const header = [':START_ID', ':END_ID', ...shape.map(([name, t]) => `${name}:${t}`)].join(',');
    const csv = fileFor(`rel|${type}|${header}`, header, (file) => result.relationships.push({ type, file }));
    await csv.add(
      [quoted(known(from)), quoted(known(to)), ...shape.map(([n, t]) => csvField(props[n], t))].join(','),
    );
    result.multiline ||= Object.values(props).some(hasLineBreak);
    result.relationshipCount += 1;
  };

  for (const node of doc.nodes) await writeNode(node);
  const evidenceType = cypherName(EVIDENCE_RELATIONSHIP) && EVIDENCE_RELATIONSHIP;
  for (const node of doc.nodes) {
    for (const e of node.evidence) {
      // As the online path stores it: no quote is an empty one; no paragraph or note, no property.
      const props = Object.fromEntries(
        Object.entries({ quote: e.quote ?? '', paragraph: e.paragraph, note: e.note }).filter(
          ([, v]) => v !== undefined && v !== null,
        ),
      );
      await writeRelationship(evidenceType, nodeIdentity(node), `Source:${e.source}`, props);
    }
  }
  for (const rel of doc.relations) {
    const type = cypherName(rel.type) && rel.type;
    await writeRelationship(type, rel.from, rel.to, {
      sourceKey: rel.evidence.source,
      ...relationProperties(rel),
    });
  }
  for (const csv of files.values()) await csv.close();
  return result;
}
