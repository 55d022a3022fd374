/** The Designation type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const DesignationType = defineEntityType('Designation', {
  description:
    'A status a zone can hold (national hi-tech zone, a National Innovation Demonstration Zone …).',
  single: 'designation',
  plural: 'designations',
  fieldDescriptions: {
    kind: 'What kind of status.',
    date: 'When it was granted, as precise as known.',
    year: 'The year it was granted.',
  },
});
