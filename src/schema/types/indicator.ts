/** The Indicator type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const IndicatorType = defineEntityType('Indicator', {
  description: 'A statistic: what it measures, its value, unit and year.',
  single: 'indicator',
  plural: 'indicators',
  defaultOrder: { field: 'key', direction: 'ASC' },
  fieldDescriptions: {
    metric: 'What is measured (a slug such as rnd-funds).',
    value: 'The figure, in `unit`.',
    unit: 'The unit of `value`.',
    year: 'The year the figure is for.',
    share: 'The figure as a fraction of `comparison` (0.356 for 35.6%); only ever that.',
    threshold:
      'For a count of things above or below a share (zones over 30% of their city’s output): that share, 0–1 (0.3).',
    comparison: 'The whole that `share` or a multiple refers to.',
    qualifier: 'The source’s hedge on the value: more than, over, about, target …',
  },
});
