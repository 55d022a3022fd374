/** The Policy type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const PolicyType = defineEntityType('Policy', {
  description: 'A decision, advice, approval or report (the 1985 Decision, the 2009 Advice …).',
  single: 'policy',
  plural: 'policies',
  fieldDescriptions: {
    kind: 'decision, advice, report …',
    year: 'The year it was issued.',
    date: 'Its date, as precise as known.',
  },
});
