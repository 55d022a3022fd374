/** The Event type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const EventType = defineEntityType('Event', {
  description: 'A dated milestone (the 1985 Decision issued, the 1988 Torch Program …).',
  single: 'event',
  plural: 'events',
  fieldDescriptions: {
    date: 'The date, as precise as the source gives it.',
    year: 'The year.',
    endYear: 'The last year, for a milestone spanning years (1991–1992).',
    zoneCount: 'For an approval batch: the zones the reference tables date to its month.',
    statedZoneCount: 'For an approval batch: the size a source states for it ("Dec 2013 batch of 9").',
    departure: 'Where zoneCount differs from statedZoneCount: how, and why.',
  },
});
