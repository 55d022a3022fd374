/** The Place type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const PlaceType = defineEntityType('Place', {
  description: 'A city, county-level place, province, autonomous region or municipality.',
  single: 'place',
  plural: 'places',
  fieldDescriptions: {
    kind: 'city, county-level, province, autonomous-region, municipality, autonomous-prefecture or new-area.',
  },
});
