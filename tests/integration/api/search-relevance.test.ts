/**
 * The relevance benchmark's promise, over every entity of the seeded graph: its English name, its
 * Chinese name and each alias bring it first (hit@1 = 100 %). The questions are those of
 * `npm run bench:search` (bench/search-questions.ts); a name two entities share is answered by either.
 * Partial names and pinyin are measured (MRR) by the benchmark, not asserted here; speed neither.
 */
import { describe, expect, it } from 'vitest';
import {
  buildQuestions,
  EXACT_KINDS,
  enumOf,
  type Question,
  rankOf,
  SEARCH_QUESTION_QUERY,
} from '../../../bench/search-questions.ts';
import { seedFacts } from '../../../src/graph/seed.ts';
import { useApi } from '../../support/graphql.ts';

const api = useApi();
const questions = buildQuestions(seedFacts());

async function misses(kind: Question['kind']): Promise<string[]> {
  const wrong: string[] = [];
  for (const question of questions.filter((q) => q.kind === kind)) {
    const data = await api.ok(SEARCH_QUESTION_QUERY, {
      text: question.text,
      types: question.types?.map(enumOf) ?? null,
      first: 3,
    });
    const hits = (data.search as { entity: { __typename: string; key: string } }[]).map(
      (h) => `${h.entity.__typename}:${h.entity.key}`,
    );
    if (rankOf(question, hits) !== 1)
      wrong.push(`${question.text} → ${hits[0] ?? 'nothing'} (want ${question.entity})`);
  }
  return wrong;
}

describe('search relevance over every entity of the seed (hit@1 = 100 %)', () => {
  it('asks about every entity', () => {
    expect(questions.filter((q) => q.kind === 'name')).toHaveLength(seedFacts().nodes.length);
  });

  it.each(EXACT_KINDS)(
    '%s: every one first',
    async (kind) => {
      expect(await misses(kind)).toEqual([]);
    },
    180_000,
  );
});
