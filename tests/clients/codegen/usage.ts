/**
 * What an app writes with graphql-codegen's types (generated into __generated__/types.ts by
 * tests/clients/codegen.test.ts): type-checked with `tsc --strict` against the generated file.
 */
import type {
  CodegenNodeQuery,
  CodegenRelationsQuery,
  CodegenZoneQuery,
  CodegenZoneQueryVariables,
} from './__generated__/types.ts';

export const variables: CodegenZoneQueryVariables = { key: 'zhongguancun', first: 2 };

export function companyNames(data: CodegenZoneQuery): string[] {
  return data.zone?.companies.edges.map((edge) => edge.node.name) ?? [];
}

export function nextCursor(data: CodegenZoneQuery): string | null | undefined {
  const page = data.zone?.companies.pageInfo;
  return page?.hasNextPage ? page.endCursor : null;
}

export function cityName(data: CodegenZoneQuery): string | undefined {
  return data.zone?.cityEdge?.node.name;
}

export function describeNode(data: CodegenNodeQuery): string {
  const node = data.node;
  if (!node) return 'none';
  if (node.__typename === 'Zone') return `${node.name} (${node.approvedYear ?? '?'})`;
  return `${node.__typename} ${node.key}`;
}

export function relationTypes(data: CodegenRelationsQuery): string[] {
  return data.entity?.relations.edges.map((e) => `${e.type} ${e.direction} ${e.node.key}`) ?? [];
}
