/**
 * data/reference/aliases.json: the names people use (short forms, abbreviations, former and new names
 * with their years), each with the source that uses it. Applied to the seed: an alias joins its
 * entity's aliases and its source and quote join the entity's evidence, so the graph itself says where
 * each alias comes from. A row naming an entity or a source the seed does not hold fails the seed.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type FactDocument, MAX_QUOTE_LENGTH, type NodeFact, nodeRef, parseNodeRef } from '../facts.ts';

const text = z.string().min(1);
const year = z.number().int().min(1900).max(2100);

const aliasesSchema = z.strictObject({
  $comment: z.string().optional(),
  sources: z.array(
    z.strictObject({
      key: z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/),
      name: text,
      title: text.optional(),
      url: z.url(),
      publisher: text.optional(),
      kind: z.enum(['official', 'press', 'encyclopedia', 'academic', 'aggregator', 'unknown']).optional(),
      language: text.optional(),
      provenance: text,
    }),
  ),
  aliases: z.array(
    z
      .strictObject({
        entity: z.string().regex(/^[A-Za-z]+:[a-z0-9.-]+$/),
        alias: text,
        kind: z.enum(['short-name', 'abbreviation', 'former-name', 'new-name', 'other-name']),
        since: year.optional(),
        until: year.optional(),
        year: year.optional(),
        source: text.optional(),
        url: text.optional(),
        quote: text.max(MAX_QUOTE_LENGTH),
        quoteFrom: z.enum(['page', 'row']).optional(),
        paragraph: z.number().int().positive().optional(),
      })
      .refine((row) => (row.source === undefined) !== (row.url === undefined), {
        message: 'give exactly one of source (a Source key) and url (a page a reference-table row cites)',
      }),
  ),
});

export type AliasFile = z.infer<typeof aliasesSchema>;

/** The Source of the reference tables themselves (data/reference/curation.json keys). */
const REFERENCE_TABLES_SOURCE = 'reference-tables';

export function readAliases(path: string): AliasFile {
  const parsed = aliasesSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The document with the file's Sources added and its aliases applied (a new copy of each touched
 * node). `sourceKeyOf` turns a row's URL into its Source key (reference-tables.ts's webSourceKey).
 */
export function applyAliases(
  doc: FactDocument,
  file: AliasFile,
  sourceKeyOf: (url: string) => string,
): FactDocument {
  const nodes = new Map(doc.nodes.map((node) => [nodeRef(node.label, node.key), node]));
  for (const source of file.sources) {
    const ref = nodeRef('Source', source.key);
    if (nodes.has(ref)) throw new Error(`aliases.json: Source ${source.key} is already in the seed`);
    nodes.set(ref, {
      label: 'Source',
      key: source.key,
      name: source.name,
      properties: {
        url: source.url,
        ...(source.title && { title: source.title }),
        ...(source.publisher && { publisher: source.publisher }),
        ...(source.kind && { kind: source.kind }),
        ...(source.language && { language: source.language }),
      },
      evidence: [],
    });
  }
  for (const row of file.aliases) {
    const node = nodes.get(row.entity);
    if (!node) throw new Error(`aliases.json: ${row.entity} (alias "${row.alias}") is not in the seed`);
    // A quote taken from a reference-table row is the table's words: it cites the table, not the page.
    const sourceKey =
      row.quoteFrom === 'row' ? REFERENCE_TABLES_SOURCE : (row.source ?? sourceKeyOf(row.url as string));
    if (!nodes.has(nodeRef('Source', sourceKey))) {
      throw new Error(
        `aliases.json: the source of "${row.alias}" (${row.source ?? row.url}) is not in the seed`,
      );
    }
    const { label, key } = parseNodeRef(row.entity);
    const aliases = node.aliases ?? [];
    const evidence = node.evidence.some((e) => e.source === sourceKey && e.quote === row.quote)
      ? node.evidence
      : [
          ...node.evidence,
          { source: sourceKey, quote: row.quote, ...(row.paragraph && { paragraph: row.paragraph }) },
        ];
    const updated: NodeFact = {
      ...node,
      aliases: aliases.includes(row.alias) ? aliases : [...aliases, row.alias],
      evidence,
    };
    nodes.set(nodeRef(label as NodeFact['label'], key), updated);
  }
  return { nodes: [...nodes.values()], relations: doc.relations };
}
