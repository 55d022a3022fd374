/** The Organization type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const OrganizationType = defineEntityType('Organization', {
  description: 'A body that issues, approves or runs things (the State Council …).',
  single: 'organization',
  plural: 'organizations',
  fieldDescriptions: {
    kind: 'party, government, department …',
  },
});
