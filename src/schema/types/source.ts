/** The Source type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const SourceType = defineEntityType('Source', {
  description:
    'A document facts come from: the source document, and each public page behind the reference tables.',
  single: 'source',
  plural: 'sources',
  fieldDescriptions: {
    title: 'Its title.',
    publisher: 'Who published it.',
    year: 'Its year.',
    url: 'Where it can be read.',
  },
});
