/** Counts over the whole graph: nodes per label, and statements and facts per relationship type. */
import { builder } from './builder.ts';

interface Count {
  name: string;
  count: number;
}

const CountRef = builder.objectRef<Count>('Count').implement({
  description: 'How many nodes carry a label, or how many relationships have a type.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The label or relationship type.' }),
    count: t.exposeInt('count'),
  }),
});

interface RelationshipCount extends Count {
  statements: number;
  facts: number;
}

const RelationshipCountRef = builder.objectRef<RelationshipCount>('RelationshipCount').implement({
  description:
    'The relationships of a type: each is one source’s statement, so two sources stating one link are two statements of one fact.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The relationship type.' }),
    count: t.exposeInt('count', { description: 'Statements (relationships), as `statements`.' }),
    statements: t.exposeInt('statements', {
      description: 'Relationships: one per source that states a link.',
    }),
    facts: t.exposeInt('facts', {
      description: 'Links: distinct pairs of entities joined, however many sources state each.',
    }),
  }),
});

export const StatsRef = builder.objectRef<Record<string, never>>('Stats').implement({
  description: 'Aggregates over the whole graph.',
  fields: (t) => ({
    nodesByLabel: t.field({
      type: [CountRef],
      description: 'Nodes per label of the ontology, largest first.',
      resolve: async (_root, _args, { reports }) => (await reports.nodesByLabel()) as unknown as Count[],
    }),
    relationshipsByType: t.field({
      type: [RelationshipCountRef],
      description: 'Relationships per type, most statements first: statements and facts counted apart.',
      resolve: async (_root, _args, { reports }) =>
        (await reports.relationshipsByType()) as unknown as RelationshipCount[],
    }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({
    type: StatsRef,
    description: 'Counts and aggregates over the whole graph.',
    resolve: () => ({}),
  }),
);
