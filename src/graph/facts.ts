/**
 * The one format facts travel in: the curated graph (data/curated/*.json), the reference tables once
 * read (src/graph/reference-tables.ts), user imports (`npm run import`) and JSON exports.
 *
 * A node is identified by label + key; a relationship by type, its two ends and the source that states
 * it, so two sources that disagree (a zone upgraded "in 2009" vs "in 2011") stay two statements.
 */
import { z } from 'zod';
import {
  allowsRelationship,
  isLabel,
  isRelationshipType,
  KEY_PATTERN,
  LABEL_PROPERTIES,
  type Label,
  type PropertyKind,
  RELATIONSHIP_PROPERTIES,
  type RelationshipType,
} from './ontology.ts';
import { type TextShape, textProblem } from './text-rules.ts';

/** Quotes are evidence, not copies of the text: a sentence at most. */
export const MAX_QUOTE_LENGTH = 400;

/**
 * A text with nothing hidden in it (text-rules.ts: no control or invisible format characters; a name
 * has something to read): what curation accepts, imports are held to as well.
 */
function visible(shape: TextShape, max?: number) {
  const text = max === undefined ? z.string().min(1) : z.string().min(1).max(max);
  return text.superRefine((value, ctx) => {
    const problem = textProblem(value, shape);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

const DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const key = z
  .string()
  .regex(KEY_PATTERN, 'must be a lowercase slug such as "zhongguancun" or "torch-program"');

export const evidenceSchema = z.object({
  source: key.describe('key of a Source node'),
  quote: visible('long', MAX_QUOTE_LENGTH).optional(),
  /** Paragraph of the source document the quote comes from (1-based), where the source is that document. */
  paragraph: z.number().int().positive().optional(),
  /**
   * Why the statement has no quote where it has none (the page could not be seen, the quote found does not
   * state this value …): a quote is always words of the source, never a note about it.
   */
  note: visible('long', MAX_QUOTE_LENGTH).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/**
 * Kinds of source, most authoritative first: the order of the headline rule (claims.ts). `unknown`
 * is a Source with no kind yet.
 */
export const SOURCE_KINDS = [
  'official',
  'academic',
  'press',
  'encyclopedia',
  'aggregator',
  'unknown',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * One source's value for one property of a node: where sources disagree (a zone's approval year),
 * each value is a claim and the node's property holds the headline one (claims.ts). A claim is of its
 * Source's kind, never relabelled; `basis` states how the value follows from an official text the
 * page reproduces or lists (which text, and the reasoning), which the headline rule ranks next to
 * official (docs/ontology.md, "Sources that disagree").
 */
export const claimSchema = z.strictObject({
  property: z.string().min(1),
  value: z.union([z.string().min(1), z.number()]),
  source: key.describe('key of a Source node'),
  quote: visible('long', MAX_QUOTE_LENGTH).optional(),
  paragraph: z.number().int().positive().optional(),
  basis: z.string().min(1).optional(),
  note: visible('long').optional(),
});
export type Claim = z.infer<typeof claimSchema>;

function propertySchema(kind: PropertyKind): z.ZodType {
  switch (kind) {
    case 'string':
      return z.string();
    case 'int':
      return z.number().int();
    case 'float':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.string().regex(DATE_PATTERN, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
    case 'string[]':
      return z.array(z.string());
  }
}

function propertiesSchema(kinds: Record<string, PropertyKind>) {
  const shape = Object.fromEntries(
    Object.entries(kinds).map(([name, kind]) => [name, propertySchema(kind).optional()]),
  );
  return z.strictObject(shape);
}

/**
 * What a rule of the ontology found, as data on its issue (`params`), for readers that word it their
 * own way (the import): the messages stay for everyone else.
 */
export type OntologyRuleBroken =
  | { rule: 'unknown-label' }
  | { rule: 'unknown-type' }
  | { rule: 'unknown-end-label'; label: string }
  | { rule: 'endpoints-not-allowed'; type: RelationshipType; from: Label; to: Label };

const broke = (params: OntologyRuleBroken) => params;

const labelSchema = z
  .string()
  .refine(isLabel, { message: 'is not a label of the ontology', params: broke({ rule: 'unknown-label' }) });
const typeSchema = z.string().refine(isRelationshipType, {
  message: 'is not a relationship type of the ontology',
  params: broke({ rule: 'unknown-type' }),
});

export const nodeFactSchema = z
  .object({
    label: labelSchema,
    key,
    name: visible('name'),
    nameZh: visible('name').optional(),
    aliases: z.array(visible('name')).optional(),
    description: visible('long').optional(),
    /** Keys the node had before keys became unique across labels (entity-keys.ts); lookups still find them. */
    formerKeys: z.array(key).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
    evidence: z.array(evidenceSchema).default([]),
    claims: z.array(claimSchema).optional(),
  })
  .superRefine((node, ctx) => {
    if (!isLabel(node.label)) return; // reported by the label's own check
    const label = node.label;
    const parsed = propertiesSchema(LABEL_PROPERTIES[label]).safeParse(node.properties ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({
          code: 'custom',
          path: ['properties', ...issue.path.map(String)],
          message:
            issue.code === 'unrecognized_keys'
              ? `${label} has no propert${issue.keys.length > 1 ? 'ies' : 'y'} ${issue.keys.join(', ')} (allowed: ${Object.keys(LABEL_PROPERTIES[label]).join(', ') || 'none'})`
              : issue.message,
        });
      }
    }
    for (const [i, claim] of (node.claims ?? []).entries()) {
      const kind = LABEL_PROPERTIES[label][claim.property];
      if (!kind) {
        ctx.addIssue({
          code: 'custom',
          path: ['claims', i, 'property'],
          message: `${label} has no property ${claim.property} to claim a value of`,
        });
      } else if (!propertySchema(kind).safeParse(claim.value).success) {
        ctx.addIssue({ code: 'custom', path: ['claims', i, 'value'], message: `is not a ${kind}` });
      }
    }
    if (label !== 'Source' && node.evidence.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'needs at least one source (evidence)' });
    }
  });
export type NodeFact = Omit<z.infer<typeof nodeFactSchema>, 'label'> & { label: Label };

/** "Label:key", e.g. "Zone:zhongguancun". */
export const nodeRefSchema = z
  .string()
  .regex(/^[A-Za-z]+:[a-z0-9.-]+$/, 'must be "Label:key", e.g. "Zone:zhongguancun"');

export const relationFactSchema = z
  .object({
    type: typeSchema,
    from: nodeRefSchema,
    to: nodeRefSchema,
    properties: propertiesSchema(RELATIONSHIP_PROPERTIES).optional(),
    evidence: evidenceSchema,
  })
  .superRefine((rel, ctx) => {
    const from = parseNodeRef(rel.from);
    const to = parseNodeRef(rel.to);
    for (const [end, ref] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!isLabel(ref.label))
        ctx.addIssue({
          code: 'custom',
          path: [end],
          message: `${ref.label} is not a label`,
          params: broke({ rule: 'unknown-end-label', label: ref.label }),
        });
    }
    if (isLabel(from.label) && isLabel(to.label) && isRelationshipType(rel.type)) {
      if (!allowsRelationship(rel.type, from.label, to.label)) {
        ctx.addIssue({
          code: 'custom',
          path: ['type'],
          message: `${rel.type} may not join ${from.label} to ${to.label}`,
          params: broke({ rule: 'endpoints-not-allowed', type: rel.type, from: from.label, to: to.label }),
        });
      }
    }
  });
export type RelationFact = Omit<z.infer<typeof relationFactSchema>, 'type'> & { type: RelationshipType };

export const factDocumentSchema = z.object({
  nodes: z.array(nodeFactSchema).default([]),
  relations: z.array(relationFactSchema).default([]),
});
export type FactDocument = { nodes: NodeFact[]; relations: RelationFact[] };

export function parseNodeRef(ref: string): { label: string; key: string } {
  const at = ref.indexOf(':');
  return { label: ref.slice(0, at), key: ref.slice(at + 1) };
}

export function nodeRef(label: Label, key: string): string {
  return `${label}:${key}`;
}
