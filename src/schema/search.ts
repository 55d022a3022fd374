/**
 * search(text, types, first): names first, in English, Chinese, aliases and pinyin; then words in
 * descriptions and evidence quotes. The ranking (search-rank.ts) says why each hit was found
 * (`matchedIn`, `highlights`); any text up to SEARCH_MAX_LENGTH is safe.
 */
import type { Label } from '../graph/ontology.ts';
import { type SearchLimits, toSearchQueries } from '../graph/search-query.ts';
import {
  type CandidateRow,
  type EvidenceMatch,
  type Highlight,
  type RankedHit,
  rankCandidates,
  type TextRange,
} from '../graph/search-rank.ts';
import { checkKeyArg } from './arg-rules.ts';
import { builder } from './builder.ts';
import type { Limits } from './context.ts';
import { EntityRef, EntityTypeEnum, EvidenceRef, type EvidenceShape } from './entity.ts';
import { asUserErrors, userInputError } from './errors.ts';

const MatchedInEnum = builder.enumType('SearchMatch', {
  description: 'Where the search text was found.',
  values: {
    NAME: { value: 'NAME', description: 'The name or the Chinese name.' },
    ALIAS: {
      value: 'ALIAS',
      description: 'An alias (short form, abbreviation, former name) or the pinyin of a Chinese name.',
    },
    DESCRIPTION: { value: 'DESCRIPTION', description: 'The description.' },
    EVIDENCE: {
      value: 'EVIDENCE',
      description: 'A quote of the evidence of the entity or of one of its relations (see `evidence`).',
    },
  } as const,
});

const HighlightFieldEnum = builder.enumType('SearchHighlightField', {
  description: 'The field a highlight is in.',
  values: {
    NAME: { value: 'NAME' },
    NAME_ZH: { value: 'NAME_ZH' },
    ALIAS: { value: 'ALIAS' },
    PINYIN: { value: 'PINYIN', description: 'Toneless pinyin of the Chinese name (or a Chinese alias).' },
    DESCRIPTION: { value: 'DESCRIPTION' },
    EVIDENCE: { value: 'EVIDENCE', description: 'The quote in `SearchHit.evidence`.' },
  } as const,
});

const TextRangeRef = builder.objectRef<TextRange>('TextRange').implement({
  description: 'A part of a text: UTF-16 offsets (as JavaScript strings count), `end` exclusive.',
  fields: (t) => ({ start: t.exposeInt('start'), end: t.exposeInt('end') }),
});

const HighlightRef = builder.objectRef<Highlight>('SearchHighlight').implement({
  description:
    'Which part of which field matched: `text` is the whole field, `ranges` the parts that matched.',
  fields: (t) => ({
    field: t.field({ type: HighlightFieldEnum, resolve: (h) => h.field }),
    text: t.exposeString('text'),
    ranges: t.field({ type: [TextRangeRef], resolve: (h) => h.ranges }),
  }),
});

const SearchRelationRef = builder
  .objectRef<NonNullable<EvidenceMatch['relation']>>('SearchRelation')
  .implement({
    description: 'The relation an evidence quote states.',
    fields: (t) => ({
      type: t.exposeString('type', { description: 'The relationship type, e.g. ORIGINATED_IN.' }),
      from: t.field({ type: EntityRef, resolve: (r) => r.from }),
      to: t.field({ type: EntityRef, resolve: (r) => r.to }),
    }),
  });

const SearchHitRef = builder.objectRef<RankedHit>('SearchHit').implement({
  description:
    'An entity that matches the search text: how well (`score`: higher is better, the integer part is the kind of match), where (`matchedIn`, `highlights`) and, for a quote, which fact and source.',
  fields: (t) => ({
    score: t.exposeFloat('score', {
      description:
        '7 name, 6 alias or pinyin, 5 start of a name, 4 phrase in a name, 3 all words in a name, 2 all words in the description or a quote, 1 some words; plus a fraction for how well within that kind.',
    }),
    entity: t.field({ type: EntityRef, resolve: (hit) => hit.entity }),
    matchedIn: t.field({ type: MatchedInEnum, resolve: (hit) => hit.matchedIn }),
    highlights: t.field({ type: [HighlightRef], resolve: (hit) => hit.highlights }),
    evidence: t.field({
      type: EvidenceRef,
      nullable: true,
      description: 'When matchedIn is EVIDENCE: the quote, where it is from (source, paragraph).',
      resolve: (hit): EvidenceShape | null =>
        hit.evidence
          ? {
              quote: hit.evidence.quote,
              paragraph: hit.evidence.paragraph,
              sourceKey: hit.evidence.sourceKey ?? '',
            }
          : null,
    }),
    relation: t.field({
      type: SearchRelationRef,
      nullable: true,
      description:
        'When matchedIn is EVIDENCE and the quote states a relation of the entity (rather than the entity itself): that relation.',
      resolve: (hit) => hit.evidence?.relation ?? null,
    }),
  }),
});

export const MAX_SEARCH_RESULTS = 100;
/**
 * Candidates read before ranking: of names and of words, the hits asked for and a few more; of quotes
 * (which rank below every name match), about half as many.
 */
const EXTRA_CANDIDATES = 5;

/** SEARCH_MAX_LENGTH and SEARCH_MAX_TERMS, with the request's other limits. */
function searchLimits(limits: Limits): SearchLimits {
  return { maxLength: limits.searchMaxLength, maxTerms: limits.searchMaxTerms };
}

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    description:
      'Search by name in English, Chinese, aliases and pinyin (“Zhongguancun”, “中关村”, “ZGC”, “zhongguancun”), then in descriptions and evidence quotes; best match first. Sources are searched only when `types` names SOURCE. Operators are not interpreted: any text is a plain search.',
    args: {
      text: t.arg.string({ required: true }),
      types: t.arg({ type: [EntityTypeEnum], required: false }),
      first: t.arg.int({ required: false, defaultValue: 10 }),
    },
    resolve: async (_root, { text, types, first }, { reports, limits }) => {
      if (first == null || first < 1 || first > MAX_SEARCH_RESULTS) {
        throw userInputError(`first must be between 1 and ${MAX_SEARCH_RESULTS}; got ${first}`);
      }
      const queries = await asUserErrors(async () => toSearchQueries(text, searchLimits(limits)));
      const rows = await reports.searchCandidates(
        queries,
        (types ?? []) as Label[],
        first + EXTRA_CANDIDATES,
        Math.ceil(first / 2) + 1,
      );
      return rankCandidates(rows as unknown as CandidateRow[], text, first, queries.words);
    },
  }),
);

builder.queryField('entity', (t) =>
  t.field({
    type: EntityRef,
    nullable: true,
    description:
      'The entity with this key, whatever its type (keys are unique across types), or the one that had this key before keys were made unique (its `formerKeys`: the place `shenzhen` is now `shenzhen-place`).',
    args: { key: t.arg.string({ required: true }) },
    resolve: async (_root, { key }, { store }) =>
      (await store.byKeyAnyLabel(checkKeyArg('key', key)))[0] ?? null,
  }),
);
