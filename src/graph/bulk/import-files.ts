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
import type { FactDocument, NodeFact, RelationFact } from '../facts.ts';
import { nodeProperties } from '../loader.ts';
import { nodeIdentity } from '../merge-facts.ts';
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

/**
 * One group's file: the header, then a line per item. Lines are gathered into chunks of about a
 * megabyte, written without waiting; the writer waits only when the stream asks it to (drain), so the
 * lines of a million items cost no promise each and the files are written while the next are built.
 */
class CsvFile {
  readonly stream;
  private chunk: string;
  constructor(
    readonly file: string,
    header: string,
  ) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
    this.chunk = `${header}\n`;
  }
  /** Adds a line; true when the stream's buffer is full and the caller should await drained(). */
  add(line: string): boolean {
    this.chunk += `${line}\n`;
    return this.chunk.length >= CHUNK ? !this.flush() : false;
  }
  private flush(): boolean {
    if (!this.chunk) return true;
    const text = this.chunk;
    this.chunk = '';
    return this.stream.write(text);
  }
  drained(): Promise<void> {
    return new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }
  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

/** Characters gathered before a write. */
const CHUNK = 1 << 20;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Property names that passed NAME (a handful, tested once each rather than per item). */
const NAMES_SEEN = new Set<string>();

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
  // One pass, no intermediate set: nodes have lists (aliases, pinyin, search names) by the hundred thousand.
  const first = csvType(value[0]);
  if (first === 'string') {
    // An empty element or one holding the delimiter would not come back as it was.
    for (const v of value) if (typeof v !== 'string' || v === '' || v.includes(ARRAY_DELIMITER)) return null;
    return 'string[]';
  }
  if (first !== 'boolean' && first !== 'long') return null;
  for (const v of value) if (csvType(v) !== first) return null;
  return `${first}[]`;
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
    if (!NAMES_SEEN.has(name) && !NAME.test(name))
      throw new Error(`bulk import: ${what} has a property named ${JSON.stringify(name)}`);
    NAMES_SEEN.add(name);
    shape.push([name, type]);
  }
  return shape.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The evidence's members a relation stores under these names, over any property of the same name. */
const FROM_EVIDENCE = new Set(['quote', 'paragraph', 'evidenceNote']);

/**
 * A relation's stored properties: `{ sourceKey, ...relationProperties(rel) }` (loader.ts, the online
 * path's), built as one object without its spreads, entries and filter — a million relations at SF 1.
 * tests/unit/bulk-import-files.test.ts checks that the two agree.
 */
export function relationshipProperties(rel: RelationFact): Record<string, unknown> {
  const props: Record<string, unknown> = { sourceKey: rel.evidence.source };
  const own = rel.properties as Record<string, unknown> | undefined;
  if (own)
    for (const key in own) {
      const value = own[key];
      if (value !== undefined && value !== null && !FROM_EVIDENCE.has(key)) props[key] = value;
    }
  const { quote, paragraph, note } = rel.evidence;
  props.quote = quote ?? '';
  if (paragraph !== undefined && paragraph !== null) props.paragraph = paragraph;
  if (note !== undefined && note !== null) props.evidenceNote = note;
  return props;
}

const LINE_BREAK = /[\r\n]/;

/**
 * Writes the document's nodes, evidence (SOURCED_FROM) and relations into `dir` as importer CSV files.
 * The document must be validated (validate.ts: no relation or evidence twice), with every reference
 * to one of its nodes (the store is empty).
 *
 * Nodes are numbered in the files (`--id-type=integer`): the importer maps numbers without encoding,
 * sorting and comparing a string per node, and the relationship lines are shorter. The numbers are not
 * stored (the `:ID` column has no property name); each node's key is.
 */
