/**
 * What curation and lookups accept, in one place: every limit is a named constant here, and the rule
 * of each property is derived from its kind and name in the ontology (ontology.ts), not written per
 * type. Messages say what is allowed, never echo a large input back, and are checked before any
 * Cypher: a 30 KB name must not reach Neo4j's index ("Property value is too large to index").
 */
import { z } from 'zod';
import { MAX_QUOTE_LENGTH } from './facts.ts';
import {
  COMMON_PROPERTIES,
  KEY_PATTERN,
  LABEL_PROPERTIES,
  type Label,
  type PropertyKind,
  RELATIONSHIP_PROPERTIES,
} from './ontology.ts';

/** The limits of curation input. Data-model facts, not deployment settings: no variables. */
export const INPUT_LIMITS = {
  /** Keys are slugs; the longest seeded one has 58 characters. */
  keyLength: 100,
  /** name, nameZh, title and each alias. */
  nameLength: 300,
  /** Any other text property (kind, batchNote, unit, role, …). */
  textLength: 1_000,
  descriptionLength: 10_000,
  /** Quotes are evidence, not copies (facts.ts keeps the same number for imports). */
  quoteLength: MAX_QUOTE_LENGTH,
  urlLength: 2_000,
  aliases: 50,
  /** Sources cited by one mutation. */
  evidence: 20,
  /** A quote's paragraph in its source document. */
  paragraph: 100_000,
  /** Years (and the years of dates) run from here to a few years ahead (plans, targets). */
  firstYear: 1900,
  yearsAhead: 5,
} as const;

/** Search defaults; SEARCH_MAX_LENGTH and SEARCH_MAX_TERMS override them (config.ts). */
export const SEARCH_DEFAULTS = { maxLength: 200, maxTerms: 16 } as const;

export const lastYear = (): number => new Date().getUTCFullYear() + INPUT_LIMITS.yearsAhead;

/** Shows a short input back; a long one only by its length. */
function shown(value: string): string {
  return value.length <= 40 ? JSON.stringify(value) : `${value.length} characters`;
}

export const KEY_RULE = `must be a lowercase slug of at most ${INPUT_LIMITS.keyLength} characters (a-z and 0-9, words joined by "-" or "."), e.g. "zhongguancun"`;

/** Why `value` is no key, or null when it is one. Length first: the pattern never sees a huge string. */
export function keyProblem(value: string): string | null {
  if (value.length <= INPUT_LIMITS.keyLength && KEY_PATTERN.test(value)) return null;
  return `${KEY_RULE}; got ${shown(value)}`;
}

const key = z.string().superRefine((value, ctx) => {
  const problem = keyProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Trimmed, not blank, at most `max` characters. */
function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, { error: (issue) => `must be at most ${max} characters; got ${String(issue.input).length}` });
}

const year = z
  .number()
  .int()
  .superRefine((value, ctx) => {
    const last = lastYear();
    if (value < INPUT_LIMITS.firstYear || value > last)
      ctx.addIssue({
        code: 'custom',
        message: `must be a year from ${INPUT_LIMITS.firstYear} to ${last}; got ${value}`,
      });
  });

const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** YYYY, YYYY-MM or YYYY-MM-DD: a real calendar date, in the years allowed. */
const date = z.string().superRefine((value, ctx) => {
  const last = lastYear();
  const allowed = `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, a year from ${INPUT_LIMITS.firstYear} to ${last}`;
  const match = value.length <= 10 ? DATE_PATTERN.exec(value) : null;
  if (!match) return void ctx.addIssue({ code: 'custom', message: `${allowed}; got ${shown(value)}` });
  const [y, m, d] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    ctx.addIssue({ code: 'custom', message: `${allowed}; ${value} is not a calendar date` });
  } else if (y < INPUT_LIMITS.firstYear || y > last) {
    ctx.addIssue({ code: 'custom', message: `${allowed}; got ${value}` });
  }
});

const url = z.string().superRefine((value, ctx) => {
  const allowed = `must be an http(s) URL of at most ${INPUT_LIMITS.urlLength} characters`;
  if (value.length > INPUT_LIMITS.urlLength)
    return void ctx.addIssue({ code: 'custom', message: `${allowed}; got ${value.length} characters` });
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {}
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname)
    ctx.addIssue({
      code: 'custom',
      message: `${allowed}, e.g. "https://example.org/page"; got ${shown(value)}`,
    });
});

/** Property names whose rule is not the default of their kind. */
const NAMES = new Set(['name', 'nameZh', 'title']);
const YEAR_NAME = /(^y|Y)ear$|^since$|^until$/;

/** Pairs [start, end] where the end may not come before the start. */
export const ORDERED_PAIRS = [
  ['since', 'until'],
  ['year', 'endYear'],
] as const;

