/**
 * What curation and lookups accept, in one place: every limit is a named constant here, and the rule
 * of each property is derived from its kind and name in the ontology (ontology.ts), not written per
 * type. Messages say what is allowed, never echo a large input back, and are checked before any
 * Cypher: a 30 KB name must not reach Neo4j's index ("Property value is too large to index").
 * Beyond size: texts hold nothing invisible (textProblem), names something to read, aliases differ,
 * shares are fractions, and related properties agree (orderProblems: dates in their years, ends after
 * starts). Imports are validated by facts.ts, with the same text rules (text-rules.ts); the unit tests run the seeded data through these rules.
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
import { shown, type TextShape, textProblem } from './text-rules.ts';

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

/** Trimmed, not blank, at most `max` characters, no hidden characters (and for names, something to read). */
function text(max: number, shape: TextShape = 'line') {
  return z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, { error: (issue) => `must be at most ${max} characters; got ${String(issue.input).length}` })
    .superRefine((value, ctx) => {
      if (value === '' || value.length > max) return; // blank or too long: said already
      const problem = textProblem(value, shape);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** How two aliases are compared: trimmed, NFKC (full-width and compatibility forms), case-folded. */
export function aliasIdentity(alias: string): string {
  // toUpperCase then toLowerCase folds what lowercasing alone keeps apart (ß and SS, ſ and s).
  return alias.trim().normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** At most `aliases` names, each a name, no two the same once normalised (aliasIdentity). */
const aliasList = z
  .array(text(INPUT_LIMITS.nameLength, 'name'))
  .max(INPUT_LIMITS.aliases, {
    error: (issue) =>
      `must have at most ${INPUT_LIMITS.aliases} entries; got ${(issue.input as unknown[]).length}`,
  })
  .superRefine((aliases, ctx) => {
    if (aliases.length > INPUT_LIMITS.aliases) return;
    const first = new Map<string, number>();
    for (const [i, alias] of aliases.entries()) {
      if (typeof alias !== 'string' || alias.trim() === '') continue;
      const identity = aliasIdentity(alias);
      const earlier = first.get(identity);
      if (earlier === undefined) {
        first.set(identity, i);
        continue;
      }
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `aliases must differ from each other (ignoring case, width and spaces at the ends); same as aliases.${earlier} (${shown(String(aliases[earlier]).trim())})`,
      });
    }
  });

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
  // The URL parser drops tabs and line breaks and so would accept what it does not store as given.
  const hidden = textProblem(value, 'line');
  if (hidden)
    return void ctx.addIssue({
      code: 'custom',
      message: `${allowed}; ${hidden.replace(/^must/, 'it must')}`,
    });
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
const LONG_TEXTS = new Set(['description']);
const YEAR_NAME = /(^y|Y)ear$|^since$|^until$/;
/** Floats that are fractions from 0 to 1: an Indicator's share is 0.356 for 35.6% (docs/ontology.md). */
const FRACTION_NAMES = new Set(['share']);

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = z.number().superRefine((value, ctx) => {
  if (!(value >= 0 && value <= 1))
    ctx.addIssue({
      code: 'custom',
      message: `must be a fraction from 0 to 1 (0.356 for 35.6%); got ${String(value)}`,
    });
});

/**
 * Pairs [start, end] where the end may not come before the start. A zone is founded (establishedYear),
 * often as a provincial zone, and becomes national (approvedYear) then or later (docs/ontology.md).
 */
export const ORDERED_PAIRS = [
  ['since', 'until'],
  ['year', 'endYear'],
  ['establishedYear', 'approvedYear'],
] as const;

const ALL_PROPERTIES: Record<string, PropertyKind>[] = [
  ...Object.values(LABEL_PROPERTIES),
  RELATIONSHIP_PROPERTIES,
];

/**
 * Pairs [date, year] of one property set where the date is the year made precise, by their names:
 * `date` with `year`, `xDate` with `xYear` (approvedDate with approvedYear). Given both, they agree.
 */
export const DATE_YEAR_PAIRS: readonly (readonly [date: string, year: string])[] = [
  ...new Map(
    ALL_PROPERTIES.flatMap((kinds) =>
      Object.entries(kinds)
        .filter(([name, kind]) => kind === 'date' && /(^d|D)ate$/.test(name))
        .map(([name]) => [name, name === 'date' ? 'year' : name.replace(/Date$/, 'Year')] as const)
        .filter(([, year]) => kinds[year] === 'int')
        .map((pair) => [pair.join(), pair] as const),
    ),
  ).values(),
];

/** The rule of a property, from its name and kind in the ontology. */
export function propertyRule(name: string, kind: PropertyKind): z.ZodType {
  if (name === 'description') return text(INPUT_LIMITS.descriptionLength, 'long');
  if (name === 'url') return url;
  switch (kind) {
    case 'int':
      return YEAR_NAME.test(name) ? year : z.number().int();
    case 'float':
      return FRACTION_NAMES.has(name) ? fraction : finite;
    case 'boolean':
      return z.boolean();
    case 'date':
      return date;
    case 'string[]':
      return aliasList;
    case 'string':
      return NAMES.has(name)
        ? text(INPUT_LIMITS.nameLength, 'name')
        : text(INPUT_LIMITS.textLength, LONG_TEXTS.has(name) ? 'long' : 'line');
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

const DATE_OF_YEAR = new Map(DATE_YEAR_PAIRS.map(([date, year]) => [year, date]));

/** The year `values` give for the year property `name`: its own, else that of its date; null when unknown. */
function yearIn(values: Record<string, unknown>, name: string) {
  const own = values[name];
  if (typeof own === 'number') return { name, year: own, shown: String(own) };
  const date = DATE_OF_YEAR.get(name);
  const value = date === undefined ? undefined : values[date];
  if (typeof value === 'string' && /^\d{4}/.test(value))
    return { name: date as string, year: Number(value.slice(0, 4)), shown: value };
  return null;
}

/**
 * The pairs among `values` that contradict each other: an end before its start (until before since,
 * endYear before year, approvedYear before establishedYear, each year taken from its date when only the
 * date is given), and a date outside its year (approvedDate 2020-01-01 with approvedYear 1991). Only
 * what `values` hold is compared: the writer calls this again with the entity as it will be.
 */
export function orderProblems(values: Record<string, unknown>): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const [start, end] of ORDERED_PAIRS) {
    const [a, b] = [yearIn(values, start), yearIn(values, end)];
    if (a && b && b.year < a.year)
      problems.push({ path: b.name, message: `must not be before ${a.name} (${a.shown}); got ${b.shown}` });
  }
  for (const [date, year] of DATE_YEAR_PAIRS) {
    const [d, y] = [values[date], values[year]];
    if (typeof d === 'string' && typeof y === 'number' && /^\d{4}/.test(d) && Number(d.slice(0, 4)) !== y)
      problems.push({ path: date, message: `must be in ${year} (${y}); got ${d}` });
  }
  return problems;
}

export const evidenceRule = z.object({
  source: key,
  quote: text(INPUT_LIMITS.quoteLength, 'long').optional(),
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
