/** The IndustryCluster type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const IndustryClusterType = defineEntityType('IndustryCluster', {
  description: 'An industry cluster in a zone (chip design in Zhongguancun …).',
  single: 'industryCluster',
  plural: 'industryClusters',
  fieldDescriptions: {},
});
