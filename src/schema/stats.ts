/** Counts over the whole graph: nodes per label and relationships per type. */
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

export const StatsRef = builder.objectRef<Record<string, never>>('Stats').implement({
  description: 'Aggregates over the whole graph.',
  fields: (t) => ({
    nodesByLabel: t.field({
      type: [CountRef],
      description: 'Nodes per label of the ontology, largest first.',
      resolve: async (_root, _args, { reports }) => (await reports.nodesByLabel()) as unknown as Count[],
    }),
    relationshipsByType: t.field({
      type: [CountRef],
      description: 'Relationships per type, largest first.',
      resolve: async (_root, _args, { reports }) =>
        (await reports.relationshipsByType()) as unknown as Count[],
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
