/** The Company type: its description, its own fields' descriptions, its root fields. */
import { defineEntityType } from '../entity-type.ts';

export const CompanyType = defineEntityType('Company', {
  description: 'An enterprise (Huawei, Lenovo …).',
  single: 'company',
  plural: 'companies',
  fieldDescriptions: {
    foundedYear: 'The year the company was founded.',
  },
});
