/** search(text, types, first): full text over English, Chinese and aliases; any text is safe. */
import { type EntityRecord, labelOf, toRecord } from '../graph/records.ts';
import { type SearchLimits, toLuceneQuery } from '../graph/search-query.ts';
import type { Plain } from '../neo4j/values.ts';
import { checkKeyArg } from './arg-rules.ts';
import { builder } from './builder.ts';
import type { Limits } from './context.ts';
import { EntityRef, EntityTypeEnum } from './entity.ts';
import { asUserErrors, userInputError } from './errors.ts';

interface SearchHit {
  score: number;
  entity: EntityRecord;
}

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'An entity that matches the search text, with its relevance.',
  fields: (t) => ({
    score: t.exposeFloat('score'),
    entity: t.field({ type: EntityRef, resolve: (hit) => hit.entity }),
  }),
});

export const MAX_SEARCH_RESULTS = 100;

/** SEARCH_MAX_LENGTH and SEARCH_MAX_TERMS, with the request's other limits. */
function searchLimits(limits: Limits): SearchLimits {
  return { maxLength: limits.searchMaxLength, maxTerms: limits.searchMaxTerms };
}

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    description:
      'Full-text search in English, Chinese and aliases (“Zhong”, “中关村”), best match first. Operators are not interpreted: any text is a plain search.',
    args: {
      text: t.arg.string({ required: true }),
      types: t.arg({ type: [EntityTypeEnum], required: false }),
      first: t.arg.int({ required: false, defaultValue: 10 }),
    },
    resolve: async (_root, { text, types, first }, { reports, limits }) => {
      if (first == null || first < 1 || first > MAX_SEARCH_RESULTS) {
        throw userInputError(`first must be between 1 and ${MAX_SEARCH_RESULTS}; got ${first}`);
      }
      const query = await asUserErrors(async () => toLuceneQuery(text, searchLimits(limits)));
      const rows = await reports.search(query, types ?? [], first);
      return rows.map((row) => ({
        score: Number(row.score),
        entity: toRecord(labelOf(row.labels ?? []), row.node as Record<string, Plain>),
      }));
    },
  }),
);

builder.queryField('entity', (t) =>
  t.field({
    type: EntityRef,
    nullable: true,
    description:
      'The entity with this key, whatever its type (keys are unique per type; the first found wins).',
    args: { key: t.arg.string({ required: true }) },
    resolve: async (_root, { key }, { store }) =>
      (await store.byKeyAnyLabel(checkKeyArg('key', key)))[0] ?? null,
  }),
);
