/** The Technology type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const TechnologyType = defineEntityType('Technology', {
  description: 'A field of breakthroughs or industry (quantum communication, fuel cells …).',
  single: 'technology',
  plural: 'technologies',
  fieldDescriptions: {},
});
