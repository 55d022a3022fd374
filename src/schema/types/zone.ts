/** The Zone type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const ZoneType = defineEntityType('Zone', {
  description: 'A national (or formerly provincial) high-tech industrial development zone.',
  single: 'zone',
  plural: 'zones',
  asOf: {
    description:
      'Only zones that were national hi-tech zones in this year (approvedYear at most asOf): 1 in 1988, 52 in 1992 …; zones whose year is unknown are left out. `stats { zoneCountAsOf(year:) }` says where this count departs from a total a source states (56 listed in 2009, where the source document says 105).',
    where: (year) => ({ approvedYear: { lte: year } }),
  },
  fieldDescriptions: {
    kind: 'What kind of zone (national-hi-tech-zone).',
    approvedYear: 'The year the zone became national (not the year it was founded).',
    approvedDate: 'The approval date as precise as the source gives it (YYYY, YYYY-MM or YYYY-MM-DD).',
    batchNote: 'The approval batch, document numbers and caveats, as the reference table states them.',
    establishedYear: 'The year the zone was founded, where known.',
  },
});