/** The rule of a property, from its name and kind in the ontology. */
export function propertyRule(name: string, kind: PropertyKind): z.ZodType {
  if (name === 'description') return text(INPUT_LIMITS.descriptionLength);
  if (name === 'url') return url;
  switch (kind) {
    case 'int':
      return YEAR_NAME.test(name) ? year : z.number().int();
    case 'float':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'date':
      return date;
    case 'string[]':
      return z.array(text(INPUT_LIMITS.nameLength)).max(INPUT_LIMITS.aliases, {
        error: (issue) =>
          `must have at most ${INPUT_LIMITS.aliases} entries; got ${(issue.input as unknown[]).length}`,
      });
    case 'string':
      return text(NAMES.has(name) ? INPUT_LIMITS.nameLength : INPUT_LIMITS.textLength);
  }
}

/** An object of optional properties; `nullable` lets an update remove one with null. */
function propertiesRule(kinds: Record<string, PropertyKind>, nullable: boolean) {
  return z
    .object(
      Object.fromEntries(
        Object.entries(kinds).map(([name, kind]) => {
          const rule = propertyRule(name, kind);
          return [name, (nullable ? rule.nullable() : rule).optional()];
        }),
      ),
    )
    .superRefine((values, ctx) => {
      for (const problem of orderProblems(values))
        ctx.addIssue({ code: 'custom', ...problem, path: [problem.path] });
    });
}

/** Ends before their starts (until before since, endYear before year) among `values`. */
export function orderProblems(values: Record<string, unknown>): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const [start, end] of ORDERED_PAIRS) {
    const [a, b] = [values[start], values[end]];
    if (typeof a === 'number' && typeof b === 'number' && b < a)
      problems.push({ path: end, message: `must not be before ${start} (${a}); got ${b}` });
  }
  return problems;
}

export const evidenceRule = z.object({
  source: key,
  quote: text(INPUT_LIMITS.quoteLength).optional(),
  paragraph: z
    .number()
    .int()
    .min(1, `must be a paragraph number from 1 to ${INPUT_LIMITS.paragraph}`)
    .max(INPUT_LIMITS.paragraph, `must be a paragraph number from 1 to ${INPUT_LIMITS.paragraph}`)
    .optional(),
});

const evidenceList = z.array(evidenceRule).max(INPUT_LIMITS.evidence, {
  error: (issue) =>
    `may cite at most ${INPUT_LIMITS.evidence} sources at once; got ${(issue.input as unknown[]).length}`,
});

const common = (nullable: boolean) => {
  const optional = <T extends z.ZodType>(rule: T) => (nullable ? rule.nullable() : rule).optional();
  return {
    nameZh: optional(propertyRule('nameZh', COMMON_PROPERTIES.nameZh)),
    aliases: optional(propertyRule('aliases', COMMON_PROPERTIES.aliases)),
    description: optional(propertyRule('description', COMMON_PROPERTIES.description)),
  };
};

/** One rule per label, made when first needed. */
function perLabel<T>(make: (label: Label) => T): (label: Label) => T {
  const made = new Map<Label, T>();
  return (label) => {
    if (!made.has(label)) made.set(label, make(label));
    return made.get(label) as T;
  };
}

/** A new entity of `label`: its key, name, common and own properties, evidence. */
export const createRule = perLabel((label) =>
  z.object({
    key,
    name: propertyRule('name', 'string'),
    ...common(false),
    properties: propertiesRule(LABEL_PROPERTIES[label], false),
    evidence: evidenceList,
  }),
);

/** A change to an entity of `label`: what is given is checked; null removes (but never the name). */
export const updateRule = perLabel((label) =>
  z.object({
    key,
    name: propertyRule('name', 'string').optional(),
    ...common(true),
    properties: propertiesRule(LABEL_PROPERTIES[label], true),
    evidence: evidenceList.nullish(),
  }),
);

const end = z.object({ label: z.string(), key });

export const linkRule = z.object({
  from: end,
  to: end,
  properties: propertiesRule(RELATIONSHIP_PROPERTIES, false),
  evidence: evidenceRule,
});

export const unlinkRule = z.object({ from: end, to: end, source: key.nullish() });

export const keyRule = z.object({ key });

export interface InputProblem {
  path: string;
  message: string;
}

/** At most this many problems are reported: 20,000 blank aliases must not make a 20,000-line answer. */
export const MAX_PROBLEMS = 10;

/** Parses `value` with `rule`: the cleaned value (texts trimmed), or the problems, each with its path. */
export function check<T extends z.ZodType>(
  rule: T,
  value: unknown,
): { ok: true; value: z.infer<T> } | { ok: false; problems: InputProblem[] } {
  const parsed = rule.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const { issues } = parsed.error;
  const problems = issues
    .slice(0, MAX_PROBLEMS)
    .map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  if (issues.length > MAX_PROBLEMS)
    problems.push({ path: '', message: `and ${issues.length - MAX_PROBLEMS} more problems` });
  return { ok: false, problems };
}
