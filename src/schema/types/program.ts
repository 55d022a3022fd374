/** The Program type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const ProgramType = defineEntityType('Program', {
  description:
    'A national program, talent program or pilot project (the Torch Program, Golden Sun …), or the system of national hi-tech zones itself.',
  single: 'program',
  plural: 'programs',
  fieldDescriptions: {
    kind: 'system, program, talent-program or pilot-project.',
    year: 'The year it was launched or approved.',
    date: 'Its date, as precise as known.',
    target: 'What it set out to do, in the source’s terms.',
  },
});