export async function writeImportFiles(doc: FactDocument, dir: string): Promise<ImportFiles> {
  // Relations and evidence twice are the validation's to find (import/duplicates.ts), as it does for
  // the online path; checking them again here cost 1.5 s of 12 at SF 1 (a string and a set entry per
  // relation). A node twice would break the numbering, and is found by it at no cost.
  assertFormerKeysNameOne(doc.nodes);
  const ids = new Map<string, string>();
  doc.nodes.forEach((node, index) => {
    const identity = nodeIdentity(node);
    if (ids.has(identity))
      throw new Error(`bulk import: node ${identity} twice; validate the document first`);
    ids.set(identity, String(index));
  });
  const idOf = (ref: string): string => {
    const id = ids.get(ref);
    if (id === undefined) throw new Error(`bulk import: ${ref} is not a node of the document`);
    return id;
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
  /** Adds a line to a file; a promise to wait for when the file's buffer is full, else null. */
  type Wait = Promise<void> | null;
  const add = (csv: CsvFile, line: string): Wait => {
    if (!result.multiline && LINE_BREAK.test(line)) result.multiline = true;
    return csv.add(line) ? csv.drained() : null;
  };

  /**
   * The file and columns for items of this kind and shape. The shape is read from the properties'
   * names and types in their own order (a string built per item); the sorted header, its check and its
   * file once per distinct one: a million relationships have a handful of shapes.
   */
  interface Group {
    csv: CsvFile;
    shape: [string, CsvType][];
    /** Properties with no CSV type (empty lists, or what the importer cannot write). */
    untyped: string[];
  }
  const groups = new Map<string, Group>();
  const groupOf = (kind: 'node' | 'rel', name: string, props: Record<string, unknown>, what: string) => {
    let signature = `${kind}|${name}`;
    for (const key in props) signature += `|${key}:${csvType(props[key])}`;
    let group = groups.get(signature);
    if (!group) {
      const shape = shapeOf(props, what);
      const untyped = Object.keys(props).filter((key) => csvType(props[key]) === null);
      const columns = shape.map(([column, type]) => `${column}:${type}`);
      const header = [...(kind === 'node' ? [':ID'] : [':START_ID', ':END_ID']), ...columns].join(',');
      const csv = fileFor(`${kind}|${name}|${header}`, header, (file) =>
        kind === 'node'
          ? result.nodes.push({ labels: [name, ENTITY_LABEL], file })
          : result.relationships.push({ type: name, file }),
      );
      group = { csv, shape, untyped };
      groups.set(signature, group);
    }
    return group;
  };

  const writeNode = (node: NodeFact, id: string): Wait => {
    const props = nodeProperties(node);
    const label = cypherName(node.label) && node.label;
    const { csv, shape, untyped } = groupOf('node', label, props, nodeIdentity(node));
    let line = id;
    for (const [name, type] of shape) line += `,${csvField(props[name], type)}`;
    if (untyped.length) {
      // Only empty lists may be left out of the file (set after the import); anything else is a bug.
      if (untyped.some((name) => !Array.isArray(props[name]) || (props[name] as unknown[]).length > 0))
        throw new Error(
          `bulk import: ${nodeIdentity(node)} has a list the importer cannot read back as it is`,
        );
      result.emptyLists.push({
        key: node.key,
        props: Object.fromEntries(untyped.map((name) => [name, props[name]])) as Record<string, unknown[]>,
      });
    }
    result.nodeCount += 1;
    return add(csv, line);
  };

  const writeRelationship = (
    type: string,
    from: string,
    to: string,
    props: Record<string, unknown>,
  ): Wait => {
    const { csv, shape, untyped } = groupOf('rel', type, props, `a ${type} relationship of ${from}`);
    if (untyped.length)
      throw new Error(`bulk import: a ${type} relationship of ${from} has a value the importer cannot write`);
    let line = `${idOf(from)},${idOf(to)}`;
    for (const [name, t] of shape) line += `,${csvField(props[name], t)}`;
    result.relationshipCount += 1;
    return add(csv, line);
  };

  let wait: Wait;
  for (const [index, node] of doc.nodes.entries()) {
    wait = writeNode(node, String(index));
    if (wait) await wait;
  }
  const evidenceType = cypherName(EVIDENCE_RELATIONSHIP) && EVIDENCE_RELATIONSHIP;
  for (const node of doc.nodes) {
    const from = nodeIdentity(node);
    for (const e of node.evidence) {
      // As the online path stores it: no quote is an empty one; no paragraph or note, no property.
      const props: Record<string, unknown> = { quote: e.quote ?? '' };
      if (e.paragraph !== undefined && e.paragraph !== null) props.paragraph = e.paragraph;
      if (e.note !== undefined && e.note !== null) props.note = e.note;
      wait = writeRelationship(evidenceType, from, `Source:${e.source}`, props);
      if (wait) await wait;
    }
  }
  for (const rel of doc.relations) {
    const type = cypherName(rel.type) && rel.type;
    const props = relationshipProperties(rel);
    wait = writeRelationship(type, rel.from, rel.to, props);
    if (wait) await wait;
  }
  await Promise.all([...files.values()].map((csv) => csv.close()));
  return result;
}
