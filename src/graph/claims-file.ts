/**
 * data/reference/claims.json: the values sources disagree on, each with its source and quote
 * (claims.ts says which becomes the headline). A row names its entity ("Zone:shenzhen", by the key the
 * tables give it) and its source by Source key or by the URL a reference-table row cites; the file's
 * own `sources` are pages no table row cites. A row naming an entity or a source the seed does not
 * hold fails the seed.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Claim, claimSchema, type FactDocument, type NodeFact, nodeRef, SOURCE_KINDS } from './facts.ts';

const text = z.string().min(1);

const claimsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  sources: z.array(
    z.strictObject({
      url: z.url(),
      name: text,
      title: text.optional(),
      publisher: text.optional(),
      kind: z.enum(SOURCE_KINDS),
      provenance: text,
    }),
  ),
  claims: z.array(
    claimSchema
      .omit({ source: true })
      .extend({
        entity: z.string().regex(/^[A-Za-z]+:[a-z0-9.-]+$/),
        source: text.optional(),
        url: text.optional(),
        /** Why the row has no quote (a quote is the source's own words, never a note). */
        noQuote: text.optional(),
      })
      .refine((row) => (row.source === undefined) !== (row.url === undefined), {
        message: 'give exactly one of source (a Source key) and url (a page)',
      })
      .refine((row) => (row.quote === undefined) !== (row.noQuote === undefined), {
        message: 'give a quote, or say in noQuote why there is none',
      }),
  ),
});

export type ClaimsFile = z.infer<typeof claimsFileSchema>;

export function readClaims(path: string): ClaimsFile {
  const parsed = claimsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The document with the file's claims on their nodes (and its sources added where the seed has no
 * Source for the page yet). `sourceKeyOf` turns a URL into its Source key (reference-tables.ts).
 */
export function applyClaims(
  doc: FactDocument,
  file: ClaimsFile,
  sourceKeyOf: (url: string) => string,
): FactDocument {
  const nodes = new Map(doc.nodes.map((node) => [nodeRef(node.label, node.key), node]));
  for (const source of file.sources) {
    const key = sourceKeyOf(source.url);
    const ref = nodeRef('Source', key);
    const known = nodes.get(ref);
    // A page the tables already cite keeps its node; the file adds the kind it lacks.
    const properties = {
      url: source.url,
      kind: source.kind,
      ...(source.title && { title: source.title }),
      ...(source.publisher && { publisher: source.publisher }),
      ...known?.properties,
    };
    nodes.set(
      ref,
      known
        ? { ...known, properties }
        : { label: 'Source', key, name: source.name, properties, evidence: [] },
    );
  }
  for (const row of file.claims) {
    const node = nodes.get(row.entity);
    if (!node) throw new Error(`claims.json: ${row.entity} is not in the seed`);
    const source = row.source ?? sourceKeyOf(row.url as string);
    if (!nodes.has(nodeRef('Source', source)))
      throw new Error(
        `claims.json: the source of a claim on ${row.entity} (${row.source ?? row.url}) is not in the seed`,
      );
    const { entity: _entity, url: _url, noQuote, ...rest } = row;
    const claim: Claim = {
      ...rest,
      source,
      ...(noQuote && !rest.note ? { note: `no quote: ${noQuote}` } : {}),
      ...(noQuote && rest.note ? { note: `${rest.note}; no quote: ${noQuote}` } : {}),
    };
    const updated: NodeFact = { ...node, claims: [...(node.claims ?? []), claim] };
    nodes.set(row.entity, updated);
  }
  return { nodes: [...nodes.values()], relations: doc.relations };
}
